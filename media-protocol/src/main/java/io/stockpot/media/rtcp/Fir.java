package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/**
 * Full intra request (FIR, RFC 5104 §4.3.1): PSFB FMT 4 whose FCI entries each name an SSRC and a
 * command sequence number, which the requester increments for every new request (so a repeated FIR
 * with the same number is recognized as a retransmission). The media SSRC field is unused and
 * written as 0.
 */
public final class Fir {
  public static final int FMT = 4;
  public static final int ENTRY_LENGTH = 8;

  private byte[] buf;
  private int off = -1;
  private int entries;

  /** Reads one FIR at {@code buf[off]}; false if it is not one. */
  public boolean read(byte[] buf, int off, int len) {
    int size = Feedback.validate(buf, off, len, RtcpHeader.PSFB, FMT);
    boolean ok = size >= 0;
    this.buf = ok ? buf : null;
    this.off = ok ? off : -1;
    this.entries = ok ? (size - Feedback.HEADER_LENGTH) / ENTRY_LENGTH : 0;
    return ok;
  }

  public boolean isValid() {
    return off >= 0;
  }

  public long senderSsrc() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 4);
  }

  public int entryCount() {
    return entries;
  }

  /** SSRC of the media sender asked for a key frame in entry {@code i}, or -1. */
  public long entrySsrc(int i) {
    return i < 0 || i >= entries ? -1 : Bytes.readUint32(buf, entryOffset(i));
  }

  /** Command sequence number of entry {@code i} (0..255), or -1. */
  public int entrySeqNr(int i) {
    return i < 0 || i >= entries ? -1 : buf[entryOffset(i) + 4] & 0xFF;
  }

  private int entryOffset(int i) {
    return off + Feedback.HEADER_LENGTH + i * ENTRY_LENGTH;
  }

  /** Writes a FIR with one entry at {@code dst[off]}; answers 20, or -1 when it does not fit. */
  public static int write(byte[] dst, int off, long senderSsrc, long mediaSsrc, int seqNr) {
    int size = Feedback.HEADER_LENGTH + ENTRY_LENGTH;
    if (!RtcpHeader.fits(dst, off, size)) {
      return -1;
    }
    Feedback.writeHeader(dst, off, RtcpHeader.PSFB, FMT, size, senderSsrc, 0);
    Bytes.writeInt(dst, off + 12, mediaSsrc);
    Bytes.writeInt(dst, off + 16, (seqNr & 0xFFL) << 24);
    return size;
  }
}
