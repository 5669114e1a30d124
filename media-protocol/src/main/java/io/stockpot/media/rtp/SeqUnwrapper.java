package io.stockpot.media.rtp;

/**
 * Turns a stream of 16-bit sequence numbers into 64-bit extended ones (RFC 3550 §A.1 "cycles"),
 * following reordering: a number behind the newest one unwraps to a value below it. The first
 * number unwraps to itself, so numbers that arrive late and belong before it come out negative;
 * callers that need the RTCP "extended highest sequence number" take the low 32 bits of the highest
 * value. Not thread-safe; one per stream.
 */
public final class SeqUnwrapper {
  private long last;
  private boolean started;

  /** The extended value of {@code seq} (its low 16 bits), moving the reference point forward. */
  public long unwrap(int seq) {
    long value = peek(seq);
    if (!started || value > last) {
      last = value;
    }
    started = true;
    return value;
  }

  /** The extended value {@code seq} would unwrap to, without changing state. */
  public long peek(int seq) {
    if (!started) {
      return seq & 0xFFFF;
    }
    return last + SequenceNumbers.diff(seq, (int) last);
  }

  /** The highest extended value seen, or -1 before the first. */
  public long highest() {
    return started ? last : -1;
  }

  public void reset() {
    started = false;
    last = 0;
  }
}
