package io.stockpot.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Untrusted packets never make the view, the extension helpers or RTX throw. */
class RtpFuzzTest {
  private static final byte[][] VECTORS = {
    RtpPacketTest.PLAIN,
    RtpPacketTest.CSRC_PADDED,
    RtpPacketTest.ONE_BYTE_EXT,
    RtpRfcTest.ONE_BYTE_FIGURE,
    RtpRfcTest.TWO_BYTE_FIGURE
  };

  private final Random random = new Random(0xF00D);
  private final RtpPacket packet = new RtpPacket();
  private final RtpPacket other = new RtpPacket();
  private final byte[] out = new byte[512];
  private final byte[] idMap = new byte[256];

  @Test
  void randomBytes() {
    for (int i = 0; i < 50_000; i++) {
      byte[] buf = new byte[random.nextInt(120)];
      random.nextBytes(buf);
      if (buf.length > 0 && random.nextBoolean()) {
        buf[0] = (byte) (0x80 | (buf[0] & 0x3F)); // version 2, so the header gets parsed
      }
      int off = buf.length == 0 ? 0 : random.nextInt(buf.length);
      exercise(buf, off, buf.length - off);
    }
  }

  @Test
  void truncationsReadFalseOrShorter() {
    for (byte[] vector : VECTORS) {
      assertTrue(packet.read(vector, 0, vector.length));
      int header = packet.headerLength();
      for (int len = 0; len < vector.length; len++) {
        boolean ok = packet.read(vector, 0, len);
        if (len < header) {
          assertFalse(ok, "truncated header must not read");
          assertFalse(packet.isValid());
          assertEquals(0, packet.payloadLength());
        }
        exercise(vector, 0, len);
      }
    }
  }

  @Test
  void mutatedAndLyingLengths() {
    for (int i = 0; i < 50_000; i++) {
      byte[] buf = VECTORS[random.nextInt(VECTORS.length)].clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        buf[random.nextInt(buf.length)] ^= (byte) (1 << random.nextInt(8));
      }
      if (buf.length > 16 && random.nextBoolean()) {
        buf[14] = (byte) random.nextInt(256); // extension length
        buf[15] = (byte) random.nextInt(256);
      }
      buf[buf.length - 1] = random.nextBoolean() ? buf[buf.length - 1] : (byte) random.nextInt();
      exercise(buf, 0, buf.length);
    }
  }

  @Test
  void outOfRangeArguments() {
    byte[] v = RtpPacketTest.PLAIN;
    assertFalse(packet.read(null, 0, 12));
    assertFalse(packet.read(v, -1, v.length));
    assertFalse(packet.read(v, 4, v.length));
    assertFalse(packet.read(v, Integer.MAX_VALUE, 12));
    assertFalse(packet.read(v, 0, -1));
  }

  private void exercise(byte[] buf, int off, int len) {
    byte[] copy = buf.clone();
    if (!packet.read(copy, off, len)) {
      assertFalse(packet.isValid());
    }
    for (int i = -1; i < 17; i++) {
      packet.csrc(i);
      packet.extensionIdAt(i);
      packet.findExtension(i);
      packet.extensionLength(i);
      RtpExtensions.mid(packet, i);
      RtpExtensions.transportSequenceNumber(packet, i);
      RtpExtensions.absSendTime(packet, i);
      RtpExtensions.audioLevel(packet, i);
      RtpExtensions.voiceActivity(packet, i);
    }
    packet.payloadType();
    packet.sequenceNumber();
    packet.timestamp();
    packet.ssrc();
    packet.marker();
    RtpExtensions.setTransportSequenceNumber(packet, 3, 1);
    RtxPacket.encapsulate(packet, out, random.nextInt(out.length), 97, 1, 2);
    if (other.read(out, 0, out.length)) {
      RtxPacket.decapsulate(other, out, 0, 96, 3);
    }
    random.nextBytes(idMap);
    packet.remapExtensionIds(idMap);
    packet.setSequenceNumber(1);
    if (packet.isValid()) {
      assertTrue(packet.payloadLength() >= 0);
      assertTrue(packet.payloadOffset() + packet.payloadLength() <= off + len);
    }
  }
}
