package io.stockpot.media.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The estimator on simulated paths ({@link BottleneckLink}): real packets stamped by {@link
 * TransportCongestionControlClient}, real transport-cc feedback, simulated time only.
 */
class SendSideBandwidthEstimatorTest {
  private static final OutgoingBitrateLimits LIMITS = OutgoingBitrateLimits.DEFAULTS;

  private final TransportCongestionControlClient client =
      new TransportCongestionControlClient(LIMITS);
  private long minSeen = Long.MAX_VALUE;

  private BottleneckLink link(long capacityBps) {
    client.extensionId(BottleneckLink.EXTENSION_ID);
    return new BottleneckLink(
        capacityBps,
        new BottleneckLink.Sender() {
          @Override
          public int send(byte[] buf, int len, long nowUs) {
            assertTrue(client.onRtpSend(buf, 0, len, nowUs));
            return BottleneckLink.stampedSequence(buf, len);
          }

          @Override
          public void feedback(byte[] buf, int len, long nowUs) {
            assertTrue(client.onTransportCcFeedback(buf, 0, len, nowUs));
            minSeen = Math.min(minSeen, client.availableOutgoingBitrate());
          }
        });
  }

  private long estimate() {
    return client.availableOutgoingBitrate();
  }

  /** The sender follows the estimate, as an encoder follows its target. */
  private long followEstimate(long nowUs) {
    return estimate();
  }

  private void print(String what, BottleneckLink link) {
    System.out.printf(
        "%s: t=%.1f s estimate=%d bps delay-based=%d acked=%d loss=%.3f min=%d feedback=%d%n",
        what,
        link.nowUs() / 1e6,
        estimate(),
        client.estimator().delayBasedBitrate(),
        client.estimator().acknowledgedBitrate(),
        client.estimator().lossFraction(),
        minSeen,
        client.feedbackReceived());
  }

  @Test
  void startsAtTheInitialBitrate() {
    assertEquals(1_000_000, estimate());
  }

  @Test
  void convergesNearABottleneckBelowTheSendRate() {
    long capacity = 500_000;
    BottleneckLink link = link(capacity);
    link.run(30_000_000, this::followEstimate);
    print("bottleneck 500k", link);
    assertTrue(
        estimate() >= 0.5 * capacity && estimate() <= 1.2 * capacity, "estimate " + estimate());
    assertTrue(minSeen >= LIMITS.minimumBps());
    assertEquals(0, client.packetsUnmatched());
  }

  @Test
  void risesWhenThePathHasRoom() {
    BottleneckLink link = link(5_000_000);
    link.run(10_000_000, now -> 800_000);
    print("room, sending 800k", link);
    assertTrue(estimate() > LIMITS.initialBps(), "estimate " + estimate());
  }

  @Test
  void fallsUnderHeavyRandomLoss() {
    BottleneckLink link = link(20_000_000);
    link.lossRate = 0.2;
    link.run(20_000_000, this::followEstimate);
    print("20% loss", link);
    assertTrue(estimate() < LIMITS.initialBps() / 2, "estimate " + estimate());
    assertTrue(minSeen >= LIMITS.minimumBps());
    assertTrue(client.packetsLost() > 0);
  }

  @Test
  void climbsBackWhenTheLinkWidens() {
    BottleneckLink link = link(400_000);
    link.run(20_000_000, this::followEstimate);
    print("narrow 400k", link);
    long narrow = estimate();
    assertTrue(narrow <= 480_000, "estimate " + narrow);
    link.capacityBps = 4_000_000;
    link.run(40_000_000, this::followEstimate);
    print("widened to 4M", link);
    assertTrue(estimate() > 3 * narrow, "estimate " + estimate());
  }

  @Test
  void neverPlansBelowTheFloor() {
    BottleneckLink link = link(60_000);
    link.run(20_000_000, this::followEstimate);
    print("link 60k under the 100k floor", link);
    assertTrue(minSeen >= LIMITS.minimumBps());
    assertEquals(LIMITS.minimumBps(), estimate());
  }

  @Test
  void malformedFeedbackIsCountedNotThrown() {
    client.extensionId(BottleneckLink.EXTENSION_ID);
    byte[] junk = {(byte) 0x8F, (byte) 205, 0, 1, 1, 2, 3, 4};
    assertEquals(false, client.onTransportCcFeedback(junk, 0, junk.length, 0));
    assertEquals(1, client.feedbackInvalid());
    assertEquals(1_000_000, estimate());
  }
}
