package io.stockpot.media.router;

import static io.stockpot.media.router.SimulcastFixture.ENCODINGS;
import static io.stockpot.media.router.SimulcastFixture.encodingOf;
import static io.stockpot.media.router.SimulcastFixture.pliSsrcs;
import static io.stockpot.media.router.SimulcastFixture.ssrc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.codecs.Vp8PayloadDescriptor;
import io.stockpot.media.rtcp.Nack;
import io.stockpot.media.rtcp.Pli;
import io.stockpot.media.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A simulcast consumer behind a router, fed real VP8 packets of a three-encoding producer (each
 * encoding with its own sequence numbers, timestamps and PictureIDs, two of them wrapping): it
 * starts and switches on key frames of the target encoding only, asks only that stream for them,
 * filters temporal layers, and the browser sees one stream whose sequence numbers, timestamps,
 * PictureIDs and TL0PICIDX run on without a gap.
 */
class SimulcastConsumerTest {
  private final FakeTransport in = new FakeTransport();
  private final FakeTransport out = new FakeTransport();
  private final Router router = new Router(new DropCounters());
  private final SimulcastFixture.Sender[] senders = {
    new SimulcastFixture.Sender(0, 100, 1_000, 500, 10),
    new SimulcastFixture.Sender(1, 65_530, 2_000_000_000L, 32_765, 254),
    new SimulcastFixture.Sender(2, 30_000, 0xFFFF_F000L, 7, 0)
  };
  private Producer producer;
  private SimulcastConsumer consumer;
  private long nowMs = 1_000_000;

  @BeforeEach
  void setUp() {
    producer = SimulcastFixture.producer(in);
    router.addProducer(producer);
    consumer = SimulcastFixture.consumer("c", producer, out);
    router.addConsumer(consumer);
  }

  /** One frame of each encoding ({@code key}: key frames), then 33 ms pass. */
  private void frames(boolean key) {
    for (int e = 0; e < ENCODINGS; e++) {
      frame(e, key && e >= 0);
    }
    nowMs += 33;
  }

  private void frame(int encoding, boolean key) {
    for (byte[] p : senders[encoding].frame(key, 3)) {
      router.receiveRtp(in, p, 0, senders[encoding].length, nowMs * 1000);
    }
  }

  /** What the browser received, one record per packet. */
  record Sent(
      int seq, long ts, long ssrc, int encoding, boolean frameStart, int pid, int tl0, int tid) {}

  private List<Sent> sent() {
    List<Sent> all = new ArrayList<>();
    Vp8PayloadDescriptor d = new Vp8PayloadDescriptor();
    for (int i = 0; i < out.rtp.size(); i++) {
      RtpPacket p = out.rtpPacket(i);
      if (p.ssrc() != consumer.ssrc()) {
        continue;
      }
      assertTrue(d.read(p.buffer(), p.payloadOffset(), p.payloadLength()));
      all.add(
          new Sent(
              p.sequenceNumber(),
              p.timestamp(),
              p.ssrc(),
              encodingOf(p),
              d.startsFrame(),
              d.pictureId(),
              d.tl0PicIdx(),
              d.tid()));
    }
    return all;
  }

  /** Sequence numbers +1 each; PictureIDs +1 per frame; TL0PICIDX +1 per TL0 frame. */
  private static void assertContinuous(List<Sent> sent) {
    for (int i = 1; i < sent.size(); i++) {
      Sent a = sent.get(i - 1);
      Sent b = sent.get(i);
      assertEquals((a.seq() + 1) & 0xFFFF, b.seq(), "sequence number after " + a);
      assertTrue(((b.ts() - a.ts()) & 0xFFFF_FFFFL) < 0x8000_0000L, "timestamp goes on: " + b);
      if (b.frameStart()) {
        assertEquals((a.pid() + 1) & 0x7FFF, b.pid(), "PictureID after " + a);
        assertTrue(b.ts() != a.ts(), "a new frame has a new timestamp: " + b);
        int tl0Step = b.tid() == 0 ? 1 : 0;
        assertEquals((a.tl0() + tl0Step) & 0xFF, b.tl0(), "TL0PICIDX after " + a);
      } else {
        assertEquals(a.pid(), b.pid());
        assertEquals(a.ts(), b.ts());
      }
    }
  }

  @Test
  void startsOnlyOnAKeyFrameOfTheTargetAndAsksOnlyThatStream() {
    assertEquals(2, consumer.targetSpatialLayer(), "default: the highest encoding");
    assertEquals(2, consumer.targetTemporalLayer(), "default: the highest temporal layer");
    frames(false);
    assertEquals(0, out.rtp.size());
    assertTrue(out.drops.get(DropReason.WAITING_FOR_KEY_FRAME) > 0);
    in.rtcp.clear();
    router.tick(nowMs);
    assertEquals(List.of(ssrc(2)), pliSsrcs(in.rtcp), "one PLI, for the target's SSRC");
    frame(0, true);
    frame(1, true);
    assertEquals(0, out.rtp.size(), "key frames of other encodings do not start it");
    frame(2, true);
    assertEquals(3, out.rtp.size());
    assertEquals(2, consumer.currentSpatialLayer());
    assertEquals(2, consumer.currentTemporalLayer());
    in.rtcp.clear();
    router.tick(nowMs + 5_000);
    assertEquals(List.of(), pliSsrcs(in.rtcp), "nothing more to wait for");
  }

  @Test
  void switchingDownAndUpKeepsTheStreamContinuous() {
    frame(2, true);
    for (int i = 0; i < 8; i++) {
      frames(false);
    }
    in.rtcp.clear();
    consumer.preferredLayers(0, 2, nowMs);
    assertEquals(List.of(ssrc(0)), pliSsrcs(in.rtcp), "the new target's stream is asked");
    for (int i = 0; i < 3; i++) {
      frames(false); // no key frame yet: encoding 2 keeps flowing
    }
    assertEquals(2, consumer.currentSpatialLayer());
    long silentFrom = nowMs;
    frame(0, true);
    assertEquals(0, consumer.currentSpatialLayer());
    for (int i = 0; i < 8; i++) {
      frames(false);
    }
    consumer.preferredLayers(1, 2, nowMs);
    frames(false);
    frame(1, true);
    for (int i = 0; i < 8; i++) {
      frames(false);
    }
    assertEquals(1, consumer.currentSpatialLayer());
    assertEquals(3, consumer.layerSwitches());

    List<Sent> sent = sent();
    assertContinuous(sent);
    List<Integer> order = new ArrayList<>();
    for (Sent s : sent) {
      assertEquals(consumer.ssrc(), s.ssrc());
      if (order.isEmpty() || order.get(order.size() - 1) != s.encoding()) {
        order.add(s.encoding());
      }
    }
    assertEquals(List.of(2, 0, 1), order, "encodings in the order chosen, each after its switch");
    // At a switch the new stream's timestamps continue from the last one sent plus the silence.
    for (int i = 1; i < sent.size(); i++) {
      if (sent.get(i).encoding() != sent.get(i - 1).encoding()) {
        long step = (sent.get(i).ts() - sent.get(i - 1).ts()) & 0xFFFF_FFFFL;
        System.out.println("timestamp step at the switch: " + step + " (90 kHz)");
        assertTrue(step > 0 && step <= 90L * (nowMs - silentFrom), "step " + step);
      }
    }
  }

  @Test
  void temporalLayersDropAtOnceAndComeBackAtASyncFrame() {
    List<String> changes = new ArrayList<>();
    consumer.onLayersChange(
        c -> changes.add(c.currentSpatialLayer() + "/" + c.currentTemporalLayer()));
    frame(2, true);
    for (int i = 0; i < 4; i++) {
      frames(false);
    }
    int before = sent().size();
    consumer.preferredLayers(2, 0, nowMs);
    for (int i = 0; i < 12; i++) {
      frames(false);
    }
    List<Sent> sent = sent();
    for (Sent s : sent.subList(before, sent.size())) {
      assertEquals(0, s.tid(), "only the base layer: " + s);
    }
    assertEquals(0, consumer.currentTemporalLayer());
    assertEquals(before + 3 * 3, sent.size(), "12 frames, every fourth TL0, 3 packets each");
    consumer.preferredLayers(2, 1, nowMs);
    for (int i = 0; i < 8; i++) {
      frames(false);
    }
    sent = sent();
    assertEquals(1, consumer.currentTemporalLayer());
    assertTrue(sent.stream().anyMatch(s -> s.tid() == 1));
    assertTrue(sent.stream().skip(before).noneMatch(s -> s.tid() == 2));
    assertContinuous(sent);
    assertEquals(List.of("2/2", "2/0", "2/1"), changes, "layerschange, once per change");
  }

  @Test
  void nacksAndPlisGoToTheCurrentEncoding() {
    consumer.preferredLayers(1, 2, nowMs);
    frame(1, true);
    for (int i = 0; i < 4; i++) {
      frames(false);
    }
    List<Sent> sent = sent();
    int lost = sent.get(5).seq();
    byte[] nack = new byte[64];
    int len = Nack.write(nack, 0, 1, consumer.ssrc(), new int[] {lost}, 1);
    out.rtp.clear();
    router.receiveRtcp(out, nack, 0, len, nowMs);
    assertEquals(Consumer.RTX_COPIES, out.rtp.size());
    RtpPacket rtx = out.rtpPacket(0);
    assertEquals(consumer.rtxSsrc(), rtx.ssrc());
    assertEquals(
        lost,
        ((rtx.buffer()[rtx.payloadOffset()] & 0xFF) << 8)
            | (rtx.buffer()[rtx.payloadOffset() + 1] & 0xFF),
        "the original sequence number");
    assertEquals(
        1,
        rtx.buffer()[rtx.payloadOffset() + 2 + SimulcastFixture.PAYLOAD - 1],
        "the repair comes from encoding 1's buffer");

    in.rtcp.clear();
    byte[] pli = new byte[Pli.LENGTH];
    Pli.write(pli, 0, 1, consumer.ssrc());
    router.receiveRtcp(out, pli, 0, pli.length, nowMs + 10_000);
    assertEquals(List.of(ssrc(1)), pliSsrcs(in.rtcp), "the browser's PLI reaches encoding 1");
  }

  @Test
  void targetFallsToTheHighestEncodingBeingSent() {
    for (int i = 0; i < 5; i++) {
      frame(0, i == 0);
      frame(1, i == 0);
      nowMs += 33;
    }
    router.tick(nowMs);
    assertEquals(1, consumer.targetSpatialLayer(), "encoding 2 sends nothing");
    frame(1, true);
    assertEquals(1, consumer.currentSpatialLayer());
    assertEquals(2, consumer.preferredSpatialLayer());
  }

  @Test
  void ridSimulcastLearnsTheSsrcsAndSwitchesTheSameWay() {
    Router rids = new Router(new DropCounters());
    FakeTransport ridIn = new FakeTransport();
    Producer p = RouterFixture.producer("rid", "video", SimulcastFixture.ridParameters(), ridIn);
    rids.addProducer(p);
    FakeTransport ridOut = new FakeTransport();
    SimulcastConsumer c = SimulcastFixture.consumer("rc", p, ridOut);
    rids.addConsumer(c);
    assertEquals("simulcast", c.type());
    assertEquals(3, c.spatialLayers());
    assertEquals(3, c.temporalLayers(), "L3T3 from the consumer's scalabilityMode");
    for (SimulcastFixture.Sender s : senders) {
      s.rid = "r" + s.encoding;
    }
    for (int f = 0; f < 6; f++) {
      for (SimulcastFixture.Sender s : senders) {
        for (byte[] packet : s.frame(f == 0, 2)) {
          rids.receiveRtp(ridIn, packet, 0, s.length, nowMs * 1000);
        }
      }
      nowMs += 33;
    }
    assertEquals(0, ridIn.drops.get(DropReason.NO_PRODUCER), "every RID's SSRC learnt");
    assertEquals(2, c.currentSpatialLayer());
    c.preferredLayers(0, 2, nowMs);
    ridIn.rtcp.clear();
    rids.tick(nowMs + 5_000);
    assertEquals(List.of(ssrc(0)), pliSsrcs(ridIn.rtcp), "the PLI names the learnt SSRC of r0");
    for (byte[] packet : senders[0].frame(true, 2)) {
      rids.receiveRtp(ridIn, packet, 0, senders[0].length, nowMs * 1000);
    }
    assertEquals(0, c.currentSpatialLayer());
    int n = ridOut.rtp.size();
    RtpPacket last = ridOut.rtpPacket(n - 1);
    assertEquals(0, encodingOf(last));
    assertEquals((ridOut.rtpPacket(n - 3).sequenceNumber() + 2) & 0xFFFF, last.sequenceNumber());
  }
}
