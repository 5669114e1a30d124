package io.stockpot.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Index estimation (RFC 3711 Appendix A), the replay bitmap and the SSRC map. */
class SrtpStreamTest {

  @Test
  void estimatesTheRolloverCounterFromTheHighestIndex() {
    assertEquals(5, SrtpStream.estimateRtpIndex(-1, 5));
    assertEquals(0x10005L, SrtpStream.estimateRtpIndex(0x0FFF0L, 5)); // wrapped: ROC+1
    assertEquals(0x0FFF0L, SrtpStream.estimateRtpIndex(0x10005L, 0xFFF0)); // late: ROC-1
    assertEquals(0x10200L, SrtpStream.estimateRtpIndex(0x10100L, 0x200));
    assertEquals(-1, SrtpStream.estimateRtpIndex(10, 0xF000)); // before index zero
    assertEquals(0x28000L, SrtpStream.estimateRtpIndex(0x20000L, 0x8000)); // half way: same
  }

  @Test
  void replayBitmapForgetsOnlyWhatFallsOutOfTheWindow() {
    SrtpStream s = new SrtpStream(1, -1, true);
    s.accept(10);
    s.accept(12);
    assertEquals(0, s.check(11));
    assertEquals(SrtpStatus.REPLAYED, s.check(10));
    s.accept(10 + SrtpStream.WINDOW); // 10 falls out; its bit slot is reused by the new index
    assertEquals(SrtpStatus.TOO_OLD, s.check(10));
    assertEquals(SrtpStatus.REPLAYED, s.check(12));
    assertEquals(0, s.check(11));
    assertEquals(SrtpStatus.REPLAYED, s.check(10 + SrtpStream.WINDOW));
    s.accept(12 + 5L * SrtpStream.WINDOW); // a long jump clears everything
    assertEquals(0, s.check(13 + 4L * SrtpStream.WINDOW));
  }

  @Test
  void ssrcMapAgreesWithHashMapUnderRandomAddsAndRemoves() {
    SsrcMap map = new SsrcMap();
    Map<Integer, SrtpStream> expected = new HashMap<>();
    Random rnd = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      int ssrc = rnd.nextInt(64) * 0x01000193; // colliding-ish keys
      if (rnd.nextInt(3) == 0) {
        map.remove(ssrc);
        expected.remove(ssrc);
      } else if (map.get(ssrc) == null) {
        SrtpStream s = new SrtpStream(ssrc, 0, false);
        map.add(s);
        expected.put(ssrc, s);
      }
      int probe = rnd.nextInt(64) * 0x01000193;
      SrtpStream want = expected.get(probe);
      if (want == null) {
        assertNull(map.get(probe));
      } else {
        assertSame(want, map.get(probe));
      }
      assertEquals(expected.size(), map.size());
    }
  }
}
