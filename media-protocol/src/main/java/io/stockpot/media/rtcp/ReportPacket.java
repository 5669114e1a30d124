package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/**
 * What sender and receiver reports share: a header of a fixed size (SSRC, and for an SR the sender
 * info), then as many 24-byte reception report blocks as the header's count says.
 */
abstract class ReportPacket {
  private final int packetType;
  private final int fixedLength;
  byte[] buf;
  int off = -1;
  private int reportCount;

  ReportPacket(int packetType, int fixedLength) {
    this.packetType = packetType;
    this.fixedLength = fixedLength;
  }

  /** Reads one packet at {@code buf[off]}; false if it is not a well-formed one of this type. */
  public boolean read(byte[] buf, int off, int len) {
    this.buf = null;
    this.off = -1;
    this.reportCount = 0;
    int size = RtcpHeader.validate(buf, off, len, packetType);
    if (size < fixedLength) {
      return false;
    }
    int count = RtcpHeader.count(buf, off);
    if (fixedLength + count * ReportBlock.LENGTH > size) {
      return false;
    }
    this.buf = buf;
    this.off = off;
    this.reportCount = count;
    return true;
  }

  public boolean isValid() {
    return off >= 0;
  }

  public long ssrc() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 4);
  }

  public int reportCount() {
    return reportCount;
  }

  /** Fills {@code into} with report block {@code i}; false when out of range. */
  public boolean reportBlock(int i, ReportBlock into) {
    if (i < 0 || i >= reportCount) {
      return false;
    }
    return into.read(buf, off + fixedLength + i * ReportBlock.LENGTH, ReportBlock.LENGTH);
  }
}
