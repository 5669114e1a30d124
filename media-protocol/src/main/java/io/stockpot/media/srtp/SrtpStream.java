package io.stockpot.media.srtp;

/**
 * What one direction of an SRTP context remembers about one SSRC: the highest packet index (for
 * RTP, ROC and highest sequence number in one 48-bit value; for RTCP, the 31-bit SRTCP index) and,
 * on the receiving side, a replay window.
 *
 * <p>The window is a circular bitmap indexed by {@code index mod WINDOW}: advancing clears only the
 * bits the new highest index passes over, so each packet costs O(1) amortised and the window can be
 * wide enough (1024) for the reordering that pacing and retransmission cause in video.
 */
final class SrtpStream {
  static final int WINDOW = 1024;
  private static final int MASK = WINDOW - 1;

  final int ssrc;
  long highest;
  private final long[] seen;

  SrtpStream(int ssrc, long highest, boolean replayWindow) {
    this.ssrc = ssrc;
    this.highest = highest;
    this.seen = replayWindow ? new long[WINDOW / 64] : null;
  }

  /** Zero if {@code index} may be accepted, else {@link SrtpStatus#REPLAYED} or TOO_OLD. */
  int check(long index) {
    if (index > highest) {
      return 0;
    }
    if (highest - index >= WINDOW) {
      return SrtpStatus.TOO_OLD;
    }
    int bit = (int) index & MASK;
    return (seen[bit >>> 6] & (1L << bit)) != 0 ? SrtpStatus.REPLAYED : 0;
  }

  /** Records an authenticated index; call only after {@link #check} returned zero. */
  void accept(long index) {
    if (index > highest) {
      long distance = index - highest;
      if (distance >= WINDOW) {
        java.util.Arrays.fill(seen, 0L);
      } else {
        for (long i = highest + 1; i < index; i++) {
          int bit = (int) i & MASK;
          seen[bit >>> 6] &= ~(1L << bit);
        }
      }
      highest = index;
    }
    int bit = (int) index & MASK;
    seen[bit >>> 6] |= 1L << bit;
  }

  /**
   * The 48-bit packet index of RTP sequence number {@code seq} given the highest index so far (RFC
   * 3711 Appendix A): the rollover counter is guessed as ROC-1, ROC or ROC+1, whichever puts the
   * index closest to the highest one.
   *
   * @return the index, or -1 when it would fall before index zero or past the 32-bit ROC
   */
  static long estimateRtpIndex(long highest, int seq) {
    if (highest < 0) {
      return seq;
    }
    long roc = highest >>> 16;
    int last = (int) highest & 0xFFFF;
    long v;
    if (last < 0x8000) {
      v = seq - last > 0x8000 ? roc - 1 : roc;
    } else {
      v = last - 0x8000 > seq ? roc + 1 : roc;
    }
    if (v < 0 || v > 0xFFFFFFFFL) {
      return -1;
    }
    return (v << 16) | seq;
  }
}
