package io.stockpot.media.bwe;

/**
 * What a probe cluster measured (libwebrtc's ProbeBitrateEstimator, simplified): the packets of a
 * cluster leave in a burst, the bottleneck spaces them at its rate, so their arrival span gives the
 * path's rate. The receive rate counts the bytes of all but the last packet over the span from the
 * first arrival to the last, and is capped at the cluster's target (a burst on an idle path arrives
 * as fast as it left). A cluster counts once {@link #MIN_RECEIVED} packets and 80 % of those sent
 * arrived.
 */
final class ProbeBitrateEstimator {
  /** Cluster ids cycle through 1..{@code CLUSTERS - 1}; 0 means "not a probe". */
  static final int CLUSTERS = 8;

  static final int MIN_RECEIVED = 5;

  private final int[] sent = new int[CLUSTERS];
  private final int[] received = new int[CLUSTERS];
  private final long[] bytes = new long[CLUSTERS];
  private final int[] lastSize = new int[CLUSTERS];
  private final long[] firstArrivalUs = new long[CLUSTERS];
  private final long[] lastArrivalUs = new long[CLUSTERS];
  private final long[] targetBps = new long[CLUSTERS];
  private final boolean[] done = new boolean[CLUSTERS];

  /** A new cluster {@code id} aiming at {@code bps}. */
  void start(int id, long bps) {
    sent[id] = 0;
    received[id] = 0;
    bytes[id] = 0;
    targetBps[id] = bps;
    done[id] = false;
    firstArrivalUs[id] = Long.MAX_VALUE;
    lastArrivalUs[id] = Long.MIN_VALUE;
  }

  void sent(int id) {
    sent[id]++;
  }

  /**
   * A packet of cluster {@code id} arrived; answers the cluster's measured rate (bps) once it is
   * complete, else -1 (and -1 again after that).
   */
  long received(int id, long arrivalUs, int size) {
    if (done[id]) {
      return -1;
    }
    received[id]++;
    bytes[id] += size;
    if (arrivalUs < firstArrivalUs[id]) {
      firstArrivalUs[id] = arrivalUs;
    }
    if (arrivalUs >= lastArrivalUs[id]) {
      lastArrivalUs[id] = arrivalUs;
      lastSize[id] = size;
    }
    if (received[id] < MIN_RECEIVED || received[id] * 5 < sent[id] * 4) {
      return -1;
    }
    done[id] = true;
    long spanUs = lastArrivalUs[id] - firstArrivalUs[id];
    long bits = (bytes[id] - lastSize[id]) * 8;
    long rate = spanUs <= 0 ? Long.MAX_VALUE : bits * 1_000_000 / spanUs;
    return Math.min(rate, targetBps[id]);
  }
}
