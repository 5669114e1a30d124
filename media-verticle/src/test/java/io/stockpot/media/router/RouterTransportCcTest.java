package io.stockpot.media.router;

import static io.stockpot.media.router.RouterFixture.VP8_LENGTH;
import static io.stockpot.media.router.RouterFixture.vp8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.bwe.BottleneckLink;
import io.stockpot.media.bwe.OutgoingBitrateLimits;
import io.stockpot.media.ortc.ConsumerRtpParameters;
import io.stockpot.media.ortc.HeaderExtensions;
import io.stockpot.media.ortc.RtpParametersJson;
import io.stockpot.media.rtcp.Nack;
import io.stockpot.media.rtcp.TransportCcBuilder;
import io.stockpot.media.rtp.RtpExtensions;
import io.stockpot.media.rtp.RtpPacket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Send-side estimation through the router: each consumer transport numbers what it sends with its
 * own transport-wide sequence, and the browser's transport-cc feedback, arriving as RTCP on that
 * transport, moves that transport's available outgoing bitrate.
 */
class RouterTransportCcTest {
  private final Router router = new Router(new DropCounters());
  private final FakeTransport senderA = new FakeTransport();
  private final FakeTransport senderB = new FakeTransport();
  private final Producer videoA = RouterFixture.video(senderA);
  private final Producer videoB =
      RouterFixture.producer("videoB", "video", RouterFixture.vp8Parameters(), senderB);

  /** A receiver that negotiated the transport-wide sequence number, at the router's id. */
  private static JsonObject capabilitiesWithTransportCc() {
    JsonObject caps = RouterFixture.receiverCapabilities();
    caps.getJsonArray("headerExtensions")
        .add(
            new JsonObject()
                .put("kind", "video")
                .put("uri", HeaderExtensions.TRANSPORT_WIDE_CC)
                .put("preferredId", HeaderExtensions.TRANSPORT_WIDE_CC_ID));
    return caps;
  }

  private Consumer consumer(String id, Producer producer, MediaTransport transport) {
    JsonObject params =
        ConsumerRtpParameters.getConsumerRtpParameters(
            RtpParametersJson.toJson(producer.consumableRtpParameters()),
            capabilitiesWithTransportCc(),
            false,
            true);
    params.put("mid", id);
    Consumer c =
        new Consumer(id, "receiver", producer, transport, RtpParametersJson.fromJson(params), true);
    c.paused(false);
    router.addConsumer(c);
    return c;
  }

  private static List<Integer> transportSequence(FakeTransport t) {
    List<Integer> seqs = new ArrayList<>();
    for (int i = 0; i < t.rtp.size(); i++) {
      RtpPacket p = t.rtpPacket(i);
      seqs.add(RtpExtensions.transportSequenceNumber(p, HeaderExtensions.TRANSPORT_WIDE_CC_ID));
    }
    return seqs;
  }

  @Test
  void consumersOnOneTransportShareOneSequenceAndTransportsHaveTheirOwn() {
    assertTrue(router.addProducer(videoA));
    assertTrue(router.addProducer(videoB));
    FakeTransport receiver = new FakeTransport();
    FakeTransport other = new FakeTransport();
    consumer("1", videoA, receiver);
    consumer("2", videoB, receiver);
    consumer("3", videoA, other);
    for (int i = 0; i < 10; i++) {
      // The producers' own transport-wide numbers (500+, 900+) must not leak to the consumers.
      router.receiveRtp(
          senderA, vp8(100 + i, i * 3000L, 500 + i, i == 0), 0, VP8_LENGTH, i * 1000L);
      router.receiveRtp(
          senderB, vp8(200 + i, i * 3000L, 900 + i, i == 0), 0, VP8_LENGTH, i * 1000L);
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add(i);
    }
    assertEquals(expected, transportSequence(receiver));
    assertEquals(expected.subList(0, 10), transportSequence(other));
    assertEquals(20, receiver.cc.packetsNumbered());
    assertEquals(10, other.cc.packetsNumbered());
  }

  @Test
  void feedbackOnATransportIsMatchedAgainstItsSendHistory() {
    assertTrue(router.addProducer(videoA));
    FakeTransport receiver = new FakeTransport();
    consumer("1", videoA, receiver);
    for (int i = 0; i < 10; i++) {
      router.receiveRtp(senderA, vp8(100 + i, i * 3000L, i, i == 0), 0, VP8_LENGTH, i * 1000L);
    }
    TransportCcBuilder builder = new TransportCcBuilder(1200);
    builder.setSsrcs(1, 2);
    for (int seq = 0; seq < 10; seq++) {
      if (seq != 4) { // seq 4 was lost
        builder.add(seq, 50_000 + seq * 1000L);
      }
    }
    byte[] fb = new byte[1300];
    int len = builder.write(fb, 0);
    router.receiveRtcp(receiver, fb, 0, len, 100);
    assertEquals(1, receiver.cc.feedbackReceived());
    assertEquals(9, receiver.cc.packetsAcknowledged());
    assertEquals(1, receiver.cc.packetsLost());
    assertEquals(0, receiver.cc.packetsUnmatched());

    // Feedback about numbers this transport never sent: counted, nothing else.
    builder.reset();
    builder.add(40_000, 200_000);
    len = builder.write(fb, 0);
    router.receiveRtcp(receiver, fb, 0, len, 200);
    assertEquals(1, receiver.cc.packetsUnmatched());
    // A well-framed RTCP packet whose feedback claims 100 packets and carries no chunk: counted
    // as invalid, the room carries on.
    byte[] bad = {(byte) 0x8F, (byte) 205, 0, 4, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 100, 0, 0, 0, 0};
    router.receiveRtcp(receiver, bad, 0, bad.length, 300);
    assertEquals(1, receiver.cc.feedbackInvalid());
    assertEquals(2, receiver.cc.feedbackReceived());
    assertEquals(1_000_000, receiver.cc.availableOutgoingBitrate());
  }

  /**
   * Real forwarded packets through a simulated 600 kbit/s bottleneck, real feedback back through
   * the router's RTCP path. Forwarding does not follow the estimate yet, so the producer keeps
   * sending 1.2 Mbit/s: the queue overflows, and loss drives the estimate from its 1 Mbit/s start
   * below the bottleneck, never below the floor.
   */
  @Test
  void estimateFallsBelowABottleneckTheForwardingOverruns() {
    FakeTransport receiver = new FakeTransport();
    long lowest = runBottleneck(receiver, 600_000, now -> 1_200_000, "forwarding 1.2M");
    long estimate = receiver.cc.availableOutgoingBitrate();
    assertTrue(estimate <= 1.2 * 600_000, "estimate " + estimate);
    assertTrue(lowest >= OutgoingBitrateLimits.DEFAULT_MINIMUM_BPS);
  }

  /**
   * The same path with a sender that follows the estimate (as a browser's encoder follows its
   * target, and as forwarding will): the estimate settles near the bottleneck.
   */
  @Test
  void estimateSettlesNearABottleneckWhenTheSenderFollowsIt() {
    FakeTransport receiver = new FakeTransport();
    long lowest =
        runBottleneck(
            receiver, 600_000, now -> receiver.cc.availableOutgoingBitrate(), "following");
    long estimate = receiver.cc.availableOutgoingBitrate();
    assertTrue(estimate >= 0.5 * 600_000 && estimate <= 1.2 * 600_000, "estimate " + estimate);
    assertTrue(lowest >= OutgoingBitrateLimits.DEFAULT_MINIMUM_BPS);
  }

  /** Runs 15 simulated seconds; answers the lowest estimate seen after a feedback. */
  private long runBottleneck(
      FakeTransport receiver, long capacityBps, LongUnaryOperator rateBps, String what) {
    assertTrue(router.addProducer(videoA));
    receiver.keep = false;
    consumer("1", videoA, receiver);
    long[] seq = {100};
    long[] lowest = {Long.MAX_VALUE};
    BottleneckLink link =
        new BottleneckLink(
            capacityBps,
            new BottleneckLink.Sender() {
              @Override
              public int send(byte[] buf, int len, long nowUs) {
                int s = (int) seq[0]++;
                byte[] in = vp8(s, s * 3000L, s, s == 100);
                long before = receiver.cc.packetsNumbered();
                router.receiveRtp(senderA, in, 0, BottleneckLink.PACKET_SIZE, nowUs);
                assertEquals(before + 1, receiver.cc.packetsNumbered());
                return (int) ((receiver.cc.packetsNumbered() - 1) & 0xFFFF);
              }

              @Override
              public void feedback(byte[] buf, int len, long nowUs) {
                router.receiveRtcp(receiver, buf, 0, len, nowUs / 1000);
                lowest[0] = Math.min(lowest[0], receiver.cc.availableOutgoingBitrate());
              }
            });
    link.run(15_000_000, rateBps);
    System.out.printf(
        "router, bottleneck %d bps, %s: estimate=%d bps lowest=%d acked=%d loss=%.2f"
            + " feedback=%d%n",
        capacityBps,
        what,
        receiver.cc.availableOutgoingBitrate(),
        lowest[0],
        receiver.cc.estimator().acknowledgedBitrate(),
        receiver.cc.estimator().lossFraction(),
        receiver.cc.feedbackReceived());
    assertTrue(receiver.cc.feedbackReceived() > 100);
    assertEquals(0, receiver.cc.feedbackInvalid());
    assertEquals(0, receiver.cc.packetsUnmatched());
    return lowest[0];
  }

  /**
   * Probing: once the browser has answered, a tick sends a cluster of padding-only RTX packets on
   * the video consumer's RTX stream, numbered in the transport's sequence; feedback that shows them
   * spaced at 1.8 Mbit/s by the bottleneck lifts the estimate there (the target, twice the
   * estimate, caps it); the next cluster waits 5 s.
   */
  @Test
  void probeClusterLiftsTheEstimateToWhatThePathCarried() {
    assertTrue(router.addProducer(videoA));
    FakeTransport receiver = new FakeTransport();
    Consumer c = consumer("1", videoA, receiver);
    for (int i = 0; i < 10; i++) {
      router.receiveRtp(senderA, vp8(100 + i, i * 3000L, i, i == 0), 0, VP8_LENGTH, i * 1000L);
    }
    TransportCcBuilder builder = new TransportCcBuilder(1200);
    builder.setSsrcs(1, 2);
    for (int seq = 0; seq < 10; seq++) {
      builder.add(seq, 20_000 + seq * 1000L);
    }
    byte[] fb = new byte[1300];
    router.receiveRtcp(receiver, fb, 0, builder.write(fb, 0), 40);

    router.tick(100);
    int probes = receiver.rtp.size() - 10;
    int rtxPt =
        c.rtpParameters().codecs().stream()
            .filter(x -> x.isRtx())
            .findFirst()
            .orElseThrow()
            .payloadType();
    assertTrue(probes >= 5, "probe packets " + probes);
    assertEquals(1, receiver.cc.probeClustersSent());
    for (int i = 10; i < receiver.rtp.size(); i++) {
      RtpPacket p = receiver.rtpPacket(i);
      assertEquals(c.rtxSsrc(), p.ssrc());
      assertEquals(rtxPt, p.payloadType());
      assertTrue(p.hasPadding());
      assertEquals(0, p.payloadLength());
      assertEquals(
          i, RtpExtensions.transportSequenceNumber(p, HeaderExtensions.TRANSPORT_WIDE_CC_ID));
    }
    // The bottleneck spaced them: 275 bytes every 1222 µs is 1.8 Mbit/s.
    builder.reset();
    long spacingUs = ProbePadding.LENGTH * 8L * 1_000_000 / 1_800_000;
    for (int i = 0; i < probes; i++) {
      builder.add(10 + i, 200_000 + i * spacingUs);
    }
    router.receiveRtcp(receiver, fb, 0, builder.write(fb, 0), 150);
    long estimate = receiver.cc.availableOutgoingBitrate();
    System.out.println("after a probe cluster measured at 1.8 Mbit/s: estimate " + estimate);
    assertTrue(estimate > 1_700_000 && estimate < 1_900_000, "estimate " + estimate);

    int sent = receiver.rtp.size();
    router.tick(1_000);
    assertEquals(sent, receiver.rtp.size(), "no second cluster within 5 s");
    router.tick(5_200);
    assertTrue(receiver.rtp.size() > sent, "a cluster again after 5 s");
  }

  /**
   * Repairs are refused while the feedback shows congestion and the transport already sends more
   * than 1.5 × its estimate (1 Mbit/s at the start): 5 packets of 1200 bytes in 100 ms leave room
   * for one, 40 do not. Without congestion in the feedback every repair goes, however fast.
   */
  @Test
  void repairsWaitWhileTheTransportSendsMoreThanItsEstimateAllows() {
    assertTrue(router.addProducer(videoA));
    FakeTransport receiver = new FakeTransport();
    Consumer c = consumer("1", videoA, receiver);
    for (int i = 0; i < 5; i++) {
      router.receiveRtp(senderA, vp8(100 + i, i * 3000L, i, i == 0), 0, 1200, i * 1000L);
    }
    int firstOut = receiver.rtpPacket(0).sequenceNumber();
    byte[] nack = new byte[64];
    int len = Nack.write(nack, 0, 1, c.ssrc(), new int[] {firstOut}, 1);
    int sent = receiver.rtp.size();
    router.receiveRtcp(receiver, nack, 0, len, 5);
    assertTrue(receiver.rtp.size() > sent, "repaired under the estimate");
    assertEquals(0, receiver.cc.retransmissionsRefused());

    for (int i = 5; i < 40; i++) {
      router.receiveRtp(senderA, vp8(100 + i, i * 3000L, i, false), 0, 1200, 6000 + i * 100L);
    }
    long rate = receiver.cc.recentSendBitrate(10_000);
    assertTrue(rate > 1_500_000, "sent " + rate);
    sent = receiver.rtp.size();
    router.receiveRtcp(receiver, nack, 0, len, 10);
    assertTrue(receiver.rtp.size() > sent, "no congestion seen yet: repaired anyway");
    assertEquals(0, receiver.cc.retransmissionsRefused());

    // The browser reports all but the first and the last packet lost: congestion.
    TransportCcBuilder builder = new TransportCcBuilder(1200);
    builder.setSsrcs(1, 2);
    builder.add(0, 50_000);
    builder.add((int) receiver.cc.packetsNumbered() - 1, 60_000);
    byte[] fb = new byte[1300];
    router.receiveRtcp(receiver, fb, 0, builder.write(fb, 0), 11);
    sent = receiver.rtp.size();
    router.receiveRtcp(receiver, nack, 0, len, 12);
    assertEquals(sent, receiver.rtp.size(), "no repair above 1.5 x the estimate under congestion");
    assertEquals(1, receiver.cc.retransmissionsRefused());
  }

  /**
   * A packet no producer takes (here: an unknown SSRC and MID, as a rid simulcast sender's RTX
   * probes are before their stream is learnt) is dropped, yet reported as arrived in the
   * transport-wide feedback to its sender: the sender would read it as lost otherwise.
   */
  @Test
  void unroutedPacketsAreStillReportedInTransportWideFeedback() {
    assertTrue(router.addProducer(videoA));
    router.receiveRtp(senderA, vp8(100, 0, 10, true), 0, VP8_LENGTH, 1_000);
    byte[] stray = vp8(500, 0, 11, false);
    stray[8] = 0x0B; // another SSRC
    stray[17] = '7'; // another MID
    router.receiveRtp(senderA, stray, 0, VP8_LENGTH, 2_000);
    assertEquals(1, senderA.drops().get(DropReason.NO_PRODUCER));
    router.tick(100);
    List<Integer> reported = new ArrayList<>();
    io.stockpot.media.rtcp.TransportCc tcc = new io.stockpot.media.rtcp.TransportCc();
    for (byte[] compound : senderA.rtcp) {
      for (int off = 0; off + 4 <= compound.length; ) {
        int len = (((compound[off + 2] & 0xFF) << 8 | (compound[off + 3] & 0xFF)) + 1) * 4;
        if ((compound[off + 1] & 0xFF) == 205
            && (compound[off] & 0x1F) == 15
            && tcc.read(compound, off, len)) {
          while (tcc.nextEntry()) {
            if (tcc.entryReceived()) {
              reported.add(tcc.entrySequenceNumber());
            }
          }
        }
        off += len;
      }
    }
    assertEquals(List.of(10, 11), reported);
  }
}
