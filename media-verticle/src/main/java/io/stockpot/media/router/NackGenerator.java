package io.stockpot.media.router;

/**
 * The sequence numbers a received stream is missing, and when to ask for them again, like
 * mediasoup's NackGenerator: a gap is asked for at once, then again every retry interval, up to a
 * bounded number of times; packets that arrive late (or repaired over RTX) leave the list.
 */
final class NackGenerator {
  static final int MAX_PENDING = 256;
  static final int MAX_RETRIES = 10;

  /** Longer gaps are a new start (or a camera switch), not loss worth repairing. */
  static final int MAX_GAP = 100;

  /** Loopback and LAN round trips are short: ask again soon, a frame waits on it. */
  static final long RETRY_INTERVAL_MS = 20;

  private final int[] seqs = new int[MAX_PENDING];
  private final long[] sentAt = new long[MAX_PENDING];
  private final byte[] retries = new byte[MAX_PENDING];
  private int count;
  private long requested;
  private long recovered;
  private long givenUp;

  /** Packets {@code from .. to} (inclusive, 16-bit, wrapping) did not arrive. */
  void missing(int from, int to) {
    int gap = ((to - from) & 0xFFFF) + 1;
    if (gap > MAX_GAP) {
      count = 0;
      return;
    }
    for (int i = 0; i < gap; i++) {
      if (count == MAX_PENDING) {
        dropOldest();
      }
      seqs[count] = (from + i) & 0xFFFF;
      sentAt[count] = 0;
      retries[count] = 0;
      count++;
    }
  }

  /** A late or repaired packet arrived; false if it was not missing. */
  boolean arrived(int seq) {
    for (int i = 0; i < count; i++) {
      if (seqs[i] == seq) {
        recovered++;
        remove(i);
        return true;
      }
    }
    return false;
  }

  /** Writes the numbers due for a (re)request into {@code out}; answers how many. */
  int due(long nowMs, int[] out) {
    int n = 0;
    for (int i = 0; i < count && n < out.length; ) {
      if (nowMs - sentAt[i] < RETRY_INTERVAL_MS) {
        i++;
        continue;
      }
      if (retries[i] >= MAX_RETRIES) {
        remove(i);
        givenUp++;
        continue;
      }
      retries[i]++;
      sentAt[i] = nowMs;
      out[n++] = seqs[i];
      requested++;
      i++;
    }
    return n;
  }

  /** Packets asked for in vain: the stream can only be repaired by a key frame now. */
  long givenUp() {
    return givenUp;
  }

  int pending() {
    return count;
  }

  long requested() {
    return requested;
  }

  long recovered() {
    return recovered;
  }

  private void dropOldest() {
    remove(0);
  }

  private void remove(int i) {
    System.arraycopy(seqs, i + 1, seqs, i, count - i - 1);
    System.arraycopy(sentAt, i + 1, sentAt, i, count - i - 1);
    System.arraycopy(retries, i + 1, retries, i, count - i - 1);
    count--;
  }
}
