package io.stockpot.media.router;

import static io.stockpot.media.router.RouterFixture.VP8_LENGTH;
import static io.stockpot.media.router.RouterFixture.vp8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A consumer's sequence numbers and timestamps: continuous across pause and resume, a video
 * consumer (re)starts on a key frame (mediasoup's SeqManager and SimpleConsumer sync).
 */
class SeqRewriterTest {
  @Test
  void firstPacketKeepsTheFirstNumbers() {
    SeqRewriter s = new SeqRewriter(90_000, 5000, 77_000);
    s.sync(40_000, 1_000_000, 1_000);
    assertEquals(5000, s.seq(40_000));
    assertEquals(77_000, s.ts(1_000_000));
    assertEquals(5001, s.seq(40_001));
  }

  @Test
  void resumeContinuesSequenceAndAdvancesTimestampByTheSilence() {
    SeqRewriter s = new SeqRewriter(90_000, 65_534, 0xFFFF_FF00L);
    s.sync(100, 0, 1_000);
    for (int i = 0; i < 3; i++) {
      s.sent(s.seq(100 + i), s.ts(i * 3000L), 1_000 + i * 33L);
    }
    assertEquals(0, s.lastSeq(), "wrapped past 65535");
    // Paused 2 s; the producer moved on 500 packets and 2 s of clock.
    s.requireSync();
    s.sync(603, 6000 + 180_000, 3_066);
    assertEquals(1, s.seq(603), "the next number after the last sent");
    long expectedTs = (0xFFFF_FF00L + 6000 + 2_000 * 90L) & 0xFFFF_FFFFL;
    assertEquals(expectedTs, s.ts(6000 + 180_000), "last timestamp plus 2 s of 90 kHz");
    assertEquals(603, s.inputSeq(1), "NACKs map back to the producer's numbers");
  }

  @Test
  void aLateOlderPacketDoesNotMoveTheLastSent() {
    SeqRewriter s = new SeqRewriter(48_000, 1000, 0);
    s.sync(10, 0, 0);
    s.sent(s.seq(12), 960, 20);
    s.sent(s.seq(11), 480, 21);
    assertEquals(1002, s.lastSeq());
    assertEquals(960, s.lastTimestamp());
  }

  @Test
  void videoConsumerStartsOnKeyFrameAndResumesContinuously() {
    FakeTransport in = new FakeTransport();
    FakeTransport out = new FakeTransport();
    Router router = new Router(new DropCounters());
    Producer producer = RouterFixture.video(in);
    router.addProducer(producer);
    Consumer consumer = RouterFixture.consumer("c", producer, out);
    router.addConsumer(consumer);
    long us = 1_000_000_000L;
    router.receiveRtp(in, vp8(10, 0, 1, false), 0, VP8_LENGTH, us);
    assertEquals(0, out.rtp.size(), "delta frame before the first key frame");
    assertEquals(1, out.drops.get(DropReason.WAITING_FOR_KEY_FRAME));
    router.receiveRtp(in, vp8(11, 3000, 2, true), 0, VP8_LENGTH, us + 33_000);
    router.receiveRtp(in, vp8(12, 6000, 3, false), 0, VP8_LENGTH, us + 66_000);
    consumer.paused(true);
    router.receiveRtp(in, vp8(13, 9000, 4, false), 0, VP8_LENGTH, us + 99_000);
    assertEquals(1, out.drops.get(DropReason.CONSUMER_INACTIVE));
    consumer.paused(false);
    router.receiveRtp(in, vp8(14, 12000, 5, false), 0, VP8_LENGTH, us + 132_000);
    router.receiveRtp(in, vp8(15, 15000, 6, true), 0, VP8_LENGTH, us + 165_000);
    assertEquals(2, out.drops.get(DropReason.WAITING_FOR_KEY_FRAME));
    List<Integer> seqs = out.sequenceNumbers();
    assertEquals(3, seqs.size());
    int first = seqs.get(0);
    assertEquals(List.of(first, (first + 1) & 0xFFFF, (first + 2) & 0xFFFF), seqs);
    long ts1 = out.rtpPacket(1).timestamp();
    long ts2 = out.rtpPacket(2).timestamp();
    // 99 ms of silence at 90 kHz between the last sent and the resumed key frame.
    assertEquals((ts1 + 99 * 90) & 0xFFFF_FFFFL, ts2);
    assertTrue(out.rtpPacket(2).ssrc() == consumer.ssrc());
  }
}
