package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/**
 * One reception report block (RFC 3550 §6.4.1), 24 bytes, as a reusable mutable value: filled by
 * {@link #read} from SR/RR packets, or by {@link #set} before writing one.
 */
public final class ReportBlock {
  public static final int LENGTH = 24;

  private long ssrc;
  private int fractionLost;
  private int cumulativeLost;
  private long extendedHighestSeq;
  private long jitter;
  private long lastSr;
  private long delaySinceLastSr;

  /** Fills this block from {@code buf[off, off + 24)}; false when fewer bytes are there. */
  public boolean read(byte[] buf, int off, int len) {
    if (!RtcpHeader.fits(buf, off, LENGTH) || len < LENGTH) {
      return false;
    }
    ssrc = Bytes.readUint32(buf, off);
    fractionLost = buf[off + 4] & 0xFF;
    cumulativeLost = (Bytes.readUint24(buf, off + 5) << 8) >> 8; // signed 24 bits
    extendedHighestSeq = Bytes.readUint32(buf, off + 8);
    jitter = Bytes.readUint32(buf, off + 12);
    lastSr = Bytes.readUint32(buf, off + 16);
    delaySinceLastSr = Bytes.readUint32(buf, off + 20);
    return true;
  }

  /**
   * Sets every field. {@code cumulativeLost} is clamped to the signed 24-bit range; {@code
   * fractionLost} is in 1/256 units.
   */
  public ReportBlock set(
      long ssrc,
      int fractionLost,
      int cumulativeLost,
      long extendedHighestSeq,
      long jitter,
      long lastSr,
      long delaySinceLastSr) {
    this.ssrc = ssrc & 0xFFFF_FFFFL;
    this.fractionLost = fractionLost & 0xFF;
    this.cumulativeLost = Math.max(-0x80_0000, Math.min(0x7F_FFFF, cumulativeLost));
    this.extendedHighestSeq = extendedHighestSeq & 0xFFFF_FFFFL;
    this.jitter = jitter & 0xFFFF_FFFFL;
    this.lastSr = lastSr & 0xFFFF_FFFFL;
    this.delaySinceLastSr = delaySinceLastSr & 0xFFFF_FFFFL;
    return this;
  }

  /** Writes the 24 bytes at {@code dst[off]}; answers 24, or -1 when they do not fit. */
  public int write(byte[] dst, int off) {
    if (!RtcpHeader.fits(dst, off, LENGTH)) {
      return -1;
    }
    Bytes.writeInt(dst, off, ssrc);
    dst[off + 4] = (byte) fractionLost;
    Bytes.writeUint24(dst, off + 5, cumulativeLost);
    Bytes.writeInt(dst, off + 8, extendedHighestSeq);
    Bytes.writeInt(dst, off + 12, jitter);
    Bytes.writeInt(dst, off + 16, lastSr);
    Bytes.writeInt(dst, off + 20, delaySinceLastSr);
    return LENGTH;
  }

  public long ssrc() {
    return ssrc;
  }

  /** Fraction of packets lost since the previous report, in 1/256 units. */
  public int fractionLost() {
    return fractionLost;
  }

  /** Cumulative packets lost; negative when duplicates outnumber losses. */
  public int cumulativeLost() {
    return cumulativeLost;
  }

  public long extendedHighestSeq() {
    return extendedHighestSeq;
  }

  /** Interarrival jitter in RTP timestamp units. */
  public long jitter() {
    return jitter;
  }

  /** Middle 32 bits of the NTP timestamp of the last SR received (LSR). */
  public long lastSr() {
    return lastSr;
  }

  /** Delay since that SR (DLSR), in 1/65536 seconds. */
  public long delaySinceLastSr() {
    return delaySinceLastSr;
  }
}
