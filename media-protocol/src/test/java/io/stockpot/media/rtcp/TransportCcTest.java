package io.stockpot.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Builder to parser round trips. */
class TransportCcTest {
  private final TransportCc fb = new TransportCc();
  private final byte[] out = new byte[1500];

  /** What the parsed feedback said, in sequence order across all packets. */
  private record Report(List<Integer> seqs, Map<Integer, Long> arrivals, int packets) {}

  private Report drain(TransportCcBuilder builder, int maxSize) {
    List<Integer> seqs = new ArrayList<>();
    Map<Integer, Long> arrivals = new HashMap<>();
    int packets = 0;
    int expectedCount = -1;
    while (builder.hasPending()) {
      int len = builder.write(out, 0);
      assertTrue(len > 0 && len <= maxSize && len % 4 == 0, "length " + len);
      assertTrue(fb.read(out, 0, len));
      if (expectedCount >= 0) {
        assertEquals(expectedCount, fb.feedbackPacketCount());
      }
      expectedCount = (fb.feedbackPacketCount() + 1) & 0xFF;
      while (fb.nextEntry()) {
        seqs.add(fb.entrySequenceNumber());
        if (fb.entryReceived()) {
          arrivals.put(fb.entrySequenceNumber(), fb.entryArrivalUs());
        }
      }
      packets++;
    }
    assertEquals(0, builder.write(out, 0));
    return new Report(seqs, arrivals, packets);
  }

  /** Every seq from the first to the last is reported once, in order, with quantized times. */
  private static void check(Report report, int firstSeq, Map<Integer, Long> sent) {
    for (int i = 0; i < report.seqs().size(); i++) {
      assertEquals((firstSeq + i) & 0xFFFF, report.seqs().get(i));
    }
    assertEquals(sent.keySet(), report.arrivals().keySet());
    for (Map.Entry<Integer, Long> e : sent.entrySet()) {
      long expected = Math.floorDiv(e.getValue(), 250) * 250;
      assertEquals(expected, report.arrivals().get(e.getKey()), "seq " + e.getKey());
    }
  }

  @Test
  void steadyStreamFitsOnePacketOfRunLengthChunks() {
    TransportCcBuilder builder = new TransportCcBuilder(1200);
    Map<Integer, Long> sent = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      long t = 1_000_000 + i * 5_000L;
      builder.add(1000 + i, t);
      sent.put(1000 + i, t);
    }
    Report report = drain(builder, 1200);
    assertEquals(1, report.packets());
    assertEquals(1, fb.chunkCount()); // 100 small deltas: a single run
    check(report, 1000, sent);
  }

  @Test
  void gapsAreReportedAsNotReceived() {
    TransportCcBuilder builder = new TransportCcBuilder(1200);
    Map<Integer, Long> sent = new HashMap<>();
    int[] seqs = {10, 11, 13, 20, 21, 400, 401, 405};
    for (int i = 0; i < seqs.length; i++) {
      long t = 2_000_000 + i * 1_000L;
      assertTrue(builder.add(seqs[i], t));
      sent.put(seqs[i], t);
    }
    assertEquals(396, builder.pendingCount());
    Report report = drain(builder, 1200);
    assertEquals(396, report.seqs().size());
    check(report, 10, sent);
  }

  @Test
  void reorderedArrivalsGiveNegativeDeltas() {
    TransportCcBuilder builder = new TransportCcBuilder(1200);
    Map<Integer, Long> sent = new HashMap<>();
    int[] order = {0, 2, 1, 3, 5, 4, 6, 9, 7, 8};
    for (int i = 0; i < order.length; i++) {
      long t = 5_000_000 + i * 2_000L;
      assertTrue(builder.add(65530 + order[i], t)); // across the sequence number wrap
      sent.put((65530 + order[i]) & 0xFFFF, t);
    }
    Report report = drain(builder, 1200);
    check(report, 65530, sent);
    assertTrue(fb.read(out, 0, (out[2] << 8 | out[3] & 0xFF) * 4 + 4));
    boolean sawLarge = false;
    while (fb.nextEntry()) {
      sawLarge |= fb.entryStatus() == TransportCc.STATUS_LARGE_DELTA;
    }
    assertTrue(sawLarge);
    assertTrue(fb.chunkCount() > 1);
  }

  @Test
  void deltaBeyondSixteenBitsStartsANewPacket() {
    TransportCcBuilder builder = new TransportCcBuilder(1200);
    Map<Integer, Long> sent = new HashMap<>();
    long[] times = {1_000_000, 1_100_000, 1_200_000 + 9_000_000, 10_300_000, 10_350_000};
    for (int i = 0; i < times.length; i++) {
      builder.add(i, times[i]);
      sent.put(i, times[i]);
    }
    int len = builder.write(out, 0);
    assertTrue(fb.read(out, 0, len));
    assertEquals(2, fb.packetStatusCount());
    assertEquals(0, fb.baseSequenceNumber());
    len = builder.write(out, 0);
    assertTrue(fb.read(out, 0, len));
    assertEquals(2, fb.baseSequenceNumber());
    assertEquals(3, fb.packetStatusCount());
    assertEquals(10_200_000 / 64_000, fb.referenceTime());
    assertFalse(builder.hasPending());
  }

  @Test
  void largeDeltasWithinRangeStayInOnePacket() {
    TransportCcBuilder builder = new TransportCcBuilder(1200);
    Map<Integer, Long> sent = new HashMap<>();
    long[] times = {1_000_000, 1_100_000, 1_050_000, 9_000_000, 9_000_100};
    for (int i = 0; i < times.length; i++) {
      builder.add(i, times[i]);
      sent.put(i, times[i]);
    }
    Report report = drain(builder, 1200);
    assertEquals(1, report.packets());
    check(report, 0, sent);
  }

  @Test
  void sizeLimitSplitsIntoSeveralPackets() {
    TransportCcBuilder builder = new TransportCcBuilder(64);
    builder.setFeedbackPacketCount(254);
    Map<Integer, Long> sent = new HashMap<>();
    Random random = new Random(3);
    long t = 0;
    for (int i = 0; i < 300; i++) {
      t += random.nextInt(3) == 0 ? 70_000 : random.nextInt(5_000);
      if (random.nextInt(5) != 0) {
        builder.add(i, t);
        sent.put(i, t);
      }
    }
    int first = sent.keySet().stream().min(Integer::compare).orElseThrow();
    Report report = drain(builder, 64);
    assertTrue(report.packets() > 5, "packets " + report.packets());
    check(report, first, sent);
  }

  @Test
  void windowLimitsAndOldSequenceNumbers() {
    TransportCcBuilder builder = new TransportCcBuilder(1200);
    assertTrue(builder.add(100, 1000));
    assertFalse(builder.add(100 + TransportCcBuilder.WINDOW, 2000)); // pending: write first
    assertTrue(builder.add(99 + TransportCcBuilder.WINDOW, 2000));
    while (builder.hasPending()) {
      assertTrue(builder.write(out, 0) > 0);
    }
    assertFalse(builder.add(100, 3000)); // already reported
    assertTrue(builder.add(30_000, 4000)); // far ahead with nothing pending: new span
    assertEquals(1, builder.pendingCount());
    assertEquals(-1, builder.write(new byte[10], 0));
    builder.reset();
    assertFalse(builder.hasPending());
  }

  @Test
  void randomTrafficRoundTrips() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int maxSize = 40 + random.nextInt(1200);
      TransportCcBuilder builder = new TransportCcBuilder(maxSize);
      Map<Integer, Long> sent = new HashMap<>();
      int start = random.nextInt(65536);
      int count = 1 + random.nextInt(1000);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (random.nextInt(10) != 0 || i == 0) {
          order.add(i);
        }
      }
      for (int i = 1; i < order.size(); i++) { // local reordering
        if (random.nextInt(8) == 0) {
          order.set(i - 1, order.set(i, order.get(i - 1)));
        }
      }
      long t = random.nextInt(1_000_000_000);
      Set<Integer> seen = new HashSet<>();
      for (int i : order) {
        t += random.nextInt(20) == 0 ? random.nextInt(12_000_000) : random.nextInt(10_000);
        int seq = (start + i) & 0xFFFF;
        if (builder.add(seq, t) && seen.add(seq)) {
          sent.put(seq, t);
        }
      }
      int first = order.get(0); // the builder's span starts at the first arrival
      check(drain(builder, maxSize), (start + first) & 0xFFFF, sent);
    }
  }
}
