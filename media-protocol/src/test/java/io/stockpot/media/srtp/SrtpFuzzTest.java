package io.stockpot.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Random, truncated and mutated input to the unprotect paths never throws. */
class SrtpFuzzTest {

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void unprotectNeverThrows(SrtpProfile p) {
    Random rnd = new Random(p.ordinal() + 42);
    byte[] key = new byte[p.keyLength()];
    byte[] salt = new byte[p.saltLength()];
    SrtpContext sender = new SrtpContext(p, key, salt);
    SrtpContext receiver = new SrtpContext(p, key, salt);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] packet;
      int len;
      boolean rtcp = rnd.nextBoolean();
      if (rnd.nextInt(4) == 0) {
        packet = new byte[rnd.nextInt(80)];
        rnd.nextBytes(packet);
        if (packet.length > 0 && rnd.nextBoolean()) {
          packet[0] = (byte) (0x80 | (packet[0] & 0x3F)); // version 2, random flags
        }
        len = packet.length;
      } else {
        packet = rtcp ? SrtpTestPackets.rtcp(i, 24) : validRtp(rnd, i);
        int plain = rtcp ? 52 : packet.length - 24;
        len = rtcp ? sender.protectRtcp(packet, 0, plain) : sender.protectRtp(packet, 0, plain);
        assertTrue(len > 0);
        switch (rnd.nextInt(4)) {
          case 0 -> len = rnd.nextInt(len + 1); // truncated
          case 1 -> packet[rnd.nextInt(len)] ^= (byte) (1 + rnd.nextInt(255)); // mutated
          case 2 -> packet[rnd.nextInt(Math.min(len, 16))] = (byte) rnd.nextInt(); // header
          default -> {} // intact
        }
      }
      int off = packet.length > 0 ? rnd.nextInt(3) : 0;
      byte[] buf = new byte[off + packet.length];
      System.arraycopy(packet, 0, buf, off, packet.length);
      int n =
          rtcp
              ? receiver.unprotectRtcp(buf, off, Math.min(len, buf.length - off))
              : receiver.unprotectRtp(buf, off, Math.min(len, buf.length - off));
      if (n >= 0) {
        accepted++;
      } else {
        assertTrue(n >= SrtpStatus.CRYPTO_ERROR, "known status " + n);
        assertTrue(!SrtpStatus.describe(n).startsWith("unknown"));
      }
    }
    assertTrue(accepted > 1000, "intact packets get through: " + accepted);
    // A context that saw only noise keeps no state.
    SrtpContext fresh = new SrtpContext(p, key, salt);
    byte[] noise = new byte[100];
    for (int i = 0; i < 2000; i++) {
      rnd.nextBytes(noise);
      noise[0] = (byte) 0x80;
      fresh.unprotectRtp(noise, 0, 12 + rnd.nextInt(88));
      fresh.unprotectRtcp(noise, 0, rnd.nextInt(101));
    }
    assertEquals(0, fresh.receiveStreamCount());
  }

  private static byte[] validRtp(Random rnd, int i) {
    return SrtpTestPackets.rtp(
        i & 0xFFFF, i % 7, rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(300), 24);
  }
}
