package io.stockpot.media.router;

import static io.stockpot.media.router.RouterFixture.OPUS_LENGTH;
import static io.stockpot.media.router.RouterFixture.RTX_LENGTH;
import static io.stockpot.media.router.RouterFixture.VP8_LENGTH;
import static io.stockpot.media.router.RouterFixture.opus;
import static io.stockpot.media.router.RouterFixture.rtx;
import static io.stockpot.media.router.RouterFixture.vp8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.rtcp.Pli;
import io.stockpot.media.rtcp.RtcpHeader;
import io.stockpot.media.rtp.RtpPacket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A producer receiving: media, RTX repairs, gaps asked for at once and retried on the router's
 * tick, and what it discards and why (mediasoup's Producer, RtpStreamRecv and NackGenerator).
 */
class ProducerReceiveTest {
  private final FakeTransport in = new FakeTransport();
  private final Router router = new Router(new DropCounters());
  private final Producer producer = RouterFixture.video(in);
  private final RtpPacket packet = new RtpPacket();
  private long nowMs = 1_000_000;

  ProducerReceiveTest() {
    router.addProducer(producer);
  }

  private ReceiveResult receive(byte[] buf, int len) {
    packet.read(buf, 0, len);
    return producer.receive(packet, buf, 0, len, nowMs);
  }

  @Test
  void mediaThenDuplicateThenRepair() {
    assertEquals(ReceiveResult.Kind.MEDIA, receive(vp8(100, 0, 1, true), VP8_LENGTH).kind());
    ReceiveResult dup = receive(vp8(100, 0, 1, true), VP8_LENGTH);
    assertEquals(DropReason.DUPLICATE_OR_TOO_OLD, dup.dropReason());
    receive(vp8(102, 0, 3, false), VP8_LENGTH);
    ReceiveResult repair = receive(rtx(101, 0, 500, 4), RTX_LENGTH);
    assertEquals(ReceiveResult.Kind.RETRANSMISSION, repair.kind());
    assertEquals(VP8_LENGTH, repair.length(), "the OSN is gone");
    assertEquals(101, packet.sequenceNumber());
    assertEquals(RouterFixture.VIDEO_SSRC, packet.ssrc());
    assertEquals(RouterFixture.VP8_PT, packet.payloadType());
    assertEquals(
        DropReason.DUPLICATE_OR_TOO_OLD,
        receive(rtx(101, 0, 501, 5), RTX_LENGTH).dropReason(),
        "a second repair of the same packet");
  }

  @Test
  void rtxWithUnknownPayloadTypeCannotBeUnwrapped() {
    receive(vp8(100, 0, 1, true), VP8_LENGTH);
    byte[] bad = rtx(101, 0, 500, 2);
    bad[1] = (byte) 120;
    assertEquals(DropReason.RTX_UNWRAP_FAILED, receive(bad, RTX_LENGTH).dropReason());
  }

  @Test
  void pausedProducerCountsButDoesNotForward() {
    producer.paused(true);
    assertEquals(DropReason.PRODUCER_PAUSED, receive(vp8(1, 0, 1, true), VP8_LENGTH).dropReason());
    assertEquals(1, producer.streams()[0].packetCount());
  }

  @Test
  void gapIsNackedAtOnceThenRetriedOnTicksThenCostsAKeyFrame() {
    receive(vp8(100, 0, 1, true), VP8_LENGTH);
    receive(vp8(103, 0, 2, false), VP8_LENGTH);
    assertEquals(List.of(101, 102), RtcpSeen.nacked(in.rtcp), "asked at once");
    in.rtcp.clear();
    router.tick(nowMs + 5);
    assertEquals(List.of(), RtcpSeen.nacked(in.rtcp), "not again within the retry interval");
    for (int i = 1; i < NackGenerator.MAX_RETRIES; i++) {
      router.tick(nowMs + i * NackGenerator.RETRY_INTERVAL_MS);
    }
    assertEquals(2 * (NackGenerator.MAX_RETRIES - 1), RtcpSeen.nacked(in.rtcp).size());
    long plisBefore = RtcpSeen.count(in.rtcp, RtcpHeader.PSFB, Pli.FMT);
    router.tick(nowMs + 20 * NackGenerator.RETRY_INTERVAL_MS);
    assertEquals(plisBefore + 1, RtcpSeen.count(in.rtcp, RtcpHeader.PSFB, Pli.FMT), "given up");
    assertEquals(NackGenerator.MAX_RETRIES, producer.streams()[0].nackCount());
  }

  @Test
  void lateArrivalLeavesTheNackList() {
    receive(vp8(100, 0, 1, true), VP8_LENGTH);
    receive(vp8(103, 0, 2, false), VP8_LENGTH);
    receive(vp8(101, 0, 3, false), VP8_LENGTH);
    in.rtcp.clear();
    router.tick(nowMs + NackGenerator.RETRY_INTERVAL_MS);
    assertEquals(List.of(102), RtcpSeen.nacked(in.rtcp));
  }

  @Test
  void audioHasNoNacksAndNoBuffer() {
    FakeTransport t = new FakeTransport();
    Producer audio = RouterFixture.audio(t);
    router.addProducer(audio);
    for (int seq : new int[] {1, 5}) {
      byte[] b = opus(seq, seq * 960L, seq);
      packet.read(b, 0, OPUS_LENGTH);
      assertTrue(audio.receive(packet, b, 0, OPUS_LENGTH, nowMs).forwardable());
    }
    assertEquals(List.of(), RtcpSeen.nacked(t.rtcp));
    assertEquals(null, audio.buffer(0));
    assertEquals(3, audio.streams()[0].packetsLost());
  }

  @Test
  void repairAheadOfTheHighestSequenceNumberCountsAsArrived() {
    FakeTransport out = new FakeTransport();
    Consumer consumer = RouterFixture.consumer("c", producer, out);
    router.addConsumer(consumer);
    long us = nowMs * 1000;
    router.receiveRtp(in, vp8(200, 0, 1, true), 0, VP8_LENGTH, us);
    router.receiveRtp(in, rtx(201, 0, 7, 2), 0, RTX_LENGTH, us + 1_000);
    router.receiveRtp(in, vp8(202, 0, 3, false), 0, VP8_LENGTH, us + 2_000);
    for (int i = 1; i <= 2 * NackGenerator.MAX_RETRIES; i++) {
      router.tick(nowMs + i * NackGenerator.RETRY_INTERVAL_MS);
    }
    assertEquals(List.of(), RtcpSeen.nacked(in.rtcp), "no gap was opened for 201");
    assertEquals(0, RtcpSeen.count(in.rtcp, RtcpHeader.PSFB, Pli.FMT), "no key frame asked");
    assertEquals(0, producer.streams()[0].packetsLost());
    List<Integer> seqs = out.sequenceNumbers();
    int first = seqs.get(0);
    assertEquals(List.of(first, (first + 1) & 0xFFFF, (first + 2) & 0xFFFF), seqs, "201 once");
  }
}
