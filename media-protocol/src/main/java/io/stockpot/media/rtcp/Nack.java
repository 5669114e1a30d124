package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/**
 * Generic NACK (RFC 4585 §6.2.1): RTPFB FMT 1 whose FCI entries each hold a packet id (PID) and a
 * bitmask of the 16 following lost packets (BLP): bit i set means PID + i + 1 is lost too.
 */
public final class Nack {
  public static final int FMT = 1;
  public static final int ENTRY_LENGTH = 4;

  private byte[] buf;
  private int off = -1;
  private int entries;

  /** Reads one NACK at {@code buf[off]}; false if it is not one. */
  public boolean read(byte[] buf, int off, int len) {
    int size = Feedback.validate(buf, off, len, RtcpHeader.RTPFB, FMT);
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

  public long mediaSsrc() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 8);
  }

  public int entryCount() {
    return entries;
  }

  /** PID of entry {@code i}, or -1. */
  public int pid(int i) {
    return i < 0 || i >= entries ? -1 : Bytes.readShort(buf, entryOffset(i));
  }

  /** BLP of entry {@code i}, or -1. */
  public int blp(int i) {
    return i < 0 || i >= entries ? -1 : Bytes.readShort(buf, entryOffset(i) + 2);
  }

  private int entryOffset(int i) {
    return off + Feedback.HEADER_LENGTH + i * ENTRY_LENGTH;
  }

  /**
   * Writes the lost sequence numbers, in entry order, into {@code out}; answers how many (at most
   * {@code out.length}; 17 per entry is the most a packet can name).
   */
  public int lostSequenceNumbers(int[] out) {
    int n = 0;
    for (int i = 0; i < entries && n < out.length; i++) {
      int pid = pid(i);
      int blp = blp(i);
      out[n++] = pid;
      for (int bit = 0; bit < 16 && n < out.length; bit++) {
        if ((blp & (1 << bit)) != 0) {
          out[n++] = (pid + bit + 1) & 0xFFFF;
        }
      }
    }
    return n;
  }

  /**
   * Writes a NACK naming {@code seqs[0, count)} at {@code dst[off]}; answers its length, or -1 when
   * it does not fit. Each number up to 16 ahead of the current entry's PID joins its bitmask; any
   * other starts a new entry, so ascending (wrapping) input packs best.
   */
  public static int write(
      byte[] dst, int off, long senderSsrc, long mediaSsrc, int[] seqs, int count) {
    if (count <= 0 || !RtcpHeader.fits(dst, off, Feedback.HEADER_LENGTH)) {
      return -1;
    }
    int pos = off + Feedback.HEADER_LENGTH;
    int pid = -1;
    int blp = 0;
    for (int i = 0; i < count; i++) {
      int seq = seqs[i] & 0xFFFF;
      int ahead = (seq - pid) & 0xFFFF;
      if (pid >= 0 && ahead >= 1 && ahead <= 16) {
        blp |= 1 << (ahead - 1);
        continue;
      }
      if (pid >= 0) {
        pos = putEntry(dst, pos, pid, blp);
        if (pos < 0) {
          return -1;
        }
      }
      pid = seq;
      blp = 0;
    }
    pos = putEntry(dst, pos, pid, blp);
    if (pos < 0) {
      return -1;
    }
    int size = pos - off;
    Feedback.writeHeader(dst, off, RtcpHeader.RTPFB, FMT, size, senderSsrc, mediaSsrc);
    return size;
  }

  private static int putEntry(byte[] dst, int pos, int pid, int blp) {
    if (pos > dst.length - ENTRY_LENGTH) {
      return -1;
    }
    Bytes.writeShort(dst, pos, pid);
    Bytes.writeShort(dst, pos + 2, blp);
    return pos + ENTRY_LENGTH;
  }
}
