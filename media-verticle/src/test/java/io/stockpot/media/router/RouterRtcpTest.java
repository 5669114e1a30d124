package io.stockpot.media.router;

import static io.stockpot.media.router.RouterFixture.VP8_LENGTH;
import static io.stockpot.media.router.RouterFixture.vp8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.rtcp.Nack;
import io.stockpot.media.rtcp.RtcpHeader;
import io.stockpot.media.rtcp.TransportCc;
import io.stockpot.media.rtp.RtpPacket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RTCP out, one compound per transport per tick (mediasoup's Transport::SendRtcp): reports first,
 * then NACKs and feedback; sender reports only for streams that sent since the last; NACKs from a
 * browser answered over RTX from the producer's buffer.
 */
class RouterRtcpTest {
  private final FakeTransport in = new FakeTransport();
  private final FakeTransport out = new FakeTransport();
  private final Router router = new Router(new DropCounters());
  private final Producer producer = RouterFixture.video(in);
  private final Consumer consumer;
  private long us = 1_000_000_000_000L;

  RouterRtcpTest() {
    router.addProducer(producer);
    consumer = RouterFixture.consumer("c", producer, out);
    router.addConsumer(consumer);
  }

  private void send(int seq, boolean key) {
    router.receiveRtp(in, vp8(seq, seq * 3000L, seq, key), 0, VP8_LENGTH, us);
    us += 10_000;
  }

  @Test
  void oneCompoundPerTransportPerTick() {
    for (int seq = 1; seq <= 5; seq++) {
      send(seq, seq == 1);
    }
    send(8, false); // a gap: NACKed at once, retried on the tick
    in.rtcp.clear();
    router.tick(us / 1000 + NackGenerator.RETRY_INTERVAL_MS);
    assertEquals(1, in.rtcp.size(), "the producer's transport: one compound");
    List<RtcpSeen.Packet> packets = RtcpSeen.packets(in.rtcp);
    assertEquals(
        List.of(RtcpHeader.RR, RtcpHeader.RTPFB, RtcpHeader.RTPFB),
        packets.stream().map(RtcpSeen.Packet::type).toList());
    assertEquals(Nack.FMT, packets.get(1).fmt());
    assertEquals(TransportCc.FMT, packets.get(2).fmt());
    assertEquals(1, out.rtcp.size(), "the consumer's transport: its sender report");
    assertEquals(RtcpHeader.SR, RtcpSeen.packets(out.rtcp).get(0).type());
  }

  @Test
  void senderReportOnlyAfterSendingInTheInterval() {
    send(1, true);
    router.tick(us / 1000);
    assertEquals(1, RtcpSeen.count(out.rtcp, RtcpHeader.SR, 0));
    router.tick(us / 1000 + 1_000);
    assertEquals(1, RtcpSeen.count(out.rtcp, RtcpHeader.SR, 0), "nothing sent since");
    send(2, false);
    router.tick(us / 1000 + 2_000);
    assertEquals(2, RtcpSeen.count(out.rtcp, RtcpHeader.SR, 0));
  }

  @Test
  void browserNackIsAnsweredOverRtxTwice() {
    for (int seq = 1; seq <= 3; seq++) {
      send(seq, seq == 1);
    }
    int lostOut = out.rtpPacket(1).sequenceNumber();
    byte[] nack = new byte[100];
    int len = Nack.write(nack, 0, 1, consumer.ssrc(), new int[] {lostOut}, 1);
    router.receiveRtcp(out, nack, 0, len, us / 1000);
    assertEquals(3 + Consumer.RTX_COPIES, out.rtp.size());
    RtpPacket first = out.rtpPacket(3);
    RtpPacket second = out.rtpPacket(4);
    assertEquals(consumer.rtxSsrc(), first.ssrc());
    assertEquals((first.sequenceNumber() + 1) & 0xFFFF, second.sequenceNumber());
    byte[] b = out.rtp.get(3);
    int osn = ((b[first.payloadOffset()] & 0xFF) << 8) | (b[first.payloadOffset() + 1] & 0xFF);
    assertEquals(lostOut, osn, "OSN: the consumer's sequence number of the repaired packet");
  }

  @Test
  void malformedRtcpIsCountedOnItsTransport() {
    byte[] junk = {(byte) 0x80, (byte) 200, 0, 50, 1, 2, 3, 4};
    router.receiveRtcp(out, junk, 0, junk.length, 0);
    assertEquals(1, out.drops.get(DropReason.RTCP_MALFORMED));
    assertTrue(in.drops.total() == 0);
  }
}
