package io.stockpot.media.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.rtcp.TransportCc;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transport-wide feedback for one transport (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1): every sequence number reported once with its arrival time, across wrap, reordering, long
 * gaps and bursts; every packet at least 18 bytes and at most the MTU.
 */
class TransportCcFeedbackTest {
  private final FakeTransport transport = new FakeTransport();
  private final TransportCcFeedback feedback = new TransportCcFeedback(transport, 42);

  /** Feedback written until nothing is pending, as the router's tick does. */
  private List<byte[]> drain() {
    List<byte[]> packets = new ArrayList<>();
    byte[] buf = new byte[1500];
    int len;
    while ((len = feedback.write(buf, 0)) > 0) {
      packets.add(java.util.Arrays.copyOf(buf, len));
    }
    return packets;
  }

  /** seq → arrival µs of every received entry, checking each packet's size and shape. */
  private static List<long[]> entries(List<byte[]> packets) {
    List<long[]> out = new ArrayList<>();
    TransportCc tcc = new TransportCc();
    for (byte[] p : packets) {
      assertTrue(p.length >= 18 && p.length <= TransportCcFeedback.MAX_PACKET, "size " + p.length);
      assertTrue(tcc.read(p, 0, p.length), "parses");
      while (tcc.nextEntry()) {
        if (tcc.entryReceived()) {
          out.add(new long[] {tcc.entrySequenceNumber(), tcc.entryArrivalUs()});
        }
      }
    }
    return out;
  }

  @Test
  void sequenceWrapAndReordering() {
    long t = 5_000_000;
    int[] order = {65533, 65535, 65534, 0, 2, 1};
    for (int i = 0; i < order.length; i++) {
      feedback.arrived(order[i], 7, t + i * 1000L);
    }
    List<long[]> got = entries(drain());
    assertEquals(6, got.size());
    int[] bySeq = {65533, 65534, 65535, 0, 1, 2};
    long[] arrivals = {0, 2000, 1000, 3000, 5000, 4000};
    for (int i = 0; i < 6; i++) {
      assertEquals(bySeq[i], got.get(i)[0]);
      assertTrue(Math.abs(t + arrivals[i] - got.get(i)[1]) < 250, "arrival of " + bySeq[i]);
    }
  }

  @Test
  void nineSecondGapSplitsIntoTwoPackets() {
    feedback.arrived(10, 7, 1_000_000);
    feedback.arrived(11, 7, 10_000_000);
    List<byte[]> packets = drain();
    assertEquals(2, packets.size(), "16-bit deltas reach 8 s: a new reference time");
    List<long[]> got = entries(packets);
    assertEquals(10, got.get(0)[0]);
    assertEquals(11, got.get(1)[0]);
    assertTrue(Math.abs(10_000_000 - got.get(1)[1]) < 64_000, "arrival " + got.get(1)[1]);
  }

  @Test
  void burstOf1500PacketsIn50Ms() {
    for (int i = 0; i < 1500; i++) {
      feedback.arrived(i, 7, 2_000_000 + i * 50_000L / 1500);
    }
    List<byte[]> packets = drain();
    assertTrue(packets.size() >= 2, "more than one MTU of statuses and deltas");
    List<long[]> got = entries(packets);
    assertEquals(1500, got.size());
    for (int i = 0; i < 1500; i++) {
      assertEquals(i, got.get(i)[0]);
    }
    TransportCc tcc = new TransportCc();
    for (int i = 0; i < packets.size(); i++) {
      tcc.read(packets.get(i), 0, packets.get(i).length);
      assertEquals(i, tcc.feedbackPacketCount(), "fb pkt count steps by one");
    }
  }

  @Test
  void farBeyondTheWindowSendsWhatIsPendingAtOnce() {
    feedback.arrived(0, 7, 1_000_000);
    feedback.arrived(1, 7, 1_001_000);
    feedback.arrived(5000, 7, 1_002_000);
    assertEquals(1, transport.rtcp.size(), "the first window went out");
    assertEquals(List.of(0L, 1L), entries(transport.rtcp).stream().map(e -> e[0]).toList());
    assertEquals(5000, entries(drain()).get(0)[0]);
  }

  @Test
  void eachTransportCountsItsOwnFeedbackPackets() {
    FakeTransport a = new FakeTransport();
    FakeTransport b = new FakeTransport();
    Router router = new Router(new DropCounters());
    Producer pa = RouterFixture.video(a);
    Producer pb = RouterFixture.video(b);
    router.addProducer(pa);
    router.addProducer(pb);
    long us = 1_000_000_000L;
    for (int tick = 0; tick < 3; tick++) {
      for (int i = 0; i < 5; i++) {
        int seq = tick * 5 + i;
        router.receiveRtp(a, RouterFixture.vp8(seq, 0, seq, true), 0, RouterFixture.VP8_LENGTH, us);
        router.receiveRtp(b, RouterFixture.vp8(seq, 0, seq, true), 0, RouterFixture.VP8_LENGTH, us);
        us += 1000;
      }
      router.tick(us / 1000);
    }
    for (FakeTransport t : List.of(a, b)) {
      List<Integer> counts = new ArrayList<>();
      TransportCc tcc = new TransportCc();
      for (RtcpSeen.Packet p : RtcpSeen.packets(t.rtcp)) {
        if (p.type() == 205 && p.fmt() == TransportCc.FMT && tcc.read(p.buf(), p.off(), p.len())) {
          counts.add(tcc.feedbackPacketCount());
        }
      }
      assertEquals(List.of(0, 1, 2), counts);
    }
  }
}
