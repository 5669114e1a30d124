package io.stockpot.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stockpot.media.FuzzSeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of transport-wide CC feedback (draft-holmer-rmcat-transport-wide-cc-
 * extensions-01 §3.1): a packet reads or is refused, its walk yields exactly the packet status
 * count, and the arrivals it reports, fed to {@link TransportCcBuilder}, come back from the
 * feedback the builder writes — same sequence numbers, same arrival times.
 */
class TransportCcFuzzTargetTest {
  /** The 24-bit reference time wraps (about every 12 days): arrivals are equal modulo that. */
  private static final long CLOCK_WRAP_US = (1L << 24) * TransportCc.REFERENCE_TIME_UNIT_US;

  private final TransportCc feedback = new TransportCc();
  private final TransportCc again = new TransportCc();
  private final TransportCcBuilder builder = new TransportCcBuilder(1200);
  private final byte[] out = new byte[1500];

  @FuzzTest
  void parse(byte[] data) {
    if (!feedback.read(data, 0, data.length)) {
      assertEquals(0, feedback.packetStatusCount());
      return;
    }
    List<long[]> arrivals = new ArrayList<>();
    int entries = 0;
    while (feedback.nextEntry()) {
      entries++;
      if (feedback.entryReceived()) {
        arrivals.add(new long[] {feedback.entrySequenceNumber(), feedback.entryArrivalUs()});
      }
    }
    assertEquals(feedback.packetStatusCount(), entries);
    assertSameArrivals(arrivals, rebuild(arrivals));
  }

  /** Feeds the arrivals to the builder and answers those its feedback packets report. */
  private List<long[]> rebuild(List<long[]> arrivals) {
    List<long[]> reported = new ArrayList<>();
    builder.reset();
    for (long[] a : arrivals) {
      if (!builder.add((int) a[0], a[1])) {
        flush(reported);
        builder.reset(); // a span too far ahead or behind starts afresh
        assertTrue(builder.add((int) a[0], a[1]));
      }
    }
    flush(reported);
    return reported;
  }

  private void flush(List<long[]> reported) {
    while (builder.hasPending()) {
      int n = builder.write(out, 0);
      assertTrue(n > 0, "the builder writes what is pending");
      assertTrue(again.read(out, 0, n), "the builder's feedback reads back");
      while (again.nextEntry()) {
        if (again.entryReceived()) {
          reported.add(new long[] {again.entrySequenceNumber(), again.entryArrivalUs()});
        }
      }
    }
  }

  private static void assertSameArrivals(List<long[]> expected, List<long[]> actual) {
    String what = "arrivals survive the builder";
    assertEquals(expected.size(), actual.size(), what);
    for (int i = 0; i < expected.size(); i++) {
      long[] e = expected.get(i);
      long[] a = actual.get(i);
      assertEquals(e[0], a[0], what + ": sequence number");
      assertEquals(0, Math.floorMod(e[1] - a[1], CLOCK_WRAP_US), what + ": arrival of " + e[0]);
    }
  }

  /** Seeds: feedback as Chrome sends it, from the RFC tests. */
  @Test
  void seedsAreTheVectors() {
    FuzzSeeds.assertSeeds(
        TransportCcFuzzTargetTest.class,
        "parse",
        Map.of(
            "chrome-run-length", RtcpRfcTest.CHROME_RUN_LENGTH,
            "chrome-two-chunk-types", RtcpRfcTest.CHROME_TWO_CHUNK_TYPES));
  }
}
