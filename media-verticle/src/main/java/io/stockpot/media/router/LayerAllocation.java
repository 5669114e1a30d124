package io.stockpot.media.router;

import io.stockpot.media.bwe.TransportCongestionControlClient;
import java.util.List;

/**
 * Shares one transport's estimate among its simulcast consumers (after mediasoup's
 * Transport::DistributeAvailableOutgoingBitrate, simplified): what the other consumers send now is
 * taken off first (audio, simple video), then every simulcast consumer gets its lowest layer, then
 * layers are raised one step at a time, consumer by consumer, while the next step's measured cost
 * fits. A consumer never goes above its ceiling (its preferred layer, lowered to the highest
 * encoding flowing). Until the browser has sent transport-cc feedback there is no estimate to
 * share, and consumers keep their preferred layers. Runs on the router's tick, not per packet.
 *
 * <p>Raising a consumer above the layer it had at the last allocation needs {@link
 * #RAISE_MARGIN_PERCENT} more room than the step costs; keeping it there does not. The measured
 * costs swing with the sender's frame rate and key frames, and a raise that does not really fit
 * costs a key frame of the higher layer, losses, and a fall back: without the margin a subscriber
 * behind a tight link flapped between layers.
 */
final class LayerAllocation {
  /** Extra room, in percent of the step's measured cost, a raise above the last layer needs. */
  static final int RAISE_MARGIN_PERCENT = 25;

  private LayerAllocation() {}

  /**
   * Sets each simulcast consumer's bandwidth cap on {@code consumers} (one transport's) from its
   * congestion controller's estimate at {@code nowMs}.
   */
  static void allocate(List<Consumer> consumers, TransportCongestionControlClient cc, long nowMs) {
    int n = 0;
    for (int i = 0; i < consumers.size(); i++) {
      if (consumers.get(i) instanceof SimulcastConsumer) {
        n++;
      }
    }
    if (n == 0) {
      return;
    }
    SimulcastConsumer[] simulcast = new SimulcastConsumer[n];
    long budget = cc == null ? -1 : cc.availableOutgoingBitrate();
    boolean estimated = cc != null && cc.feedbackReceived() > 0;
    n = 0;
    for (int i = 0; i < consumers.size(); i++) {
      Consumer c = consumers.get(i);
      if (c instanceof SimulcastConsumer s) {
        simulcast[n++] = s;
      } else {
        budget -= c.bitrate(nowMs);
      }
    }
    if (!estimated) {
      for (SimulcastConsumer s : simulcast) {
        s.bandwidthCap(Integer.MAX_VALUE);
      }
      return;
    }
    long[][] costs = new long[n][];
    int[] ceilings = new int[n];
    int[] last = new int[n];
    for (int i = 0; i < n; i++) {
      costs[i] = simulcast[i].layerBitrates(nowMs);
      ceilings[i] = simulcast[i].layerCeiling(nowMs);
      last[i] = simulcast[i].bandwidthCap();
    }
    int[] layers = layers(budget, costs, ceilings, last);
    for (int i = 0; i < n; i++) {
      simulcast[i].bandwidthCap(layers[i]);
    }
  }

  /**
   * The layer each consumer gets.
   *
   * @param budgetBps what the simulcast consumers may send together (bps)
   * @param costs {@code costs[i][layer]}: the measured bitrate (bps) of consumer i's layer
   * @param ceilings the highest layer consumer i may get
   * @param last each consumer's layer at the last allocation (a raise above it needs the margin)
   * @return the layer of each consumer: at least 0 (the lowest is always given; pausing a consumer
   *     that cannot afford it is not done here)
   */
  static int[] layers(long budgetBps, long[][] costs, int[] ceilings, int[] last) {
    int n = ceilings.length;
    int[] layers = new int[n];
    long left = budgetBps;
    for (int i = 0; i < n; i++) {
      left -= costs[i].length > 0 ? costs[i][0] : 0;
    }
    boolean raised = true;
    while (raised) {
      raised = false;
      for (int i = 0; i < n; i++) {
        int next = layers[i] + 1;
        if (next > ceilings[i] || next >= costs[i].length) {
          continue;
        }
        long step = costs[i][next] - costs[i][layers[i]];
        long needed = next > last[i] ? step + step * RAISE_MARGIN_PERCENT / 100 : step;
        if (needed <= left) {
          left -= step;
          layers[i] = next;
          raised = true;
        }
      }
    }
    return layers;
  }
}
