package io.stockpot.media.rtcp;

import static io.stockpot.media.rtp.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SdesTest {
  /** One chunk: CNAME "abcd" (4 + 2 + 4 + END, padded to 12). */
  static final byte[] CNAME_ABCD = hex("81 ca 00 03 00 00 12 34 01 04 61 62 63 64 00 00");

  private final Sdes sdes = new Sdes();

  @Test
  void writesAndReadsACname() {
    byte[] out = new byte[32];
    int len = Sdes.writeCname(out, 0, 0x1234, "abcd".getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(CNAME_ABCD, Arrays.copyOf(out, len));
    assertTrue(sdes.read(out, 0, len));
    assertEquals(1, sdes.chunkCount());
    assertEquals(0x1234, sdes.cnameSsrc());
    assertEquals("abcd", sdes.cname());
  }

  @Test
  void cnameLengthsThatFillTheWordStillGetAnEndByte() {
    byte[] out = new byte[64];
    for (int n = 0; n < 12; n++) {
      byte[] name = new byte[n];
      Arrays.fill(name, (byte) 'x');
      int len = Sdes.writeCname(out, 0, 9, name);
      assertEquals(0, len % 4);
      assertTrue(len >= 4 + 4 + 2 + n + 1);
      assertTrue(sdes.read(out, 0, len));
      assertEquals(new String(name, StandardCharsets.US_ASCII), sdes.cname());
    }
    assertEquals(-1, Sdes.writeCname(out, 0, 1, new byte[256]));
  }

  @Test
  void skipsOtherItemsAndWalksSeveralChunks() {
    // Chunk 1: NAME "zz" only; chunk 2: TOOL "t", CNAME "q".
    byte[] two =
        hex("82 ca 00 06 00 00 00 01 02 02 7a 7a 00 00 00 00 00 00 00 02 06 01 74 01 01 71 00 00");
    assertTrue(sdes.read(two, 0, two.length));
    assertEquals(2, sdes.chunkCount());
    assertEquals(2, sdes.cnameSsrc());
    assertEquals("q", sdes.cname());
  }

  @Test
  void toleratesABrokenChunk() {
    byte[] broken = CNAME_ABCD.clone();
    broken[9] = 40; // item length runs past the packet
    assertTrue(sdes.read(broken, 0, broken.length));
    assertFalse(sdes.hasCname());
    assertNull(sdes.cname());
    assertEquals(0, sdes.chunkCount());
  }
}
