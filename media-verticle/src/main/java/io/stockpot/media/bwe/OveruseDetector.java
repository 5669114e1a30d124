package io.stockpot.media.bwe;

/**
 * Compares the delay trend with an adaptive threshold (draft-ietf-rmcat-gcc-02 §5.4, libwebrtc's
 * OveruseDetector inside its TrendlineEstimator): overuse only when the trend stays above the
 * threshold for more than 10 ms of send time over at least two groups and is not falling; the
 * threshold follows the trend (slowly up, faster down) so that a competing TCP flow does not starve
 * us, between 6 and 600.
 */
final class OveruseDetector {
  static final double INITIAL_THRESHOLD = 12.5;
  static final double K_UP = 0.0087;
  static final double K_DOWN = 0.039;
  static final double OVERUSE_TIME_MS = 10;
  static final double MAX_ADAPT_OFFSET = 15;

  private double threshold = INITIAL_THRESHOLD;
  private double timeOverUsingMs = -1;
  private int overuseCounter;
  private double prevTrend;
  private long lastUpdateMs = -1;
  private BandwidthUsage state = BandwidthUsage.NORMAL;

  /**
   * @param modifiedTrend the trend slope scaled by the number of deltas and the threshold gain
   * @param trend the raw slope
   * @param sendDeltaMs the send time between the two groups the newest delta came from
   * @param nowMs the arrival time of the newest group (ms)
   */
  BandwidthUsage detect(double modifiedTrend, double trend, double sendDeltaMs, long nowMs) {
    if (modifiedTrend > threshold) {
      timeOverUsingMs = timeOverUsingMs < 0 ? sendDeltaMs / 2 : timeOverUsingMs + sendDeltaMs;
      overuseCounter++;
      if (timeOverUsingMs > OVERUSE_TIME_MS && overuseCounter > 1 && trend >= prevTrend) {
        timeOverUsingMs = 0;
        overuseCounter = 0;
        state = BandwidthUsage.OVERUSING;
      }
    } else if (modifiedTrend < -threshold) {
      timeOverUsingMs = -1;
      overuseCounter = 0;
      state = BandwidthUsage.UNDERUSING;
    } else {
      timeOverUsingMs = -1;
      overuseCounter = 0;
      state = BandwidthUsage.NORMAL;
    }
    prevTrend = trend;
    updateThreshold(modifiedTrend, nowMs);
    return state;
  }

  private void updateThreshold(double modifiedTrend, long nowMs) {
    if (lastUpdateMs < 0) {
      lastUpdateMs = nowMs;
    }
    double magnitude = Math.abs(modifiedTrend);
    if (magnitude > threshold + MAX_ADAPT_OFFSET) {
      // A spike (a route change, a burst): do not let it drag the threshold up.
      lastUpdateMs = nowMs;
      return;
    }
    double k = magnitude < threshold ? K_DOWN : K_UP;
    long deltaMs = Math.min(Math.max(nowMs - lastUpdateMs, 0), 100);
    threshold += k * (magnitude - threshold) * deltaMs;
    threshold = Math.max(6, Math.min(600, threshold));
    lastUpdateMs = nowMs;
  }

  BandwidthUsage state() {
    return state;
  }

  double threshold() {
    return threshold;
  }
}
