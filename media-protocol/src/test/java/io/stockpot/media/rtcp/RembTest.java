package io.stockpot.media.rtcp;

import static io.stockpot.media.rtp.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RembTest {
  private final Remb remb = new Remb();

  @Test
  void encodesBitrateAsExponentAndMantissa() {
    byte[] out = new byte[32];
    int len = Remb.write(out, 0, 0x01020304L, 1_000_000, new long[] {0xA, 0xB}, 2);
    // 1 000 000 = 250 000 << 2: exponent 2, mantissa 0x3D090.
    assertArrayEquals(
        hex("8f ce 00 06 01 02 03 04 00 00 00 00 52 45 4d 42 02 0b d0 90 00 00 00 0a 00 00 00 0b"),
        Arrays.copyOf(out, len));
    assertTrue(remb.read(out, 0, len));
    assertEquals(1_000_000, remb.bitrate());
    assertEquals(2, remb.ssrcCount());
    assertEquals(0xB, remb.ssrc(1));
    assertEquals(0x01020304L, remb.senderSsrc());
  }

  @Test
  void roundsDownLargeBitratesAndSaturates() {
    byte[] out = new byte[32];
    long big = 123_456_789_012L;
    int len = Remb.write(out, 0, 1, big, new long[0], 0);
    assertTrue(remb.read(out, 0, len));
    assertTrue(remb.bitrate() <= big && remb.bitrate() > big - (big >> 17));
    out[17] = (byte) 0xFF; // exponent 63 with a non-zero mantissa
    assertEquals(Long.MAX_VALUE, remb.bitrate());
  }

  @Test
  void requiresTheRembTagAndTheSsrcList() {
    byte[] out = new byte[32];
    int len = Remb.write(out, 0, 1, 5000, new long[] {7}, 1);
    byte[] other = Arrays.copyOf(out, len);
    other[15] = 'X';
    assertFalse(remb.read(other, 0, len));
    byte[] lying = Arrays.copyOf(out, len);
    lying[16] = 9;
    assertFalse(remb.read(lying, 0, len));
  }
}
