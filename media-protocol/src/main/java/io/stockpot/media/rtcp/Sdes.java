package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * Source description (SDES, RFC 3550 §6.5). Only CNAME matters to an SFU, so the view remembers the
 * first CNAME item; other items are skipped. Parsing is tolerant: a malformed chunk ends the walk,
 * keeping what was found before it, and the packet still reads as valid.
 */
public final class Sdes {
  public static final int ITEM_END = 0;
  public static final int ITEM_CNAME = 1;

  private byte[] buf;
  private int off = -1;
  private int chunks;
  private long cnameSsrc;
  private int cnameOff;
  private int cnameLen;

  /** Reads one SDES packet at {@code buf[off]}; false only when its header is unusable. */
  public boolean read(byte[] buf, int off, int len) {
    this.buf = null;
    this.off = -1;
    this.chunks = 0;
    this.cnameSsrc = -1;
    this.cnameOff = -1;
    this.cnameLen = 0;
    int size = RtcpHeader.validate(buf, off, len, RtcpHeader.SDES);
    if (size < RtcpHeader.HEADER_LENGTH) {
      return false;
    }
    this.buf = buf;
    this.off = off;
    walk(RtcpHeader.count(buf, off), off + RtcpHeader.HEADER_LENGTH, off + size);
    return true;
  }

  private void walk(int sourceCount, int pos, int end) {
    for (int c = 0; c < sourceCount; c++) {
      if (end - pos < 4) {
        return;
      }
      long ssrc = Bytes.readUint32(buf, pos);
      int start = pos;
      pos += 4;
      while (true) {
        if (pos >= end) {
          return;
        }
        int type = buf[pos] & 0xFF;
        if (type == ITEM_END) {
          pos++;
          break;
        }
        if (end - pos < 2 || pos + 2 + (buf[pos + 1] & 0xFF) > end) {
          return;
        }
        int itemLen = buf[pos + 1] & 0xFF;
        if (type == ITEM_CNAME && cnameOff < 0) {
          cnameSsrc = ssrc;
          cnameOff = pos + 2;
          cnameLen = itemLen;
        }
        pos += 2 + itemLen;
      }
      pos = start + ((pos - start + 3) & ~3); // chunks end on a 32-bit boundary
      chunks++;
    }
  }

  public boolean isValid() {
    return off >= 0;
  }

  /** Chunks walked successfully. */
  public int chunkCount() {
    return chunks;
  }

  public boolean hasCname() {
    return cnameOff >= 0;
  }

  /** SSRC of the chunk holding the first CNAME, or -1. */
  public long cnameSsrc() {
    return cnameSsrc;
  }

  /** The first CNAME (allocates; SDES arrives every few seconds), or null. */
  public String cname() {
    return cnameOff < 0 ? null : new String(buf, cnameOff, cnameLen, StandardCharsets.UTF_8);
  }

  /**
   * Writes an SDES packet with one chunk holding one CNAME item (at most 255 bytes) at {@code
   * dst[off]}; answers its length, or -1.
   */
  public static int writeCname(byte[] dst, int off, long ssrc, byte[] cname) {
    if (cname == null || cname.length > 255) {
      return -1;
    }
    // header, SSRC, item type and length, text, then at least one END byte up to a 4-byte boundary
    int size = (RtcpHeader.HEADER_LENGTH + 4 + 2 + cname.length + 1 + 3) & ~3;
    if (!RtcpHeader.fits(dst, off, size)) {
      return -1;
    }
    RtcpHeader.writeHeader(dst, off, 1, RtcpHeader.SDES, size);
    Bytes.writeInt(dst, off + 4, ssrc);
    dst[off + 8] = ITEM_CNAME;
    dst[off + 9] = (byte) cname.length;
    System.arraycopy(cname, 0, dst, off + 10, cname.length);
    for (int i = off + 10 + cname.length; i < off + size; i++) {
      dst[i] = 0;
    }
    return size;
  }
}
