package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/**
 * A sender report (SR, RFC 3550 §6.4.1): the sender's SSRC, NTP and RTP timestamps of the same
 * instant, packet and octet counts, then reception report blocks. Reusable view; {@link #write}
 * builds one into a caller buffer.
 */
public final class SenderReport extends ReportPacket {
  /** Header, SSRC and sender info. */
  public static final int MIN_LENGTH = 28;

  public SenderReport() {
    super(RtcpHeader.SR, MIN_LENGTH);
  }

  /** Seconds since 1900 (NTP timestamp, most significant word). */
  public long ntpMsw() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 8);
  }

  /** Fraction of a second (NTP timestamp, least significant word). */
  public long ntpLsw() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 12);
  }

  /** The middle 32 bits of the NTP timestamp, as receivers echo them in LSR. */
  public long compactNtp() {
    return off < 0 ? -1 : compactNtp(ntpMsw(), ntpLsw());
  }

  /** The middle 32 bits of an NTP timestamp (LSR and DLSR work in these units). */
  public static long compactNtp(long ntpMsw, long ntpLsw) {
    return ((ntpMsw & 0xFFFF) << 16) | ((ntpLsw >>> 16) & 0xFFFF);
  }

  public long rtpTimestamp() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 16);
  }

  public long packetCount() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 20);
  }

  public long octetCount() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 24);
  }

  /**
   * Writes an SR with {@code blocks[0, blockCount)} at {@code dst[off]}; answers its length, or -1
   * when it does not fit or there are more than 31 blocks.
   */
  public static int write(
      byte[] dst,
      int off,
      long ssrc,
      long ntpMsw,
      long ntpLsw,
      long rtpTimestamp,
      long packetCount,
      long octetCount,
      ReportBlock[] blocks,
      int blockCount) {
    int size = MIN_LENGTH + blockCount * ReportBlock.LENGTH;
    if (blockCount < 0 || blockCount > 31 || !RtcpHeader.fits(dst, off, size)) {
      return -1;
    }
    RtcpHeader.writeHeader(dst, off, blockCount, RtcpHeader.SR, size);
    Bytes.writeInt(dst, off + 4, ssrc);
    Bytes.writeInt(dst, off + 8, ntpMsw);
    Bytes.writeInt(dst, off + 12, ntpLsw);
    Bytes.writeInt(dst, off + 16, rtpTimestamp);
    Bytes.writeInt(dst, off + 20, packetCount);
    Bytes.writeInt(dst, off + 24, octetCount);
    for (int i = 0; i < blockCount; i++) {
      blocks[i].write(dst, off + MIN_LENGTH + i * ReportBlock.LENGTH);
    }
    return size;
  }
}
