package io.stockpot.media.rtcp;

import static io.stockpot.media.rtp.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FirTest {
  private final Fir fir = new Fir();

  @Test
  void writesOneEntryWithMediaSsrcZero() {
    byte[] out = new byte[20];
    assertEquals(20, Fir.write(out, 0, 0xAAL, 0xBBCCDDEEL, 0x1FF));
    assertArrayEquals(hex("84 ce 00 04 00 00 00 aa 00 00 00 00 bb cc dd ee ff 00 00 00"), out);
    assertTrue(fir.read(out, 0, 20));
    assertEquals(0xAA, fir.senderSsrc());
    assertEquals(1, fir.entryCount());
    assertEquals(0xBBCCDDEEL, fir.entrySsrc(0));
    assertEquals(0xFF, fir.entrySeqNr(0));
    assertEquals(-1, fir.entrySsrc(1));
    assertEquals(-1, Fir.write(out, 1, 1, 2, 3));
  }

  @Test
  void readsSeveralEntries() {
    byte[] two =
        hex("84 ce 00 06 00 00 00 01 00 00 00 00 00 00 00 02 07 00 00 00 00 00 00 03 08 00 00 00");
    assertTrue(fir.read(two, 0, two.length));
    assertEquals(2, fir.entryCount());
    assertEquals(3, fir.entrySsrc(1));
    assertEquals(8, fir.entrySeqNr(1));
    assertFalse(fir.read(two, 0, two.length - 1)); // length field now runs past the buffer
  }
}
