package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/** Picture loss indication (PLI, RFC 4585 §6.3.1): PSFB FMT 1 with no FCI. */
public final class Pli {
  public static final int FMT = 1;
  public static final int LENGTH = Feedback.HEADER_LENGTH;

  private byte[] buf;
  private int off = -1;

  /** Reads one PLI at {@code buf[off]}; false if it is not one. */
  public boolean read(byte[] buf, int off, int len) {
    boolean ok = Feedback.validate(buf, off, len, RtcpHeader.PSFB, FMT) >= LENGTH;
    this.buf = ok ? buf : null;
    this.off = ok ? off : -1;
    return ok;
  }

  public boolean isValid() {
    return off >= 0;
  }

  public long senderSsrc() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 4);
  }

  public long mediaSsrc() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 8);
  }

  /** Writes a PLI at {@code dst[off]}; answers 12, or -1 when it does not fit. */
  public static int write(byte[] dst, int off, long senderSsrc, long mediaSsrc) {
    if (!RtcpHeader.fits(dst, off, LENGTH)) {
      return -1;
    }
    Feedback.writeHeader(dst, off, RtcpHeader.PSFB, FMT, LENGTH, senderSsrc, mediaSsrc);
    return LENGTH;
  }
}
