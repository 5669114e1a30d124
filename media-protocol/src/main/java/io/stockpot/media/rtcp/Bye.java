package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * Goodbye (BYE, RFC 3550 §6.6): the SSRCs leaving and an optional reason. A reason whose length
 * runs past the packet is ignored rather than failing the packet.
 */
public final class Bye {
  private byte[] buf;
  private int off = -1;
  private int sourceCount;
  private int reasonOff;
  private int reasonLen;

  /** Reads one BYE packet at {@code buf[off]}; false if its SSRC list does not fit. */
  public boolean read(byte[] buf, int off, int len) {
    this.buf = null;
    this.off = -1;
    this.sourceCount = 0;
    this.reasonOff = -1;
    this.reasonLen = 0;
    int size = RtcpHeader.validate(buf, off, len, RtcpHeader.BYE);
    if (size < RtcpHeader.HEADER_LENGTH) {
      return false;
    }
    int count = RtcpHeader.count(buf, off);
    int pos = off + RtcpHeader.HEADER_LENGTH + 4 * count;
    if (pos > off + size) {
      return false;
    }
    this.buf = buf;
    this.off = off;
    this.sourceCount = count;
    if (pos < off + size) {
      int textLen = buf[pos] & 0xFF;
      if (pos + 1 + textLen <= off + size) {
        reasonOff = pos + 1;
        reasonLen = textLen;
      }
    }
    return true;
  }

  public boolean isValid() {
    return off >= 0;
  }

  public int ssrcCount() {
    return sourceCount;
  }

  /** The {@code i}-th SSRC, or -1 when out of range. */
  public long ssrc(int i) {
    return i < 0 || i >= sourceCount ? -1 : Bytes.readUint32(buf, off + 4 + 4 * i);
  }

  /** The reason (allocates), or null when absent. */
  public String reason() {
    return reasonOff < 0 ? null : new String(buf, reasonOff, reasonLen, StandardCharsets.UTF_8);
  }

  /**
   * Writes a BYE for {@code ssrcs[0, count)} (at most 31) with an optional reason of at most 255
   * bytes at {@code dst[off]}; answers its length, or -1.
   */
  public static int write(byte[] dst, int off, long[] ssrcs, int count, byte[] reason) {
    if (count < 0 || count > 31 || (reason != null && reason.length > 255)) {
      return -1;
    }
    int reasonSize = reason == null ? 0 : (1 + reason.length + 3) & ~3;
    int size = RtcpHeader.HEADER_LENGTH + 4 * count + reasonSize;
    if (!RtcpHeader.fits(dst, off, size)) {
      return -1;
    }
    RtcpHeader.writeHeader(dst, off, count, RtcpHeader.BYE, size);
    for (int i = 0; i < count; i++) {
      Bytes.writeInt(dst, off + 4 + 4 * i, ssrcs[i]);
    }
    if (reason != null) {
      int at = off + 4 + 4 * count;
      dst[at] = (byte) reason.length;
      System.arraycopy(reason, 0, dst, at + 1, reason.length);
      for (int i = at + 1 + reason.length; i < off + size; i++) {
        dst[i] = 0;
      }
    }
    return size;
  }
}
