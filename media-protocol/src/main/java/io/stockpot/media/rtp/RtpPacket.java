package io.stockpot.media.rtp;

import io.stockpot.media.wire.Bytes;
import java.util.Arrays;

/**
 * A view of one RTP packet (RFC 3550 §5.1) in a caller-owned buffer, with its header extension
 * elements (RFC 8285) indexed on {@link #read}. One instance is reused for every packet; it copies
 * nothing, and its answers hold while the caller leaves the buffer unchanged. The setters rewrite
 * header fields in place, which is what forwarding a packet to a consumer needs. Not thread-safe.
 *
 * <p>Malformed input never throws: {@link #read} answers false and the view is then empty.
 * Extension elements that run past the extension block are ignored (the packet stays readable), as
 * are elements beyond the first {@link #MAX_EXTENSIONS}.
 */
public final class RtpPacket {
  public static final int FIXED_HEADER_LENGTH = 12;

  /** "defined by profile" value of the one-byte extension form (RFC 8285 §4.2). */
  public static final int ONE_BYTE_PROFILE = 0xBEDE;

  /** Two-byte form (RFC 8285 §4.3): 0x100 followed by 4 application bits. */
  public static final int TWO_BYTE_PROFILE = 0x1000;

  /** Extension elements indexed per packet; WebRTC packets carry well under ten. */
  public static final int MAX_EXTENSIONS = 32;

  private final int[] extIds = new int[MAX_EXTENSIONS];
  private final int[] extOffsets = new int[MAX_EXTENSIONS];
  private final int[] extLengths = new int[MAX_EXTENSIONS];

  private byte[] buf;
  private int off;
  private int length;
  private boolean valid;
  private int headerLength;
  private int paddingLength;
  private int extBlockOff;
  private int extProfile;
  private int extCount;

  /** A view holding no packet yet; call {@link #read}. */
  public RtpPacket() {
    reset();
  }

  /** Reads {@code buf[off, off + len)} as one RTP packet; false if it is not a valid one. */
  public boolean read(byte[] buf, int off, int len) {
    reset();
    if (buf == null || off < 0 || len < FIXED_HEADER_LENGTH || off > buf.length - len) {
      return false;
    }
    int first = buf[off] & 0xFF;
    if ((first >>> 6) != 2) {
      return false;
    }
    int pos = FIXED_HEADER_LENGTH + 4 * (first & 0x0F);
    if (pos > len) {
      return false;
    }
    int blockOff = -1;
    int dataLen = 0;
    if ((first & 0x10) != 0) {
      if (pos + 4 > len) {
        return false;
      }
      blockOff = off + pos;
      dataLen = 4 * Bytes.readShort(buf, blockOff + 2);
      pos += 4 + dataLen;
      if (pos > len) {
        return false;
      }
    }
    int padding = 0;
    if ((first & 0x20) != 0) {
      padding = buf[off + len - 1] & 0xFF;
      if (padding == 0 || pos + padding > len) {
        return false;
      }
    }
    this.buf = buf;
    this.off = off;
    this.length = len;
    this.headerLength = pos;
    this.paddingLength = padding;
    this.valid = true;
    if (blockOff >= 0) {
      extBlockOff = blockOff;
      extProfile = Bytes.readShort(buf, blockOff);
      indexExtensions(blockOff + 4, blockOff + 4 + dataLen);
    }
    return true;
  }

  private void indexExtensions(int pos, int end) {
    if (extProfile == ONE_BYTE_PROFILE) {
      while (pos < end) {
        int b = buf[pos] & 0xFF;
        if (b == 0) {
          pos++; // padding byte
          continue;
        }
        int id = b >>> 4;
        int len = (b & 0x0F) + 1;
        if (id == 15 || pos + 1 + len > end) {
          return; // id 15 tells the reader to stop (RFC 8285 §4.2)
        }
        record(id, pos + 1, len);
        pos += 1 + len;
      }
    } else if ((extProfile & 0xFFF0) == TWO_BYTE_PROFILE) {
      while (pos < end) {
        int id = buf[pos] & 0xFF;
        if (id == 0) {
          pos++;
          continue;
        }
        if (pos + 2 > end) {
          return;
        }
        int len = buf[pos + 1] & 0xFF;
        if (pos + 2 + len > end) {
          return;
        }
        record(id, pos + 2, len);
        pos += 2 + len;
      }
    }
  }

  private void record(int id, int valueOff, int len) {
    if (extCount < MAX_EXTENSIONS) {
      extIds[extCount] = id;
      extOffsets[extCount] = valueOff;
      extLengths[extCount] = len;
      extCount++;
    }
  }

  private void reset() {
    buf = null;
    off = 0;
    length = 0;
    valid = false;
    headerLength = 0;
    paddingLength = 0;
    extBlockOff = -1;
    extProfile = -1;
    extCount = 0;
  }

  public boolean isValid() {
    return valid;
  }

  /** The buffer last read (null when invalid). */
  public byte[] buffer() {
    return buf;
  }

  /** The packet's offset in {@link #buffer()}. */
  public int offset() {
    return off;
  }

  /** The packet's size in bytes, padding included (0 when invalid). */
  public int length() {
    return length;
  }

  public boolean hasPadding() {
    return valid && (buf[off] & 0x20) != 0;
  }

  /** Bytes of padding at the end, the count byte included (0 without padding). */
  public int paddingLength() {
    return paddingLength;
  }

  public boolean hasExtension() {
    return extBlockOff >= 0;
  }

  public int csrcCount() {
    return valid ? buf[off] & 0x0F : 0;
  }

  /** The {@code i}-th CSRC as an unsigned 32-bit value, or -1 when out of range. */
  public long csrc(int i) {
    return i < 0 || i >= csrcCount()
        ? -1
        : Bytes.readUint32(buf, off + FIXED_HEADER_LENGTH + 4 * i);
  }

  public boolean marker() {
    return valid && (buf[off + 1] & 0x80) != 0;
  }

  /** Payload type 0..127, or -1 when invalid. */
  public int payloadType() {
    return valid ? buf[off + 1] & 0x7F : -1;
  }

  /** Sequence number 0..65535, or -1 when invalid. */
  public int sequenceNumber() {
    return valid ? Bytes.readShort(buf, off + 2) : -1;
  }

  /** Timestamp as an unsigned 32-bit value, or -1 when invalid. */
  public long timestamp() {
    return valid ? Bytes.readUint32(buf, off + 4) : -1;
  }

  /** SSRC as an unsigned 32-bit value, or -1 when invalid. */
  public long ssrc() {
    return valid ? Bytes.readUint32(buf, off + 8) : -1;
  }

  /** Fixed header, CSRCs and extension block together. */
  public int headerLength() {
    return headerLength;
  }

  /** Absolute offset of the payload in {@link #buffer()}. */
  public int payloadOffset() {
    return off + headerLength;
  }

  /** Payload size, padding excluded. */
  public int payloadLength() {
    return valid ? length - headerLength - paddingLength : 0;
  }

  public void setMarker(boolean marker) {
    if (valid) {
      buf[off + 1] = (byte) (marker ? buf[off + 1] | 0x80 : buf[off + 1] & 0x7F);
    }
  }

  public void setPayloadType(int payloadType) {
    if (valid) {
      buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | (payloadType & 0x7F));
    }
  }

  public void setSequenceNumber(int seq) {
    if (valid) {
      Bytes.writeShort(buf, off + 2, seq);
    }
  }

  public void setTimestamp(long timestamp) {
    if (valid) {
      Bytes.writeInt(buf, off + 4, (int) timestamp);
    }
  }

  public void setSsrc(long ssrc) {
    if (valid) {
      Bytes.writeInt(buf, off + 8, (int) ssrc);
    }
  }

  /** The extension block's "defined by profile" field, or -1 without an extension. */
  public int extensionProfile() {
    return extProfile;
  }

  public boolean isOneByteExtension() {
    return extProfile == ONE_BYTE_PROFILE;
  }

  public boolean isTwoByteExtension() {
    return extProfile >= 0 && (extProfile & 0xFFF0) == TWO_BYTE_PROFILE;
  }

  /** How many extension elements were indexed. */
  public int extensionCount() {
    return extCount;
  }

  /** Id of the {@code i}-th indexed element (0 after it was dropped by a remap), or -1. */
  public int extensionIdAt(int i) {
    return i < 0 || i >= extCount ? -1 : extIds[i];
  }

  /** Absolute offset of the value of the first element with {@code id}, or -1 when absent. */
  public int findExtension(int id) {
    int i = indexOf(id);
    return i < 0 ? -1 : extOffsets[i];
  }

  /** Value length of the first element with {@code id}, or -1 when absent. */
  public int extensionLength(int id) {
    int i = indexOf(id);
    return i < 0 ? -1 : extLengths[i];
  }

  private int indexOf(int id) {
    if (id <= 0) {
      return -1;
    }
    for (int i = 0; i < extCount; i++) {
      if (extIds[i] == id) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Overwrites the value of element {@code id} with {@code src[srcOff, srcOff + len)}; only when
   * the element is present with exactly that length (the packet is never resized).
   */
  public boolean setExtension(int id, byte[] src, int srcOff, int len) {
    int i = indexOf(id);
    if (i < 0 || extLengths[i] != len) {
      return false;
    }
    System.arraycopy(src, srcOff, buf, extOffsets[i], len);
    return true;
  }

  /**
   * Rewrites every element's id through {@code idMap} (old id → new id, as unsigned bytes), as
   * forwarding from a producer's negotiated ids to a consumer's needs (a 256-entry table; ids past
   * its end map to 0). An element whose new id is 0, or does not fit the one-byte form (above 14),
   * is overwritten with zero padding bytes, which receivers skip (RFC 8285 §4.2, §4.3), so the
   * packet keeps its size.
   */
  public void remapExtensionIds(byte[] idMap) {
    boolean oneByte = isOneByteExtension();
    for (int i = 0; i < extCount; i++) {
      int id = extIds[i];
      if (id == 0) {
        continue;
      }
      int newId = id < idMap.length ? idMap[id] & 0xFF : 0;
      int headerOff = extOffsets[i] - (oneByte ? 1 : 2);
      if (newId == 0 || (oneByte && newId > 14)) {
        Arrays.fill(buf, headerOff, extOffsets[i] + extLengths[i], (byte) 0);
        extIds[i] = 0;
      } else {
        buf[headerOff] = oneByte ? (byte) ((newId << 4) | (extLengths[i] - 1)) : (byte) newId;
        extIds[i] = newId;
      }
    }
  }

  /**
   * Writes a 12-byte fixed header (no CSRC, extension or padding) at {@code dst[dstOff]}; answers
   * 12, or -1 when it does not fit.
   */
  public static int writeHeader(
      byte[] dst, int dstOff, boolean marker, int payloadType, int seq, long timestamp, long ssrc) {
    if (dstOff < 0 || dstOff > dst.length - FIXED_HEADER_LENGTH) {
      return -1;
    }
    dst[dstOff] = (byte) 0x80;
    dst[dstOff + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
    Bytes.writeShort(dst, dstOff + 2, seq);
    Bytes.writeInt(dst, dstOff + 4, (int) timestamp);
    Bytes.writeInt(dst, dstOff + 8, (int) ssrc);
    return FIXED_HEADER_LENGTH;
  }
}
