package io.stockpot.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stockpot.media.FuzzSeeds;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of SRTP and SRTCP unprotect (RFC 3711 §3.3, §3.4; RFC 7714 §9, §10) with
 * a fixed key. The first input byte picks the profile (bit 0), RTP or RTCP (bit 1) and the mode
 * (bit 2); the rest is the packet.
 *
 * <ul>
 *   <li>Raw mode: the packet is fed to unprotect as received. Garbage is refused with one of the
 *       {@link SrtpStatus} codes, nothing else, and a refusal leaves no receive state behind.
 *   <li>Round-trip mode: the packet is protected first, then unprotected to the same bytes; a copy
 *       with one bit flipped (chosen by the input) is refused as unauthentic without disturbing the
 *       replay state, so the intact packet is still accepted once, and refused as a replay.
 * </ul>
 */
class SrtpFuzzTargetTest {
  private static final byte[] KEY = new byte[16];
  private static final byte[] SALT_CM = new byte[14];
  private static final byte[] SALT_GCM = new byte[12];

  static {
    Arrays.fill(KEY, (byte) 0x2B);
    Arrays.fill(SALT_CM, (byte) 0x5A);
    Arrays.fill(SALT_GCM, (byte) 0x5A);
  }

  @FuzzTest
  void unprotect(byte[] data) {
    if (data.length == 0) {
      return;
    }
    SrtpProfile profile =
        (data[0] & 1) == 0 ? SrtpProfile.AES128_CM_HMAC_SHA1_80 : SrtpProfile.AEAD_AES_128_GCM;
    boolean rtcp = (data[0] & 2) != 0;
    byte[] packet = Arrays.copyOfRange(data, 1, data.length);
    if ((data[0] & 4) == 0) {
      raw(profile, rtcp, packet);
    } else {
      roundTrip(profile, rtcp, packet, data[0] >>> 3);
    }
  }

  private static SrtpContext context(SrtpProfile profile) {
    return new SrtpContext(profile, KEY, profile.isAead() ? SALT_GCM : SALT_CM);
  }

  private static int unprotect(SrtpContext c, boolean rtcp, byte[] buf, int len) {
    return rtcp ? c.unprotectRtcp(buf, 0, len) : c.unprotectRtp(buf, 0, len);
  }

  private static void raw(SrtpProfile profile, boolean rtcp, byte[] packet) {
    SrtpContext receiver = context(profile);
    int n = unprotect(receiver, rtcp, packet, packet.length);
    if (n < 0) {
      assertKnownStatus(n);
      assertEquals(0, receiver.receiveStreamCount(), "a refused packet leaves no state");
    } else {
      assertTrue(n <= packet.length);
    }
  }

  private static void roundTrip(SrtpProfile profile, boolean rtcp, byte[] plain, int flipSeed) {
    int room = rtcp ? profile.rtcpOverhead() : profile.rtpOverhead();
    byte[] buf = Arrays.copyOf(plain, plain.length + room);
    SrtpContext sender = context(profile);
    int len =
        rtcp ? sender.protectRtcp(buf, 0, plain.length) : sender.protectRtp(buf, 0, plain.length);
    if (len < 0) {
      assertKnownStatus(len);
      return; // not a packet the sender can protect (bad header, too short)
    }
    SrtpContext receiver = context(profile);
    byte[] tampered = Arrays.copyOf(buf, len);
    int bit = Math.floorMod(flipSeed * 7919 + plain.length, len * 8);
    tampered[bit / 8] ^= (byte) (1 << (bit % 8));
    int refused = unprotect(receiver, rtcp, tampered, len);
    if (refused >= 0) {
      // Only a flip in a field outside the authenticated bytes may pass; none exists in SRTP.
      fail("a packet with bit " + bit + " flipped was accepted");
    }
    assertKnownStatus(refused);
    assertEquals(0, receiver.receiveStreamCount(), "a refused packet leaves no state");

    byte[] copy = Arrays.copyOf(buf, len);
    int n = unprotect(receiver, rtcp, buf, len);
    assertEquals(plain.length, n, "the intact packet is accepted: " + SrtpStatus.describe(n));
    assertArrayEquals(plain, Arrays.copyOf(buf, n), "unprotect undoes protect");
    assertEquals(SrtpStatus.REPLAYED, unprotect(receiver, rtcp, copy, len), "replay refused");
  }

  private static void assertKnownStatus(int status) {
    assertTrue(status >= SrtpStatus.CRYPTO_ERROR && status < 0, "a documented status: " + status);
    assertFalse(SrtpStatus.describe(status).startsWith("unknown"));
  }

  /** Seeds: RTP and RTCP packets of the RFC 7714 and reference tests, in every mode. */
  @Test
  void seedsAreTheVectors() {
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    byte[] rtp =
        SrtpTestPackets.hex(
            "8040f17b8041f8d35501a0b2"
                + "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573");
    byte[] rtcp =
        SrtpTestPackets.hex(
            "81c8000d4d617273"
                + "4e5450314e545032525450200000042a0000e9304c756e61"
                + "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");
    byte[] srtpGcm =
        SrtpTestPackets.hex(
            "8040f17b8041f8d35501a0b2"
                + "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833"
                + "899d7f27beb16a9152cf765ee4390cce");
    seeds.put("rfc7714-16.1-rtp-round-trip-cm", mode(4, rtp));
    seeds.put("rfc7714-16.1-rtp-round-trip-gcm", mode(5, rtp));
    seeds.put("rfc7714-17.1-rtcp-round-trip-cm", mode(6, rtcp));
    seeds.put("rfc7714-17.1-rtcp-round-trip-gcm", mode(7, rtcp));
    seeds.put("rfc7714-16.1-srtp-raw-gcm", mode(1, srtpGcm));
    seeds.put("rfc7714-17.1-rtcp-raw-cm", mode(2, rtcp));
    FuzzSeeds.assertSeeds(SrtpFuzzTargetTest.class, "unprotect", seeds);
  }

  private static byte[] mode(int mode, byte[] packet) {
    byte[] seed = new byte[packet.length + 1];
    seed[0] = (byte) mode;
    System.arraycopy(packet, 0, seed, 1, packet.length);
    return seed;
  }
}
