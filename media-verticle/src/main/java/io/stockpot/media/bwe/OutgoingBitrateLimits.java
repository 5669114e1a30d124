package io.stockpot.media.bwe;

/**
 * Where a transport's available outgoing bitrate starts and the bounds it stays within, in bits per
 * second; mediasoup's WebRtcTransport options {@code initialAvailableOutgoingBitrate} and {@code
 * minimumAvailableOutgoingBitrate}, and a ceiling.
 *
 * @param initialBps the estimate before any feedback (Stockpot's default: 1 Mbit/s)
 * @param minimumBps the estimate never goes below this (the floor forwarding plans with)
 * @param maximumBps the estimate never goes above this
 */
public record OutgoingBitrateLimits(long initialBps, long minimumBps, long maximumBps) {
  public static final long DEFAULT_INITIAL_BPS = 1_000_000;
  public static final long DEFAULT_MINIMUM_BPS = 100_000;
  public static final long DEFAULT_MAXIMUM_BPS = 100_000_000;

  public static final OutgoingBitrateLimits DEFAULTS =
      new OutgoingBitrateLimits(DEFAULT_INITIAL_BPS, DEFAULT_MINIMUM_BPS, DEFAULT_MAXIMUM_BPS);

  public OutgoingBitrateLimits {
    if (minimumBps <= 0 || maximumBps < minimumBps) {
      throw new IllegalArgumentException(
          "need 0 < minimum <= maximum bitrate, got " + minimumBps + ", " + maximumBps);
    }
    initialBps = Math.max(minimumBps, Math.min(maximumBps, initialBps));
  }

  /** The same with another initial bitrate (clamped into the bounds). */
  public OutgoingBitrateLimits withInitial(long bps) {
    return new OutgoingBitrateLimits(bps, minimumBps, maximumBps);
  }

  /** The same with another floor (the initial and maximum rise to it if below). */
  public OutgoingBitrateLimits withMinimum(long bps) {
    return new OutgoingBitrateLimits(Math.max(initialBps, bps), bps, Math.max(maximumBps, bps));
  }

  long clamp(long bps) {
    return Math.max(minimumBps, Math.min(maximumBps, bps));
  }
}
