package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/**
 * Receiver estimated maximum bitrate (REMB, draft-alvestrand-rmcat-remb-03): application layer
 * feedback (PSFB FMT 15) tagged "REMB", carrying a bitrate as an 18-bit mantissa shifted by a 6-bit
 * exponent, and the SSRCs it applies to. The media SSRC field is unused (0).
 */
public final class Remb {
  public static final int FMT = 15;
  public static final int MIN_LENGTH = 20;

  private static final int MAX_MANTISSA = (1 << 18) - 1;

  private byte[] buf;
  private int off = -1;
  private int ssrcCount;

  /** Reads one REMB at {@code buf[off]}; false if it is not one or its SSRC list does not fit. */
  public boolean read(byte[] buf, int off, int len) {
    this.buf = null;
    this.off = -1;
    this.ssrcCount = 0;
    int size = Feedback.validate(buf, off, len, RtcpHeader.PSFB, FMT);
    if (size < MIN_LENGTH
        || buf[off + 12] != 'R'
        || buf[off + 13] != 'E'
        || buf[off + 14] != 'M'
        || buf[off + 15] != 'B') {
      return false;
    }
    int count = buf[off + 16] & 0xFF;
    if (MIN_LENGTH + 4 * count > size) {
      return false;
    }
    this.buf = buf;
    this.off = off;
    this.ssrcCount = count;
    return true;
  }

  public boolean isValid() {
    return off >= 0;
  }

  public long senderSsrc() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 4);
  }

  /** The bitrate in bits per second (saturating at Long.MAX_VALUE), or -1. */
  public long bitrate() {
    if (off < 0) {
      return -1;
    }
    int exp = (buf[off + 17] & 0xFF) >>> 2;
    long mantissa = Bytes.readUint24(buf, off + 17) & MAX_MANTISSA;
    return mantissa == 0
        ? 0
        : exp > Long.numberOfLeadingZeros(mantissa) - 1 ? Long.MAX_VALUE : mantissa << exp;
  }

  public int ssrcCount() {
    return ssrcCount;
  }

  /** The {@code i}-th SSRC, or -1 when out of range. */
  public long ssrc(int i) {
    return i < 0 || i >= ssrcCount ? -1 : Bytes.readUint32(buf, off + MIN_LENGTH + 4 * i);
  }

  /**
   * Writes a REMB for {@code ssrcs[0, count)} (at most 255) at {@code dst[off]}; answers its
   * length, or -1. The bitrate is rounded down to what the mantissa can hold.
   */
  public static int write(
      byte[] dst, int off, long senderSsrc, long bitrate, long[] ssrcs, int count) {
    int size = MIN_LENGTH + 4 * count;
    if (bitrate < 0 || count < 0 || count > 255 || !RtcpHeader.fits(dst, off, size)) {
      return -1;
    }
    int exp = 0;
    while ((bitrate >>> exp) > MAX_MANTISSA) {
      exp++;
    }
    long mantissa = bitrate >>> exp;
    Feedback.writeHeader(dst, off, RtcpHeader.PSFB, FMT, size, senderSsrc, 0);
    dst[off + 12] = 'R';
    dst[off + 13] = 'E';
    dst[off + 14] = 'M';
    dst[off + 15] = 'B';
    dst[off + 16] = (byte) count;
    Bytes.writeUint24(dst, off + 17, (exp << 18) | (int) mantissa);
    for (int i = 0; i < count; i++) {
      Bytes.writeInt(dst, off + MIN_LENGTH + 4 * i, ssrcs[i]);
    }
    return size;
  }
}
