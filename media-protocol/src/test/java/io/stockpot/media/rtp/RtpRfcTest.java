package io.stockpot.media.rtp;

import static io.stockpot.media.rtp.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The extension block layouts drawn in RFC 8285 §4.2 and §4.3, with ids 1, 2, 3 filled in. */
class RtpRfcTest {
  private final RtpPacket packet = new RtpPacket();

  /** §4.2: elements of 1, 2 and 4 bytes with two padding bytes before the last. */
  static final byte[] ONE_BYTE_FIGURE =
      hex(
          """
          90 00 00 01 00 00 00 02 00 00 00 03
          be de 00 03
          10 aa 21 bb bb 00 00 33 cc cc cc cc
          """);

  /** §4.3: elements of 0, 1 and 4 bytes with one padding byte before the last. */
  static final byte[] TWO_BYTE_FIGURE =
      hex(
          """
          90 00 00 01 00 00 00 02 00 00 00 03
          10 00 00 03
          01 00 02 01 bb 00 03 04 cc cc cc cc
          """);

  @Test
  void oneByteForm() {
    assertTrue(packet.read(ONE_BYTE_FIGURE, 0, ONE_BYTE_FIGURE.length));
    assertTrue(packet.isOneByteExtension());
    assertEquals(3, packet.extensionCount());
    assertEquals(1, packet.extensionLength(1));
    assertEquals(17, packet.findExtension(1));
    assertEquals(2, packet.extensionLength(2));
    assertEquals(19, packet.findExtension(2));
    assertEquals(4, packet.extensionLength(3));
    assertEquals(24, packet.findExtension(3));
    assertEquals(0, packet.payloadLength());
  }

  @Test
  void twoByteForm() {
    assertTrue(packet.read(TWO_BYTE_FIGURE, 0, TWO_BYTE_FIGURE.length));
    assertTrue(packet.isTwoByteExtension());
    assertEquals(3, packet.extensionCount());
    assertEquals(0, packet.extensionLength(1));
    assertEquals(18, packet.findExtension(1));
    assertEquals(1, packet.extensionLength(2));
    assertEquals(20, packet.findExtension(2));
    assertEquals(4, packet.extensionLength(3));
    assertEquals(24, packet.findExtension(3));
  }

  @Test
  void twoByteRemapKeepsLengthsAndAllowsLargeIds() {
    byte[] buf = TWO_BYTE_FIGURE.clone();
    byte[] map = new byte[256];
    map[1] = (byte) 200;
    map[2] = 0;
    map[3] = 15;
    assertTrue(packet.read(buf, 0, buf.length));
    packet.remapExtensionIds(map);
    assertTrue(packet.read(buf, 0, buf.length));
    assertEquals(2, packet.extensionCount());
    assertEquals(0, packet.extensionLength(200));
    assertEquals(-1, packet.findExtension(2));
    assertEquals(4, packet.extensionLength(15));
    assertEquals(24, packet.findExtension(15));
  }
}
