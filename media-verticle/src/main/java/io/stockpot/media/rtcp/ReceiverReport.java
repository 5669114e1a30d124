package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/**
 * A receiver report (RR, RFC 3550 §6.4.2): the reporter's SSRC and reception report blocks.
 * Reusable view; {@link #write} builds one into a caller buffer.
 */
public final class ReceiverReport {
  /** Header and SSRC. */
  public static final int MIN_LENGTH = 8;

  private byte[] buf;
  private int off = -1;
  private int reportCount;

  /** Reads one RR packet at {@code buf[off]}; false if it is not a well-formed RR. */
  public boolean read(byte[] buf, int off, int len) {
    this.buf = null;
    this.off = -1;
    this.reportCount = 0;
    int size = RtcpHeader.validate(buf, off, len, RtcpHeader.RR);
    if (size < MIN_LENGTH) {
      return false;
    }
    int count = RtcpHeader.count(buf, off);
    if (MIN_LENGTH + count * ReportBlock.LENGTH > size) {
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
    return into.read(buf, off + MIN_LENGTH + i * ReportBlock.LENGTH, ReportBlock.LENGTH);
  }

  /**
   * Writes an RR with {@code blocks[0, blockCount)} at {@code dst[off]}; answers its length, or -1
   * when it does not fit or there are more than 31 blocks.
   */
  public static int write(byte[] dst, int off, long ssrc, ReportBlock[] blocks, int blockCount) {
    int size = MIN_LENGTH + blockCount * ReportBlock.LENGTH;
    if (blockCount < 0 || blockCount > 31 || !RtcpHeader.fits(dst, off, size)) {
      return -1;
    }
    RtcpHeader.writeHeader(dst, off, blockCount, RtcpHeader.RR, size);
    Bytes.writeInt(dst, off + 4, ssrc);
    for (int i = 0; i < blockCount; i++) {
      blocks[i].write(dst, off + MIN_LENGTH + i * ReportBlock.LENGTH);
    }
    return size;
  }
}
