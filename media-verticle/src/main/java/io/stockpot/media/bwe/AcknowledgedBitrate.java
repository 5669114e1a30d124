package io.stockpot.media.bwe;

/**
 * The bitrate the browser says it received (libwebrtc's AcknowledgedBitrateEstimator, simplified):
 * bytes of acknowledged packets over windows of {@link #WINDOW_US} of their arrival times,
 * smoothed.
 */
final class AcknowledgedBitrate {
  static final long WINDOW_US = 300_000;

  private long windowStartUs = Long.MIN_VALUE;
  private long lastArrivalUs;
  private long bytes;
  private long bps = -1;

  void add(long arrivalUs, int size) {
    if (windowStartUs == Long.MIN_VALUE) {
      windowStartUs = arrivalUs;
      lastArrivalUs = arrivalUs;
    }
    bytes += size;
    lastArrivalUs = Math.max(lastArrivalUs, arrivalUs);
    long span = lastArrivalUs - windowStartUs;
    if (span >= WINDOW_US) {
      long sample = bytes * 8 * 1_000_000 / span;
      bps = bps < 0 ? sample : (bps + sample) / 2;
      windowStartUs = lastArrivalUs;
      bytes = 0;
    }
  }

  /** Bits per second acknowledged lately, or -1 before the first window completes. */
  long bps() {
    return bps;
  }
}
