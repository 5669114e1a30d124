package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/**
 * A receiver report (RR, RFC 3550 §6.4.2): the reporter's SSRC and reception report blocks.
 * Reusable view; {@link #write} builds one into a caller buffer.
 */
public final class ReceiverReport extends ReportPacket {
  /** Header and SSRC. */
  public static final int MIN_LENGTH = 8;

  public ReceiverReport() {
    super(RtcpHeader.RR, MIN_LENGTH);
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
