package io.stockpot.media.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stockpot.media.rtp.RtpPacket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpStreamRecvTest {
  private final byte[] buf = new byte[64];
  private final RtpPacket packet = new RtpPacket();

  private RtpPacket packet(int seq, long ts) {
    RtpPacket.writeHeader(buf, 0, false, 96, seq, ts, 1234);
    packet.read(buf, 0, 12 + 20);
    return packet;
  }

  @Test
  void lossJitterAndWrapFollowRfc3550() {
    RtpStreamRecv s = new RtpStreamRecv(1234, 90000);
    long now = 1_000;
    for (int i = 0; i < 100; i++) {
      int seq = (65500 + i) & 0xFFFF;
      if (i % 10 == 3) {
        continue; // 10 % lost
      }
      s.receive(packet(seq, i * 3000L), now + i * 33);
    }
    assertEquals(100, s.expected());
    assertEquals(10, s.packetsLost());
    assertEquals(65536 + 63, s.extendedHighestSeq());
    int fraction = s.closeInterval();
    assertEquals(25, fraction); // 10 % of 256
    assert s.score() < 10;
  }

  @Test
  void gapsAreNackedUntilTheyArriveAndRetriedAfterTheInterval() {
    RtpStreamRecv s = new RtpStreamRecv(1, 90000);
    s.enableNack();
    s.receive(packet(10, 0), 0);
    s.receive(packet(14, 0), 0); // 11, 12, 13 missing
    int[] out = new int[16];
    int n = s.nacks().due(1_000, out);
    assertArrayEquals(new int[] {11, 12, 13}, Arrays.copyOf(out, n));
    long retry = NackGenerator.RETRY_INTERVAL_MS;
    assertEquals(0, s.nacks().due(1_000 + retry - 1, out), "not again within the retry interval");
    s.receive(packet(12, 0), 1_001); // late original
    s.repaired(11); // repaired over RTX
    n = s.nacks().due(1_000 + retry, out);
    assertArrayEquals(new int[] {13}, Arrays.copyOf(out, n));
    assertEquals(2, s.nacks().recovered());
    for (int i = 0; i < NackGenerator.MAX_RETRIES; i++) {
      s.nacks().due(2_000 + i * 2 * retry, out);
    }
    assertEquals(0, s.nacks().pending(), "given up after the retries");
  }

  @Test
  void hugeGapsAreNotNacked() {
    RtpStreamRecv s = new RtpStreamRecv(1, 90000);
    s.enableNack();
    s.receive(packet(10, 0), 0);
    s.receive(packet(1000, 0), 0);
    assertEquals(0, s.nacks().pending());
  }
}
