package io.stockpot.media;

/**
 * A room's one clock for the packet path: wall-clock time (so sender reports can carry NTP time,
 * RFC 3550 §6.4.1) that advances with {@link System#nanoTime} (monotonic, µs resolution for
 * transport-wide feedback). Read once where a datagram or timer arrives; everything below is handed
 * the value.
 */
final class MediaClock {
  private final long baseUs = System.currentTimeMillis() * 1000;
  private final long baseNanos = System.nanoTime();

  /** Now in µs since the epoch. */
  long nowUs() {
    return baseUs + (System.nanoTime() - baseNanos) / 1000;
  }

  /** Now in ms since the epoch, on the same clock as {@link #nowUs}. */
  long nowMs() {
    return nowUs() / 1000;
  }
}
