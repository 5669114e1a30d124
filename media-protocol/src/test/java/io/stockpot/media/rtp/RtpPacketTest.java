package io.stockpot.media.rtp;

import static io.stockpot.media.rtp.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpPacketTest {
  /** Marker set, PT 111, seq 0xBEEF, ts 0xDEADBEEF, SSRC 0xCAFEBABE, payload 01 02 03. */
  static final byte[] PLAIN = hex("80 ef be ef de ad be ef ca fe ba be 01 02 03");

  /** Two CSRCs, 3 padding bytes after a 2-byte payload. */
  static final byte[] CSRC_PADDED =
      hex("a2 60 00 01 00 00 00 64 00 00 00 07 11 11 11 11 ff ff ff fe aa bb 00 00 03");

  /** One-byte extensions: id 1 (MID "ab"), id 3 (tcc seq 0x1234), id 2 (abs-send-time). */
  static final byte[] ONE_BYTE_EXT =
      hex(
          """
          90 60 00 05 00 00 00 00 00 00 00 09
          be de 00 03 11 61 62 31 12 34 22 0a bc de 00 00
          55 66
          """);

  private final RtpPacket packet = new RtpPacket();

  @Test
  void readsFixedHeader() {
    assertTrue(packet.read(PLAIN, 0, PLAIN.length));
    assertTrue(packet.marker());
    assertEquals(111, packet.payloadType());
    assertEquals(0xBEEF, packet.sequenceNumber());
    assertEquals(0xDEADBEEFL, packet.timestamp());
    assertEquals(0xCAFEBABEL, packet.ssrc());
    assertEquals(12, packet.headerLength());
    assertEquals(12, packet.payloadOffset());
    assertEquals(3, packet.payloadLength());
    assertFalse(packet.hasExtension());
    assertFalse(packet.hasPadding());
    assertEquals(0, packet.csrcCount());
  }

  @Test
  void readsCsrcsAndRemovesPadding() {
    byte[] buf = new byte[5 + CSRC_PADDED.length];
    System.arraycopy(CSRC_PADDED, 0, buf, 5, CSRC_PADDED.length);
    assertTrue(packet.read(buf, 5, CSRC_PADDED.length));
    assertEquals(2, packet.csrcCount());
    assertEquals(0x11111111L, packet.csrc(0));
    assertEquals(0xFFFFFFFEL, packet.csrc(1));
    assertEquals(-1, packet.csrc(2));
    assertFalse(packet.marker());
    assertEquals(96, packet.payloadType());
    assertTrue(packet.hasPadding());
    assertEquals(3, packet.paddingLength());
    assertEquals(20, packet.headerLength());
    assertEquals(25, packet.payloadOffset());
    assertEquals(2, packet.payloadLength());
    assertEquals((byte) 0xaa, buf[packet.payloadOffset()]);
  }

  @Test
  void rejectsBadPaddingAndVersionAndShortHeaders() {
    byte[] zeroPad = CSRC_PADDED.clone();
    zeroPad[zeroPad.length - 1] = 0;
    assertFalse(packet.read(zeroPad, 0, zeroPad.length));
    byte[] bigPad = CSRC_PADDED.clone();
    bigPad[bigPad.length - 1] = 6; // more than follows the header
    assertFalse(packet.read(bigPad, 0, bigPad.length));
    byte[] v1 = PLAIN.clone();
    v1[0] = 0x40;
    assertFalse(packet.read(v1, 0, v1.length));
    assertFalse(packet.read(CSRC_PADDED, 0, 19)); // CSRC list cut short
    assertFalse(packet.read(ONE_BYTE_EXT, 0, 20)); // extension block cut short
    assertFalse(packet.read(PLAIN, 0, 11));
    assertEquals(-1, packet.sequenceNumber());
  }

  @Test
  void findsOneByteExtensions() {
    assertTrue(packet.read(ONE_BYTE_EXT, 0, ONE_BYTE_EXT.length));
    assertTrue(packet.isOneByteExtension());
    assertEquals(3, packet.extensionCount());
    assertEquals(17, packet.findExtension(1));
    assertEquals(2, packet.extensionLength(1));
    assertEquals(-1, packet.findExtension(4));
    assertEquals(-1, packet.extensionLength(4));
    assertEquals("ab", RtpExtensions.mid(packet, 1));
    assertEquals(0x1234, RtpExtensions.transportSequenceNumber(packet, 3));
    assertEquals(0x0abcde, RtpExtensions.absSendTime(packet, 2));
    assertEquals(-1, RtpExtensions.absSendTime(packet, 3)); // wrong size for abs-send-time
    assertEquals(28, packet.headerLength());
    assertEquals(2, packet.payloadLength());
  }

  @Test
  void setsExtensionValuesInPlace() {
    byte[] buf = ONE_BYTE_EXT.clone();
    assertTrue(packet.read(buf, 0, buf.length));
    assertTrue(RtpExtensions.setTransportSequenceNumber(packet, 3, 0xFFFE));
    assertTrue(RtpExtensions.setAbsSendTime(packet, 2, 0x123456));
    assertFalse(RtpExtensions.setTransportSequenceNumber(packet, 9, 1));
    assertFalse(packet.setExtension(1, new byte[3], 0, 3)); // size differs: packet not resized
    assertTrue(packet.read(buf, 0, buf.length));
    assertEquals(0xFFFE, RtpExtensions.transportSequenceNumber(packet, 3));
    assertEquals(0x123456, RtpExtensions.absSendTime(packet, 2));
    assertEquals("ab", RtpExtensions.mid(packet, 1));
  }

  @Test
  void remapsOneByteIdsAndDropsUnmapped() {
    byte[] buf = ONE_BYTE_EXT.clone();
    byte[] map = new byte[256];
    map[1] = 4; // MID 1 -> 4
    map[3] = 5; // tcc 3 -> 5
    map[2] = 0; // abs-send-time not negotiated with the consumer: dropped
    assertTrue(packet.read(buf, 0, buf.length));
    packet.remapExtensionIds(map);
    assertEquals(17, packet.findExtension(4));
    assertEquals(-1, packet.findExtension(2));
    assertTrue(packet.read(buf, 0, buf.length));
    assertEquals(2, packet.extensionCount());
    assertEquals("ab", RtpExtensions.mid(packet, 4));
    assertEquals(0x1234, RtpExtensions.transportSequenceNumber(packet, 5));
    assertEquals(-1, packet.findExtension(1));
    assertEquals(-1, packet.findExtension(2));
    assertEquals(-1, packet.findExtension(3));
    assertEquals(ONE_BYTE_EXT.length, packet.length());
    assertArrayEquals(new byte[] {0x55, 0x66}, Arrays.copyOfRange(buf, 28, 30));
  }

  @Test
  void remapToAnIdTooLargeForTheOneByteFormDrops() {
    byte[] buf = ONE_BYTE_EXT.clone();
    byte[] map = new byte[256];
    map[1] = (byte) 20;
    map[2] = 2;
    map[3] = 3;
    assertTrue(packet.read(buf, 0, buf.length));
    packet.remapExtensionIds(map);
    assertTrue(packet.read(buf, 0, buf.length));
    assertEquals(2, packet.extensionCount());
    assertEquals(-1, packet.findExtension(1));
    assertEquals(0x0abcde, RtpExtensions.absSendTime(packet, 2));
  }

  @Test
  void idFifteenStopsOneByteParsing() {
    byte[] buf = ONE_BYTE_EXT.clone();
    buf[19] = (byte) 0xF1; // the second element now claims id 15
    assertTrue(packet.read(buf, 0, buf.length));
    assertEquals(1, packet.extensionCount());
    assertEquals(-1, packet.findExtension(2));
  }

  @Test
  void rewritesHeaderFieldsInPlace() {
    byte[] buf = PLAIN.clone();
    assertTrue(packet.read(buf, 0, buf.length));
    packet.setPayloadType(100);
    packet.setSequenceNumber(0x10001); // only 16 bits are kept
    packet.setTimestamp(0x1_0000_0002L);
    packet.setSsrc(0x87654321L);
    packet.setMarker(false);
    assertTrue(packet.read(buf, 0, buf.length));
    assertEquals(100, packet.payloadType());
    assertFalse(packet.marker());
    assertEquals(1, packet.sequenceNumber());
    assertEquals(2, packet.timestamp());
    assertEquals(0x87654321L, packet.ssrc());
    packet.setMarker(true);
    assertTrue(packet.marker());
    assertEquals(100, packet.payloadType());
  }

  @Test
  void writesAFixedHeader() {
    byte[] buf = new byte[15];
    assertEquals(12, RtpPacket.writeHeader(buf, 0, true, 111, 0xBEEF, 0xDEADBEEFL, 0xCAFEBABEL));
    buf[12] = 1;
    buf[13] = 2;
    buf[14] = 3;
    assertArrayEquals(PLAIN, buf);
    assertEquals(-1, RtpPacket.writeHeader(buf, 4, true, 0, 0, 0, 0));
  }
}
