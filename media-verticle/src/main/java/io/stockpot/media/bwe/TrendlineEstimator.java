package io.stockpot.media.bwe;

/**
 * The slope of the queuing delay over the last {@link #WINDOW} group deltas, by least squares over
 * the smoothed accumulated delay (libwebrtc's TrendlineEstimator, the successor of the Kalman
 * filter of draft-ietf-rmcat-gcc-02 §5.3). A positive slope means the bottleneck's queue grows.
 * Fixed arrays, no allocation per delta.
 */
final class TrendlineEstimator {
  static final int WINDOW = 20;
  static final double SMOOTHING = 0.9;
  static final double THRESHOLD_GAIN = 4;

  /** The trend counts for more as deltas accumulate, up to this many. */
  static final int MAX_DELTAS_GAIN = 60;

  private final double[] xs = new double[WINDOW];
  private final double[] ys = new double[WINDOW];
  private final OveruseDetector detector = new OveruseDetector();
  private int count;
  private int head;
  private long numDeltas;
  private long firstArrivalMs = -1;
  private double accumulatedDelayMs;
  private double smoothedDelayMs;
  private double trend;

  /**
   * One group delta: {@code arrivalDeltaMs} and {@code sendDeltaMs} between two groups, the newer
   * group complete at {@code arrivalMs} (browser clock). Answers the detector's state.
   */
  BandwidthUsage update(double arrivalDeltaMs, double sendDeltaMs, long arrivalMs) {
    double deltaMs = arrivalDeltaMs - sendDeltaMs;
    numDeltas = Math.min(numDeltas + 1, 1000);
    if (firstArrivalMs < 0) {
      firstArrivalMs = arrivalMs;
    }
    accumulatedDelayMs += deltaMs;
    smoothedDelayMs = SMOOTHING * smoothedDelayMs + (1 - SMOOTHING) * accumulatedDelayMs;
    xs[head] = arrivalMs - firstArrivalMs;
    ys[head] = smoothedDelayMs;
    head = (head + 1) % WINDOW;
    count = Math.min(count + 1, WINDOW);
    if (count == WINDOW) {
      trend = slope(trend);
    }
    double modifiedTrend = Math.min(numDeltas, MAX_DELTAS_GAIN) * trend * THRESHOLD_GAIN;
    return detector.detect(modifiedTrend, trend, sendDeltaMs, arrivalMs);
  }

  private double slope(double previous) {
    double sumX = 0;
    double sumY = 0;
    for (int i = 0; i < count; i++) {
      sumX += xs[i];
      sumY += ys[i];
    }
    double meanX = sumX / count;
    double meanY = sumY / count;
    double num = 0;
    double den = 0;
    for (int i = 0; i < count; i++) {
      double dx = xs[i] - meanX;
      num += dx * (ys[i] - meanY);
      den += dx * dx;
    }
    return den == 0 ? previous : num / den;
  }

  BandwidthUsage state() {
    return detector.state();
  }

  double trend() {
    return trend;
  }
}
