package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/**
 * The common part of RTCP feedback messages (RFC 4585 §6.1): header with FMT, the SSRC of the
 * packet sender and the SSRC of the media source, followed by feedback control information (FCI).
 */
final class Feedback {
  /** Header and the two SSRCs. */
  static final int HEADER_LENGTH = 12;

  private Feedback() {}

  /** Size of the packet at {@code buf[off]} without padding if it is {@code type}/{@code fmt}. */
  static int validate(byte[] buf, int off, int len, int type, int fmt) {
    int size = RtcpHeader.validate(buf, off, len, type);
    if (size < HEADER_LENGTH || RtcpHeader.count(buf, off) != fmt) {
      return -1;
    }
    return size;
  }

  static void writeHeader(
      byte[] dst, int off, int type, int fmt, int size, long senderSsrc, long mediaSsrc) {
    RtcpHeader.writeHeader(dst, off, fmt, type, size);
    Bytes.writeInt(dst, off + 4, senderSsrc);
    Bytes.writeInt(dst, off + 8, mediaSsrc);
  }
}
