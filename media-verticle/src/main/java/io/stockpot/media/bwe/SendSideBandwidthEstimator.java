package io.stockpot.media.bwe;

/**
 * The available outgoing bitrate of one transport (libwebrtc's GoogCcNetworkController, mediasoup's
 * use of it): the minimum of the delay-based rate ({@link InterArrival} → {@link
 * TrendlineEstimator} → {@link OveruseDetector} → {@link AimdRateControl}) and the loss-based one
 * ({@link LossBasedBwe}), clamped to {@link OutgoingBitrateLimits}. Fed packet by packet from
 * transport-cc feedback, then once per feedback packet; or by REMB when the browser estimates
 * itself. No allocation, no clock: times come in µs.
 */
public final class SendSideBandwidthEstimator {
  private final OutgoingBitrateLimits limits;
  private final InterArrival interArrival = new InterArrival();
  private final TrendlineEstimator trendline = new TrendlineEstimator();
  private final AimdRateControl aimd;
  private final LossBasedBwe lossBased = new LossBasedBwe();
  private final AcknowledgedBitrate acked = new AcknowledgedBitrate();
  private long estimateBps;
  private long delayBasedBps;
  private boolean overuseInFeedback;
  private BandwidthUsage usage = BandwidthUsage.NORMAL;
  private long probeResults;

  public SendSideBandwidthEstimator(OutgoingBitrateLimits limits) {
    this.limits = limits;
    this.aimd = new AimdRateControl(limits);
    this.estimateBps = limits.initialBps();
    this.delayBasedBps = limits.initialBps();
  }

  /**
   * One packet of a feedback: sent at {@code sendUs} (our clock), {@code size} bytes, arrived at
   * {@code arrivalUs} (the browser's clock) or lost when {@code received} is false.
   */
  public void onPacket(long sendUs, long arrivalUs, int size, boolean received) {
    lossBased.packet(received);
    if (!received) {
      return;
    }
    acked.add(arrivalUs, size);
    if (interArrival.add(sendUs, arrivalUs)) {
      BandwidthUsage u =
          trendline.update(
              interArrival.arrivalDeltaUs() / 1000.0,
              interArrival.sendDeltaUs() / 1000.0,
              interArrival.groupArrivalUs() / 1000);
      if (u == BandwidthUsage.OVERUSING) {
        overuseInFeedback = true;
      }
    }
  }

  /** The feedback packet's entries are all in: update the rates at {@code nowUs} (our clock). */
  public void onFeedbackEnd(long nowUs) {
    // An overuse seen anywhere in this feedback counts, even if the last group looked normal.
    usage = overuseInFeedback ? BandwidthUsage.OVERUSING : trendline.state();
    overuseInFeedback = false;
    delayBasedBps = aimd.update(usage, acked.bps(), nowUs);
    long lossBps = lossBased.update(estimateBps, nowUs);
    estimateBps = limits.clamp(Math.min(delayBasedBps, lossBps));
  }

  /**
   * A REMB from the browser (draft-alvestrand-rmcat-remb-03): its own estimate of what it can
   * receive, used as it is (clamped) where transport-cc was not negotiated.
   */
  public void onRemb(long bps) {
    aimd.setBps(bps);
    delayBasedBps = aimd.currentBps();
    estimateBps = delayBasedBps;
  }

  /**
   * A probe cluster measured the path at {@code bps}: when that is above the estimate, the estimate
   * jumps to it (libwebrtc's probe result), the way back up after a link widens.
   */
  public void onProbeResult(long bps) {
    if (bps > estimateBps) {
      aimd.setBps(bps);
      delayBasedBps = aimd.currentBps();
      estimateBps = limits.clamp(bps);
      probeResults++;
    }
  }

  /** Probe results that raised the estimate. */
  public long probeResults() {
    return probeResults;
  }

  /** The round trip to the browser (µs), when known: paces decreases and additive increases. */
  public void roundTripTimeUs(long rttUs) {
    aimd.roundTripTimeUs(rttUs);
  }

  /** The available outgoing bitrate in bps (mediasoup's {@code availableOutgoingBitrate}). */
  public long availableBitrate() {
    return estimateBps;
  }

  /** The delay-based rate alone (bps). */
  public long delayBasedBitrate() {
    return delayBasedBps;
  }

  /** The bitrate the browser acknowledged lately (bps), or -1 before it is known. */
  public long acknowledgedBitrate() {
    return acked.bps();
  }

  /** The loss fraction of the last batch of reported packets (0–1). */
  public double lossFraction() {
    return lossBased.lossFraction();
  }

  /** The overuse detector's conclusion at the last feedback. */
  public BandwidthUsage usage() {
    return usage;
  }

  public OutgoingBitrateLimits limits() {
    return limits;
  }
}
