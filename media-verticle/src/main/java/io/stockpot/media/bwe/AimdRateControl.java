package io.stockpot.media.bwe;

/**
 * The delay-based rate (draft-ietf-rmcat-gcc-02 §5.5, libwebrtc's AimdRateControl): a state machine
 * driven by the overuse detector. Overuse: decrease to {@link #BETA} × the acknowledged bitrate, at
 * most once per {@link #DECREASE_INTERVAL_US}, and remember the link capacity; normal: increase,
 * multiplicatively (8 % per second) far from the last known capacity, additively (about one packet
 * per response time) near it; underuse: hold. Never above 1.5 × the acknowledged bitrate + 10
 * kbit/s: what the path has not carried is not evidence it can.
 */
final class AimdRateControl {
  static final double BETA = 0.85;
  static final double MULTIPLICATIVE_PER_SECOND = 1.08;
  static final long DECREASE_INTERVAL_US = 200_000;
  static final long DEFAULT_RTT_US = 200_000;
  static final double PACKET_BITS = 1200 * 8;

  private enum State {
    HOLD,
    INCREASE,
    DECREASE
  }

  private final OutgoingBitrateLimits limits;
  private State state = State.HOLD;
  private long currentBps;
  private long lastUpdateUs = -1;
  private long lastDecreaseUs = Long.MIN_VALUE / 2;
  private long rttUs = DEFAULT_RTT_US;

  // Link capacity in kbit/s: an average of the acknowledged bitrate at decreases, and its variance.
  private double capacityKbps = -1;
  private double capacityVariance = 0.4;

  AimdRateControl(OutgoingBitrateLimits limits) {
    this.limits = limits;
    this.currentBps = limits.initialBps();
  }

  /**
   * Applies the detector's {@code usage} at {@code nowUs}; {@code ackedBps} is the bitrate the
   * browser acknowledged lately, or -1 before it is known. Answers the new rate (bps).
   */
  long update(BandwidthUsage usage, long ackedBps, long nowUs) {
    switch (usage) {
      case OVERUSING -> state = State.DECREASE;
      case UNDERUSING -> state = State.HOLD;
      case NORMAL -> {
        if (state == State.HOLD || state == State.DECREASE) {
          state = State.INCREASE;
        }
      }
    }
    long dtUs = lastUpdateUs < 0 ? 0 : Math.max(0, nowUs - lastUpdateUs);
    lastUpdateUs = nowUs;
    switch (state) {
      case INCREASE -> increase(ackedBps, Math.min(dtUs, 1_000_000));
      case DECREASE -> {
        if (nowUs - lastDecreaseUs >= Math.min(rttUs, DECREASE_INTERVAL_US)) {
          decrease(ackedBps);
          lastDecreaseUs = nowUs;
        }
        state = State.HOLD;
      }
      case HOLD -> {}
    }
    currentBps = limits.clamp(currentBps);
    return currentBps;
  }

  private void increase(long ackedBps, long dtUs) {
    if (capacityKbps >= 0 && currentBps / 1000.0 > capacityUpperKbps()) {
      capacityKbps = -1; // beyond what the link carried: it widened, search again
    }
    if (ackedBps > 0 && currentBps > 1.5 * ackedBps + 10_000) {
      return;
    }
    double seconds = dtUs / 1e6;
    long step;
    if (capacityKbps >= 0) {
      double responseS = (rttUs + 100_000) / 1e6;
      step = (long) (Math.max(4000, PACKET_BITS / responseS) * seconds);
    } else {
      step = (long) Math.max(currentBps * (Math.pow(MULTIPLICATIVE_PER_SECOND, seconds) - 1), 1000);
    }
    long ceiling = ackedBps > 0 ? (long) (1.5 * ackedBps + 10_000) : Long.MAX_VALUE;
    currentBps = Math.min(currentBps + step, Math.max(currentBps, ceiling));
  }

  private void decrease(long ackedBps) {
    long basis = ackedBps > 0 ? ackedBps : currentBps;
    long decreased = (long) (BETA * basis);
    currentBps = Math.min(currentBps, decreased);
    if (ackedBps > 0) {
      updateCapacity(ackedBps / 1000.0);
    }
  }

  private void updateCapacity(double sampleKbps) {
    double alpha = 0.05;
    capacityKbps = capacityKbps < 0 ? sampleKbps : (1 - alpha) * capacityKbps + alpha * sampleKbps;
    double norm = Math.max(capacityKbps, 1);
    double error = capacityKbps - sampleKbps;
    capacityVariance = (1 - alpha) * capacityVariance + alpha * error * error / norm;
    capacityVariance = Math.max(0.4, Math.min(2.5, capacityVariance));
  }

  private double capacityUpperKbps() {
    return capacityKbps + 3 * Math.sqrt(capacityKbps * capacityVariance);
  }

  /** The round trip (µs) that paces decreases and additive increases. */
  void roundTripTimeUs(long rttUs) {
    this.rttUs = Math.max(10_000, rttUs);
  }

  long currentBps() {
    return currentBps;
  }

  /** Sets the rate (a REMB's value), as libwebrtc does when the receiver estimates. */
  void setBps(long bps) {
    currentBps = limits.clamp(bps);
  }
}
