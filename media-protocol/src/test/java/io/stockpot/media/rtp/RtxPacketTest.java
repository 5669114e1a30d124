package io.stockpot.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtxPacketTest {
  private final RtpPacket original = new RtpPacket();
  private final RtpPacket rtx = new RtpPacket();

  @Test
  void roundTripThroughASeparateBuffer() {
    byte[] src = RtpPacketTest.ONE_BYTE_EXT.clone();
    assertTrue(original.read(src, 0, src.length));
    byte[] out = new byte[100];
    int len = RtxPacket.encapsulate(original, out, 3, 97, 0x11223344L, 777);
    assertEquals(src.length + 2, len);
    assertTrue(rtx.read(out, 3, len));
    assertEquals(97, rtx.payloadType());
    assertEquals(0x11223344L, rtx.ssrc());
    assertEquals(777, rtx.sequenceNumber());
    assertEquals(original.timestamp(), rtx.timestamp());
    assertEquals(4, rtx.payloadLength());
    assertEquals(
        5, io.stockpot.media.wire.Bytes.readShort(out, rtx.payloadOffset())); // the original seq
    assertEquals("ab", RtpExtensions.mid(rtx, 1)); // extensions carried along

    byte[] back = new byte[100];
    int backLen = RtxPacket.decapsulate(rtx, back, 0, 96, 9);
    assertArrayEquals(src, Arrays.copyOf(back, backLen));
  }

  @Test
  void roundTripInPlaceDropsPadding() {
    byte[] padded = RtpPacketTest.CSRC_PADDED;
    byte[] buf = Arrays.copyOf(padded, 64);
    assertTrue(original.read(buf, 0, padded.length));
    int len = RtxPacket.encapsulate(original, buf, 0, 97, 0xABCDL, 9);
    assertEquals(20 + 2 + 2, len);
    assertTrue(rtx.read(buf, 0, len));
    assertFalse(rtx.hasPadding());
    assertEquals(2, rtx.csrcCount());
    assertEquals(0xFFFFFFFEL, rtx.csrc(1));
    int back = RtxPacket.decapsulate(rtx, buf, 0, 96, 7);
    assertEquals(22, back);
    assertTrue(original.read(buf, 0, back));
    assertEquals(1, original.sequenceNumber());
    assertEquals(96, original.payloadType());
    assertEquals(7, original.ssrc());
    assertEquals(2, original.payloadLength());
    assertEquals((byte) 0xaa, buf[original.payloadOffset()]);
    assertEquals((byte) 0xbb, buf[original.payloadOffset() + 1]);
  }

  @Test
  void refusesWhatDoesNotFitOrCarriesNoOsn() {
    assertTrue(original.read(RtpPacketTest.PLAIN, 0, RtpPacketTest.PLAIN.length));
    assertEquals(-1, RtxPacket.encapsulate(original, new byte[16], 0, 97, 1, 1));
    assertEquals(17, RtxPacket.encapsulate(original, new byte[17], 0, 97, 1, 1));
    byte[] headerOnly = Arrays.copyOf(RtpPacketTest.PLAIN, 13);
    assertTrue(rtx.read(headerOnly, 0, 13));
    assertEquals(-1, RtxPacket.decapsulate(rtx, new byte[64], 0, 96, 1));
    assertEquals(-1, RtxPacket.decapsulate(new RtpPacket(), new byte[64], 0, 96, 1));
  }
}
