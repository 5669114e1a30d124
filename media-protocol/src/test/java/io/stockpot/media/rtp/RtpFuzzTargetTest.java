package io.stockpot.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stockpot.media.FuzzSeeds;
import io.stockpot.media.wire.Bytes;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the RTP view (RFC 3550 §5.1) and its header extension index (RFC 8285
 * §4.2 one-byte, §4.3 two-byte): a packet reads or is refused, and what was read survives being
 * written again — the fixed header through {@link RtpPacket#writeHeader}, the extension elements
 * re-encoded in their own form, and RTX (RFC 4588 §4) encapsulation and back.
 */
class RtpFuzzTargetTest {
  private final RtpPacket packet = new RtpPacket();
  private final RtpPacket again = new RtpPacket();
  private final byte[] out = new byte[70_000];
  private final byte[] back = new byte[70_000];

  @FuzzTest
  void parse(byte[] data) {
    byte[] copy = data.clone();
    if (!packet.read(data, 0, data.length)) {
      assertFalse(packet.isValid());
      assertEquals(0, packet.payloadLength());
      assertEquals(-1, packet.findExtension(1));
      return;
    }
    assertArrayEquals(copy, data, "reading never writes to the packet");
    assertTrue(packet.payloadLength() >= 0);
    assertEquals(
        data.length, packet.headerLength() + packet.payloadLength() + packet.paddingLength());
    for (int i = 0; i < packet.extensionCount(); i++) {
      int id = packet.extensionIdAt(i);
      RtpExtensions.mid(packet, id);
      RtpExtensions.rid(packet, id);
      RtpExtensions.transportSequenceNumber(packet, id);
      RtpExtensions.absSendTime(packet, id);
      RtpExtensions.audioLevel(packet, id);
      RtpExtensions.voiceActivity(packet, id);
    }
    fixedHeaderRoundTrip();
    extensionsRoundTrip();
    rtxRoundTrip();
  }

  /** The fixed header written from the fields read reads back with the same fields. */
  private void fixedHeaderRoundTrip() {
    int n =
        RtpPacket.writeHeader(
            out,
            0,
            packet.marker(),
            packet.payloadType(),
            packet.sequenceNumber(),
            packet.timestamp(),
            packet.ssrc());
    assertEquals(RtpPacket.FIXED_HEADER_LENGTH, n);
    System.arraycopy(packet.buffer(), packet.payloadOffset(), out, n, packet.payloadLength());
    assertTrue(again.read(out, 0, n + packet.payloadLength()));
    assertSameHeader(packet, again);
    assertEquals(packet.payloadLength(), again.payloadLength());
  }

  /** The indexed elements, encoded again in the packet's own form, index the same way. */
  private void extensionsRoundTrip() {
    if (!packet.isOneByteExtension() && !packet.isTwoByteExtension()) {
      return;
    }
    boolean oneByte = packet.isOneByteExtension();
    int pos = RtpPacket.writeHeader(out, 0, false, 96, 1, 2, 3) + 4;
    for (int i = 0; i < packet.extensionCount(); i++) {
      int id = packet.extensionIdAt(i);
      int len = packet.extensionLength(id);
      if (id <= 0 || packet.findExtension(id) != offsetOfElement(i)) {
        // Id 0 is never looked up; of a repeated id lookups answer the first element only.
        continue;
      }
      if (oneByte) {
        out[pos++] = (byte) ((id << 4) | (len - 1));
      } else {
        out[pos++] = (byte) id;
        out[pos++] = (byte) len;
      }
      System.arraycopy(packet.buffer(), packet.findExtension(id), out, pos, len);
      pos += len;
    }
    while ((pos & 3) != 0) {
      out[pos++] = 0;
    }
    out[0] |= 0x10;
    Bytes.writeShort(out, 12, packet.extensionProfile());
    Bytes.writeShort(out, 14, (pos - 16) / 4);
    assertTrue(again.read(out, 0, pos));
    for (int i = 0; i < packet.extensionCount(); i++) {
      int id = packet.extensionIdAt(i);
      assertEquals(packet.extensionLength(id), again.extensionLength(id), "length of id " + id);
      assertArrayEquals(value(packet, id), value(again, id), "value of id " + id);
    }
  }

  private int offsetOfElement(int i) {
    // The first element of an id is what findExtension answers; later duplicates are skipped.
    int id = packet.extensionIdAt(i);
    for (int j = 0; j < i; j++) {
      if (packet.extensionIdAt(j) == id) {
        return -2;
      }
    }
    return packet.findExtension(id);
  }

  /** RTX wraps the packet and unwraps to the same header, extensions and payload. */
  private void rtxRoundTrip() {
    int n = RtxPacket.encapsulate(packet, out, 0, 97, 0xABCDL, 7);
    assertTrue(n > 0);
    assertTrue(again.read(out, 0, n));
    assertEquals(97, again.payloadType());
    assertEquals(0xABCDL, again.ssrc());
    RtpPacket rtx = new RtpPacket();
    assertTrue(rtx.read(out, 0, n));
    int m = RtxPacket.decapsulate(rtx, back, 0, packet.payloadType(), packet.ssrc());
    assertTrue(again.read(back, 0, m));
    assertSameHeader(packet, again);
    assertArrayEquals(payload(packet), payload(again));
    for (int i = 0; i < packet.extensionCount(); i++) {
      int id = packet.extensionIdAt(i);
      assertArrayEquals(value(packet, id), value(again, id));
    }
  }

  private static void assertSameHeader(RtpPacket a, RtpPacket b) {
    assertEquals(a.marker(), b.marker());
    assertEquals(a.payloadType(), b.payloadType());
    assertEquals(a.sequenceNumber(), b.sequenceNumber());
    assertEquals(a.timestamp(), b.timestamp());
    assertEquals(a.ssrc(), b.ssrc());
  }

  private static byte[] value(RtpPacket p, int id) {
    int at = p.findExtension(id);
    return at < 0 ? null : Arrays.copyOfRange(p.buffer(), at, at + p.extensionLength(id));
  }

  private static byte[] payload(RtpPacket p) {
    int at = p.payloadOffset();
    return Arrays.copyOfRange(p.buffer(), at, at + p.payloadLength());
  }

  /** The committed seeds are the RFC 8285 figures and the view's own test packets. */
  @Test
  void seedsAreTheRfcVectors() {
    FuzzSeeds.assertSeeds(
        RtpFuzzTargetTest.class,
        "parse",
        Map.of(
            "rfc8285-4.2-one-byte", RtpRfcTest.ONE_BYTE_FIGURE,
            "rfc8285-4.3-two-byte", RtpRfcTest.TWO_BYTE_FIGURE,
            "plain", RtpPacketTest.PLAIN,
            "csrc-padded", RtpPacketTest.CSRC_PADDED,
            "one-byte-ext", RtpPacketTest.ONE_BYTE_EXT));
  }
}
