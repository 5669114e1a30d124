package io.stockpot.media.router;

import static io.stockpot.media.router.RouterFixture.VP8_LENGTH;
import static io.stockpot.media.router.RouterFixture.vp8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.rtcp.Nack;
import io.stockpot.media.rtp.RtpPacket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every field a consumer's stream emits, against RFC 3550 and mediasoup's RtpStreamSend: a random
 * first sequence number in [1000, 32767] (clear of the wrap, so SRTP's rollover counter is inferred
 * right by a receiver that missed the first packets), a random first timestamp, the consumer's SSRC
 * and payload type, an RTX stream with its own numbering from the same range.
 */
class ConsumerStreamTest {
  private static final int CONSUMERS = 200;

  @Test
  void firstSequenceNumbersAndTimestampsAreRandomAndClearOfTheWrap() {
    FakeTransport in = new FakeTransport();
    Router router = new Router(new DropCounters());
    Producer producer = RouterFixture.video(in);
    router.addProducer(producer);
    FakeTransport[] outs = new FakeTransport[CONSUMERS];
    for (int i = 0; i < CONSUMERS; i++) {
      outs[i] = new FakeTransport();
      router.addConsumer(RouterFixture.consumer("c" + i, producer, outs[i]));
    }
    router.receiveRtp(in, vp8(65_000, 123_456, 1, true), 0, VP8_LENGTH, 1_000_000_000L);
    Set<Integer> seqs = new HashSet<>();
    Set<Long> timestamps = new HashSet<>();
    for (int i = 0; i < CONSUMERS; i++) {
      RtpPacket p = outs[i].rtpPacket(0);
      int seq = p.sequenceNumber();
      assertTrue(seq >= 1000 && seq <= 32_767, "first sequence number " + seq);
      seqs.add(seq);
      timestamps.add(p.timestamp());
      Consumer c = router.consumer("c" + i);
      assertEquals(c.ssrc(), p.ssrc());
      assertEquals(101, p.payloadType(), "the receiver's payload type for VP8");
    }
    assertTrue(seqs.size() > CONSUMERS / 2, "drawn independently: " + seqs.size() + " distinct");
    assertTrue(timestamps.size() > CONSUMERS / 2, "drawn independently: " + timestamps.size());
  }

  @Test
  void rtxSequenceStartsInTheSameRangeAndCountsUpByOne() {
    for (int attempt = 0; attempt < 50; attempt++) {
      FakeTransport in = new FakeTransport();
      FakeTransport out = new FakeTransport();
      Router router = new Router(new DropCounters());
      Producer producer = RouterFixture.video(in);
      router.addProducer(producer);
      Consumer c = RouterFixture.consumer("c", producer, out);
      router.addConsumer(c);
      router.receiveRtp(in, vp8(1, 0, 1, true), 0, VP8_LENGTH, 1_000_000_000L);
      int sent = out.rtpPacket(0).sequenceNumber();
      byte[] nack = new byte[64];
      int len = Nack.write(nack, 0, 1, c.ssrc(), new int[] {sent}, 1);
      router.receiveRtcp(out, nack, 0, len, 1_000_000);
      RtpPacket first = out.rtpPacket(1);
      RtpPacket second = out.rtpPacket(2);
      assertEquals(c.rtxSsrc(), first.ssrc());
      assertTrue(first.sequenceNumber() >= 1000 && first.sequenceNumber() <= 32_767);
      assertEquals(first.sequenceNumber() + 1, second.sequenceNumber());
      assertEquals(first.timestamp(), out.rtpPacket(0).timestamp(), "RTX keeps the timestamp");
    }
  }
}
