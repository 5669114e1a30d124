package io.stockpot.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sender reports we write and the compounds we read back, including hostile input. */
class RtcpTest {
  @Test
  void senderReportCarriesTheStreamsCountersAndCname() {
    CollectingSink sink = new CollectingSink();
    AudioStream audio = new AudioStream(0x01020304, "0", ExtensionIds.CHROME_AUDIO, 0, 1000);
    long t0 = 5_000_000_000L;
    audio.poll(t0, sink);
    audio.poll(t0 + 40_000_000L, sink); // three packets, last timestamp 1000 + 1920
    byte[] cname = SenderReports.cname("abc");
    byte[] buf = new byte[128];
    long unixMillis = 1_700_000_000_500L;
    int len = SenderReports.write(buf, 0, audio, cname, unixMillis, t0 + 50_000_000L);
    assertEquals(SenderReports.length(3), len);
    assertEquals(0, len % 4);
    assertEquals(200, buf[1] & 0xFF);
    assertEquals(6, buf[3]);
    assertEquals(0x01020304, RtpWriter.readInt(buf, 4));
    assertEquals(
        1_700_000_000L + 2_208_988_800L, Integer.toUnsignedLong(RtpWriter.readInt(buf, 8)));
    assertEquals(1L << 31, Integer.toUnsignedLong(RtpWriter.readInt(buf, 12)), "half a second");
    assertEquals(1000 + 1920 + 480, RtpWriter.readInt(buf, 16), "media clock 10 ms on");
    assertEquals(3, RtpWriter.readInt(buf, 20));
    assertEquals(300, RtpWriter.readInt(buf, 24));
    // SDES: one chunk, CNAME item, null-terminated and padded.
    assertEquals(0x81, buf[28] & 0xFF);
    assertEquals(202, buf[29] & 0xFF);
    assertEquals(len - 28, 4 * ((buf[31] & 0xFF) + 1));
    assertEquals(1, buf[36]);
    assertEquals(3, buf[37]);
    assertEquals("abc", new String(buf, 38, 3));
    assertEquals(0, buf[41]);

    RtcpCounters counters = new RtcpCounters();
    assertEquals(2, RtcpReader.read(buf, 0, len, counters, null));
    assertEquals(1, counters.get(RtcpCounters.Kind.SR));
    assertEquals(1, counters.get(RtcpCounters.Kind.SDES));
  }

  @Test
  void feedbackIsCountedByTypeAndKeyFrameRequestsReported() {
    byte[] compound = {
      (byte) 0x80,
      (byte) 201,
      0,
      1,
      0,
      0,
      0,
      1, // RR, no blocks
      (byte) 0x81,
      (byte) 205,
      0,
      3,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      7,
      0,
      1,
      0,
      0, // NACK
      (byte) 0x8F,
      (byte) 205,
      0,
      2,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      7, // transport-cc (truncated FCI)
      (byte) 0x81,
      (byte) 206,
      0,
      2,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      7, // PLI for 7
      (byte) 0x84,
      (byte) 206,
      0,
      4,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      8,
      1,
      0,
      0,
      0, // FIR for 8
      (byte) 0x8F,
      (byte) 206,
      0,
      2,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      0 // REMB-ish
    };
    RtcpCounters counters = new RtcpCounters();
    List<Integer> requested = new ArrayList<>();
    assertEquals(6, RtcpReader.read(compound, 0, compound.length, counters, requested::add));
    assertEquals(List.of(7, 8), requested);
    for (RtcpCounters.Kind k :
        List.of(
            RtcpCounters.Kind.RR,
            RtcpCounters.Kind.NACK,
            RtcpCounters.Kind.TRANSPORT_CC,
            RtcpCounters.Kind.PLI,
            RtcpCounters.Kind.FIR,
            RtcpCounters.Kind.REMB)) {
      assertEquals(1, counters.get(k), k.name());
    }
    assertEquals(0, counters.get(RtcpCounters.Kind.MALFORMED));
  }

  @Test
  void aLengthRunningPastTheEndIsCountedAsMalformed() {
    byte[] bad = {(byte) 0x80, (byte) 201, 0, 7, 0, 0, 0, 1};
    RtcpCounters counters = new RtcpCounters();
    assertEquals(0, RtcpReader.read(bad, 0, bad.length, counters, null));
    assertEquals(1, counters.get(RtcpCounters.Kind.MALFORMED));
  }

  @Test
  void randomAndMutatedInputNeverThrows() {
    Random random = new Random(42);
    byte[] seed = {
      (byte) 0x81,
      (byte) 206,
      0,
      2,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      7,
      (byte) 0x84,
      (byte) 206,
      0,
      4,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      8,
      1,
      0,
      0,
      0
    };
    RtcpCounters counters = new RtcpCounters();
    for (int i = 0; i < 20_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = new byte[random.nextInt(80)];
        random.nextBytes(input);
      } else {
        input = Arrays.copyOf(seed, 1 + random.nextInt(seed.length + 8));
        input[random.nextInt(input.length)] ^= (byte) random.nextInt(256);
      }
      int off = input.length == 0 ? 0 : random.nextInt(input.length);
      RtcpReader.read(input, off, input.length - off, counters, ssrc -> {});
      RtcpReader.read(input, off, input.length, counters, null); // past the end
    }
    RtcpReader.read(null, 0, 10, counters, null);
  }
}
