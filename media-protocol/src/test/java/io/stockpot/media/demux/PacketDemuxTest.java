package io.stockpot.media.demux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketDemuxTest {
  private static PacketKind classify(int first, int second, int len) {
    byte[] buf = new byte[Math.max(len, 2)];
    buf[0] = (byte) first;
    buf[1] = (byte) second;
    return PacketDemux.classify(buf, 0, len);
  }

  @Test
  void everyFirstByteFallsInItsRange() {
    for (int first = 0; first < 256; first++) {
      PacketKind expected;
      if (first <= 3) {
        expected = PacketKind.STUN;
      } else if (first >= 20 && first <= 63) {
        expected = PacketKind.DTLS;
      } else if (first >= 128 && first <= 191) {
        expected = PacketKind.RTP;
      } else {
        expected = PacketKind.UNKNOWN; // ZRTP 16..19, TURN channels 64..79, QUIC, ...
      }
      assertEquals(expected, classify(first, 0x60, 100), "first byte " + first);
    }
  }

  @Test
  void secondByteSplitsRtpFromRtcp() {
    for (int second = 0; second < 256; second++) {
      PacketKind expected = second >= 192 && second <= 223 ? PacketKind.RTCP : PacketKind.RTP;
      assertEquals(expected, classify(0x80, second, 100), "second byte " + second);
    }
    assertEquals(PacketKind.RTCP, classify(0x81, 200, 8)); // receiver report: RR, 1 block
    assertEquals(PacketKind.RTCP, classify(0x8F, 205, 12)); // transport-wide feedback
    assertEquals(PacketKind.RTP, classify(0x90, 0xE0 & 0x7F, 12)); // PT 96, no marker
    assertEquals(PacketKind.RTP, classify(0x80, 0x80 | 111, 12)); // PT 111 with marker
  }

  @Test
  void tooShortIsUnknown() {
    assertEquals(PacketKind.UNKNOWN, classify(0x00, 0x01, 19));
    assertEquals(PacketKind.STUN, classify(0x00, 0x01, 20));
    assertEquals(PacketKind.UNKNOWN, classify(22, 0xFE, 12));
    assertEquals(PacketKind.DTLS, classify(22, 0xFE, 13));
    assertEquals(PacketKind.UNKNOWN, classify(0x80, 96, 11));
    assertEquals(PacketKind.RTP, classify(0x80, 96, 12));
    assertEquals(PacketKind.UNKNOWN, classify(0x80, 200, 7));
    assertEquals(PacketKind.RTCP, classify(0x80, 200, 8));
    assertEquals(PacketKind.UNKNOWN, classify(0x80, 200, 1));
    assertEquals(PacketKind.UNKNOWN, classify(0x80, 200, 0));
  }

  @Test
  void respectsTheOffsetAndNeverThrows() {
    byte[] buf = {(byte) 0xFF, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assertEquals(PacketKind.UNKNOWN, PacketDemux.classify(buf, 0, buf.length));
    assertEquals(PacketKind.STUN, PacketDemux.classify(buf, 1, 20));
    assertEquals(PacketKind.UNKNOWN, PacketDemux.classify(buf, 1, 21)); // past the end
    assertEquals(PacketKind.UNKNOWN, PacketDemux.classify(buf, -1, 2));
    assertEquals(PacketKind.UNKNOWN, PacketDemux.classify(null, 0, 2));
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      byte[] b = new byte[random.nextInt(40)];
      random.nextBytes(b);
      PacketDemux.classify(b, random.nextInt(4) - 1, random.nextInt(44) - 2);
    }
  }
}
