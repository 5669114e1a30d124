package io.stockpot.media.bwe;

/**
 * The loss-based rate (draft-ietf-rmcat-gcc-02 §6, libwebrtc's SendSideBandwidthEstimation): over
 * each batch of at least {@link #MIN_PACKETS} reported packets, loss under 2 % lets the rate grow 8
 * % per second, loss over 10 % cuts it to (1 − 0.5 × loss) at most once per {@link
 * #DECREASE_INTERVAL_US} (300 ms + a round trip), anything between holds.
 */
final class LossBasedBwe {
  static final int MIN_PACKETS = 20;
  static final double LOW_LOSS = 0.02;
  static final double HIGH_LOSS = 0.10;
  static final long DECREASE_INTERVAL_US = 300_000 + AimdRateControl.DEFAULT_RTT_US;

  private long received;
  private long lost;
  private double lastLoss;
  private boolean hasLoss;
  private long lastUpdateUs = -1;
  private long lastDecreaseUs = Long.MIN_VALUE / 2;

  void packet(boolean wasReceived) {
    if (wasReceived) {
      received++;
    } else {
      lost++;
    }
  }

  /**
   * The loss-based rate at {@code nowUs}, from the current estimate {@code currentBps} (the
   * combined one: the loss-based rate grows from what is actually planned with).
   */
  long update(long currentBps, long nowUs) {
    long total = received + lost;
    if (total >= MIN_PACKETS) {
      lastLoss = (double) lost / total;
      hasLoss = true;
      received = 0;
      lost = 0;
    }
    long dtUs = lastUpdateUs < 0 ? 0 : Math.min(Math.max(0, nowUs - lastUpdateUs), 1_000_000);
    lastUpdateUs = nowUs;
    if (!hasLoss) {
      return currentBps;
    }
    if (lastLoss < LOW_LOSS) {
      double seconds = dtUs / 1e6;
      return (long)
          (currentBps * Math.pow(AimdRateControl.MULTIPLICATIVE_PER_SECOND, seconds)
              + 1000 * seconds);
    }
    if (lastLoss > HIGH_LOSS && nowUs - lastDecreaseUs >= DECREASE_INTERVAL_US) {
      lastDecreaseUs = nowUs;
      return (long) (currentBps * (1 - 0.5 * lastLoss));
    }
    return currentBps;
  }

  /** The loss fraction of the last complete batch (0–1), or 0 before one. */
  double lossFraction() {
    return lastLoss;
  }
}
