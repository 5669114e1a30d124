package io.stockpot.media.router;

/**
 * Renumbers a counter of {@code bits} bits (RTP sequence numbers: 16; VP8 PictureID: 15) so that
 * the output stays continuous when input values are dropped on purpose, like mediasoup's {@code
 * RTC::SeqManager}: a dropped input value is skipped in the output numbering, so the receiver sees
 * no gap (a gap would make it NACK packets that were never meant for it, RFC 4585 §6.2.1). Values
 * arriving out of order keep the output number of their place; a value dropped after newer ones
 * were already numbered leaves its gap (renumbering would collide with what was sent).
 * Allocation-free: the last {@link #HISTORY} drops are kept in a ring.
 */
final class SeqManager {
  /** Drops remembered for out-of-order input and NACK lookups. */
  static final int HISTORY = 256;

  private final int mask;
  private final int half;
  private int offset;
  private int highestIn;
  private boolean started;

  /** Input value of each remembered drop, oldest first from {@code first}. */
  private final int[] dropIn = new int[HISTORY];

  /** The offset that applied to input values up to and including that drop. */
  private final int[] offsetBefore = new int[HISTORY];

  private int first;
  private int count;

  /**
   * @param bits the counter's width (1–31)
   */
  SeqManager(int bits) {
    mask = (int) ((1L << bits) - 1);
    half = 1 << (bits - 1);
  }

  /** Whether {@code a} is newer than {@code b} modulo 2^bits (RFC 3550 Appendix A.1's rule). */
  boolean isNewer(int a, int b) {
    int d = (a - b) & mask;
    return d != 0 && d < half;
  }

  /**
   * Re-bases: input {@code in} becomes output {@code lastOut + 1}; forgets earlier drops (a new
   * input stream, or a resume).
   */
  void sync(int in, int lastOut) {
    offset = (lastOut + 1 - in) & mask;
    highestIn = (in - 1) & mask;
    started = true;
    count = 0;
  }

  /** Whether {@link #sync} has run. */
  boolean started() {
    return started;
  }

  /** The output value of input {@code in}; a newer input moves the highest one seen. */
  int input(int in) {
    in &= mask;
    int out = (in + offsetOf(in)) & mask;
    if (isNewer(in, highestIn)) {
      highestIn = in;
      // Drops a quarter of the number space behind can no longer be told apart from new ones
      // once the counter wraps: forget them (inputs that old are answered from the next epoch).
      while (count > 0 && ((highestIn - dropIn[first]) & mask) >= half / 2) {
        first = (first + 1) % HISTORY;
        count--;
      }
    }
    return out;
  }

  /**
   * Input {@code in} is dropped on purpose. When it is the newest yet, later inputs shift down by
   * one (its number is not used); otherwise its number was already reserved and stays a gap.
   */
  void drop(int in) {
    in &= mask;
    if (!started || !isNewer(in, highestIn)) {
      return;
    }
    if (count == HISTORY) {
      first = (first + 1) % HISTORY;
      count--;
    }
    int at = (first + count) % HISTORY;
    dropIn[at] = in;
    offsetBefore[at] = offset;
    count++;
    offset = (offset - 1) & mask;
    highestIn = in;
  }

  /** The offset that applies to input {@code in}. */
  private int offsetOf(int in) {
    for (int k = count - 1; k >= 0; k--) {
      int at = (first + k) % HISTORY;
      if (isNewer(in, dropIn[at])) {
        return k == count - 1 ? offset : offsetBefore[(at + 1) % HISTORY];
      }
    }
    return count == 0 ? offset : offsetBefore[first];
  }

  /**
   * The input value that became output {@code out} (to answer a NACK), or -1 when none did: it was
   * a skipped number's neighbour that never existed, or older than the history.
   */
  int inputOf(int out) {
    out &= mask;
    for (int k = count; k >= 0; k--) {
      int off = k == count ? offset : offsetBefore[(first + k) % HISTORY];
      int in = (out - off) & mask;
      if ((k == count || isNewer(dropIn[(first + k) % HISTORY], in))
          && (k == 0 || isNewer(in, dropIn[(first + k - 1) % HISTORY]))) {
        return in;
      }
    }
    return -1;
  }
}
