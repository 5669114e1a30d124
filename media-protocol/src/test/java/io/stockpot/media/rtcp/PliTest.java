package io.stockpot.media.rtcp;

import static io.stockpot.media.rtp.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PliTest {
  static final byte[] PLI = hex("81 ce 00 02 00 00 00 01 12 34 56 78");

  private final Pli pli = new Pli();

  @Test
  void writesAndReads() {
    byte[] out = new byte[16];
    assertEquals(12, Pli.write(out, 0, 1, 0x12345678L));
    assertArrayEquals(PLI, Arrays.copyOf(out, 12));
    assertTrue(pli.read(out, 0, 12));
    assertEquals(1, pli.senderSsrc());
    assertEquals(0x12345678L, pli.mediaSsrc());
    assertEquals(-1, Pli.write(out, 8, 1, 2));
  }

  @Test
  void otherFeedbackIsNotAPli() {
    byte[] fir = PLI.clone();
    fir[0] = (byte) 0x84;
    assertFalse(pli.read(fir, 0, fir.length));
    byte[] rtpfb = PLI.clone();
    rtpfb[1] = (byte) RtcpHeader.RTPFB;
    assertFalse(pli.read(rtpfb, 0, rtpfb.length));
    assertFalse(pli.read(PLI, 0, 11));
    assertEquals(-1, pli.mediaSsrc());
  }
}
