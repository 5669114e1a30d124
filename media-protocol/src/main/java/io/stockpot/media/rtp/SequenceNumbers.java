package io.stockpot.media.rtp;

/**
 * Arithmetic on 16-bit RTP sequence numbers, which wrap from 65535 to 0. "Newer" means ahead by
 * less than half the number space; a distance of exactly half is broken by the larger value, so
 * that of two numbers exactly one is newer.
 */
public final class SequenceNumbers {
  private SequenceNumbers() {}

  /** Whether {@code a} comes after {@code b} in wrapping 16-bit order. */
  public static boolean isNewer(int a, int b) {
    int diff = (a - b) & 0xFFFF;
    if (diff == 0x8000) {
      return (a & 0xFFFF) > (b & 0xFFFF);
    }
    return diff != 0 && diff < 0x8000;
  }

  /** Whether {@code a} is newer than or equal to {@code b}. */
  public static boolean isNewerOrEqual(int a, int b) {
    return ((a - b) & 0xFFFF) == 0 || isNewer(a, b);
  }

  /** The signed distance from {@code b} to {@code a}, in [-32768, 32767]. */
  public static int diff(int a, int b) {
    return (short) (a - b);
  }

  /** {@code seq + delta}, wrapped to 16 bits. */
  public static int add(int seq, int delta) {
    return (seq + delta) & 0xFFFF;
  }
}
