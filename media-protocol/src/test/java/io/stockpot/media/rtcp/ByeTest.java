package io.stockpot.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByeTest {
  private final Bye bye = new Bye();

  @Test
  void roundTripWithReason() {
    byte[] out = new byte[64];
    long[] ssrcs = {1, 0xFFFF_FFFEL};
    int len = Bye.write(out, 0, ssrcs, 2, "gone".getBytes(StandardCharsets.UTF_8));
    assertEquals(4 + 8 + 8, len);
    assertTrue(bye.read(out, 0, len));
    assertEquals(2, bye.ssrcCount());
    assertEquals(1, bye.ssrc(0));
    assertEquals(0xFFFF_FFFEL, bye.ssrc(1));
    assertEquals(-1, bye.ssrc(2));
    assertEquals("gone", bye.reason());
  }

  @Test
  void withoutReasonAndWithALyingOne() {
    byte[] out = new byte[64];
    int len = Bye.write(out, 0, new long[] {5}, 1, null);
    assertEquals(8, len);
    assertTrue(bye.read(out, 0, len));
    assertNull(bye.reason());
    len = Bye.write(out, 0, new long[] {5}, 1, new byte[] {'a'});
    out[8] = 100; // reason length past the end: the BYE still counts, the reason not
    assertTrue(bye.read(out, 0, len));
    assertEquals(5, bye.ssrc(0));
    assertNull(bye.reason());
    out[0] = (byte) 0x83; // three SSRCs claimed in a packet holding two words
    assertFalse(bye.read(out, 0, len));
  }
}
