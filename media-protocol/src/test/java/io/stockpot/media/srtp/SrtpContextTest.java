package io.stockpot.media.srtp;

import static io.stockpot.media.srtp.SrtpTestPackets.rtcp;
import static io.stockpot.media.srtp.SrtpTestPackets.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Round trips, authentication, replay and rollover behaviour of {@link SrtpContext}. */
class SrtpContextTest {
  private static final int SSRC = 0x11223344;
  private static final int SPARE = 20;

  private static SrtpContext context(SrtpProfile p) {
    byte[] key = new byte[p.keyLength()];
    byte[] salt = new byte[p.saltLength()];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (3 * i + 1);
    }
    for (int i = 0; i < salt.length; i++) {
      salt[i] = (byte) (7 * i + 5);
    }
    return new SrtpContext(p, key, salt);
  }

  /** Protects a fresh RTP packet and returns exactly the protected bytes. */
  private static byte[] protect(SrtpContext sender, int seq, int payload) {
    byte[] buf = rtp(seq, SSRC, 0, 0, payload, SPARE);
    int n = sender.protectRtp(buf, 0, buf.length - SPARE);
    assertEquals(buf.length - SPARE + sender.profile().tagLength(), n);
    return Arrays.copyOf(buf, n);
  }

  /** Unprotects a copy and returns the payload length, or the negative status. */
  private static int unprotect(SrtpContext receiver, byte[] srtp) {
    byte[] copy = srtp.clone();
    int n = receiver.unprotectRtp(copy, 0, copy.length);
    return n < 0 ? n : n - 12;
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtpRoundTripsWithCsrcsAndHeaderExtensions(SrtpProfile p) {
    SrtpContext sender = context(p);
    SrtpContext receiver = context(p);
    int seq = 1000;
    int[][] shapes = {{0, 0, 0}, {0, 0, 1}, {2, 0, 100}, {0, 3, 1200}, {15, 2, 33}, {1, 1, 0}};
    for (int[] s : shapes) {
      byte[] plain = rtp(seq, SSRC, s[0], s[1], s[2], 0);
      int headerLen = plain.length - s[2];
      byte[] buf = Arrays.copyOf(plain, plain.length + 5 + SPARE);
      System.arraycopy(buf, 0, buf, 5, plain.length); // at a non-zero offset
      Arrays.fill(buf, 0, 5, (byte) 0x5A);
      int n = sender.protectRtp(buf, 5, plain.length);
      assertEquals(plain.length + p.tagLength(), n);
      assertArrayEquals(
          Arrays.copyOf(plain, headerLen), Arrays.copyOfRange(buf, 5, 5 + headerLen), "header");
      if (s[2] >= 8) {
        assertFalse(
            Arrays.equals(
                Arrays.copyOfRange(plain, headerLen, plain.length),
                Arrays.copyOfRange(buf, 5 + headerLen, 5 + plain.length)),
            "payload encrypted");
      }
      int m = receiver.unprotectRtp(buf, 5, n);
      assertEquals(plain.length, m);
      assertArrayEquals(plain, Arrays.copyOfRange(buf, 5, 5 + m));
      assertEquals(0x5A, buf[4]);
      seq++;
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtcpRoundTripsAndIsReplayChecked(SrtpProfile p) {
    SrtpContext sender = context(p);
    SrtpContext receiver = context(p);
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] buf = rtcp(SSRC, SPARE);
      int n = sender.protectRtcp(buf, 0, 52);
      assertEquals(52 + p.rtcpOverhead(), n);
      assertFalse(Arrays.equals(rtcp(SSRC, 0), Arrays.copyOf(buf, 52)), "encrypted");
      sent.add(Arrays.copyOf(buf, n));
    }
    for (int i : new int[] {1, 0, 4, 2, 3}) {
      byte[] b = sent.get(i).clone();
      assertEquals(52, receiver.unprotectRtcp(b, 0, b.length));
      assertArrayEquals(rtcp(SSRC, 0), Arrays.copyOf(b, 52));
    }
    byte[] again = sent.get(2).clone();
    assertEquals(SrtpStatus.REPLAYED, receiver.unprotectRtcp(again, 0, again.length));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void tamperedPacketsFailAuthenticationAndCreateNoState(SrtpProfile p) {
    SrtpContext sender = context(p);
    SrtpContext receiver = context(p);
    byte[] srtp = protect(sender, 77, 50);
    for (int pos : new int[] {srtp.length - 1, 20, 3, 9}) { // tag, payload, seq, ssrc
      byte[] bad = srtp.clone();
      bad[pos] ^= 0x01;
      assertEquals(SrtpStatus.AUTH_FAILED, receiver.unprotectRtp(bad, 0, bad.length));
    }
    byte[] buf = rtcp(SSRC, SPARE);
    int n = sender.protectRtcp(buf, 0, 52);
    buf[n - 5] ^= 0x10;
    assertEquals(SrtpStatus.AUTH_FAILED, receiver.unprotectRtcp(buf, 0, n));
    assertEquals(0, receiver.receiveStreamCount());
    assertEquals(50, unprotect(receiver, srtp));
    assertEquals(1, receiver.receiveStreamCount());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void forgedPacketsDoNotMoveTheHighestIndex(SrtpProfile p) {
    SrtpContext sender = context(p);
    SrtpContext receiver = context(p);
    assertEquals(30, unprotect(receiver, protect(sender, 100, 30)));
    byte[] forged = protect(context(p), 32000, 30);
    forged[forged.length - 2] ^= 0x40;
    assertEquals(SrtpStatus.AUTH_FAILED, unprotect(receiver, forged));
    // Had the forged index been recorded, 101 would now lie far behind the window.
    assertEquals(30, unprotect(receiver, protect(sender, 101, 30)));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void replayedAndFarTooOldPacketsAreRejected(SrtpProfile p) {
    SrtpContext sender = context(p);
    SrtpContext receiver = context(p);
    byte[] first = protect(sender, 3000, 10);
    byte[] later = protect(sender, 5000, 10);
    assertEquals(10, unprotect(receiver, later));
    assertEquals(SrtpStatus.REPLAYED, unprotect(receiver, later));
    assertEquals(SrtpStatus.TOO_OLD, unprotect(receiver, first));
    byte[] justInside = protect(sender, 5000 - SrtpStream.WINDOW + 1, 10);
    byte[] justOutside = protect(sender, 5000 - SrtpStream.WINDOW, 10);
    assertEquals(10, unprotect(receiver, justInside));
    assertEquals(SrtpStatus.TOO_OLD, unprotect(receiver, justOutside));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void outOfOrderPacketsInsideTheWindowAreAcceptedOnce(SrtpProfile p) {
    SrtpContext sender = context(p);
    SrtpContext receiver = context(p);
    List<byte[]> packets = new ArrayList<>();
    for (int seq = 200; seq < 1000; seq++) {
      packets.add(protect(sender, seq, 8));
    }
    Collections.shuffle(packets, new Random(1));
    for (byte[] b : packets) {
      assertEquals(8, unprotect(receiver, b));
    }
    for (byte[] b : packets) {
      assertEquals(SrtpStatus.REPLAYED, unprotect(receiver, b));
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rolloverCounterAdvancesOnBothSidesAcross70000Packets(SrtpProfile p) {
    SrtpContext sender = context(p);
    SrtpContext receiver = context(p);
    byte[] late = null;
    for (int i = 0; i < 70_000; i++) {
      int seq = i & 0xFFFF;
      byte[] srtp = protect(sender, seq, 16);
      if (seq == 65530) {
        late = srtp; // held back until after the wrap
        continue;
      }
      assertEquals(16, unprotect(receiver, srtp), "seq " + seq + " at packet " + i);
      if (i == 65536 + 10) {
        // From the previous ROC, 16 packets behind: guessed as ROC-1 and accepted once.
        assertEquals(16, unprotect(receiver, late));
        assertEquals(SrtpStatus.REPLAYED, unprotect(receiver, late));
      }
    }
    assertEquals(SrtpStatus.TOO_OLD, unprotect(receiver, late));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aReceiverThatMissedTheWrapGuessesTheNextRolloverCounter(SrtpProfile p) {
    SrtpContext sender = context(p);
    SrtpContext receiver = context(p);
    assertEquals(16, unprotect(receiver, protect(sender, 65000, 16)));
    for (int seq = 65001; seq <= 65535; seq++) {
      protect(sender, seq, 16); // lost on the way
    }
    protect(sender, 0, 16);
    assertEquals(16, unprotect(receiver, protect(sender, 1, 16)));
    assertEquals(16, unprotect(receiver, protect(sender, 2, 16)));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void malformedPacketsGetStatusCodes(SrtpProfile p) {
    SrtpContext ctx = context(p);
    byte[] b = rtp(1, SSRC, 0, 0, 20, SPARE);
    int len = b.length - SPARE;
    assertEquals(SrtpStatus.NO_ROOM, ctx.protectRtp(b, 0, b.length));
    assertEquals(SrtpStatus.NO_ROOM, ctx.protectRtp(b, -1, len));
    assertEquals(SrtpStatus.NO_ROOM, ctx.unprotectRtp(null, 0, 0));
    assertEquals(SrtpStatus.TOO_SHORT, ctx.protectRtp(b, 0, 11));
    assertEquals(SrtpStatus.TOO_SHORT, ctx.unprotectRtp(b, 0, 12 + p.tagLength() - 1));
    byte[] v1 = b.clone();
    v1[0] = 0x40;
    assertEquals(SrtpStatus.BAD_HEADER, ctx.protectRtp(v1, 0, len));
    byte[] csrcs = b.clone();
    csrcs[0] = (byte) 0x8F; // 15 CSRCs need 60 bytes
    assertEquals(SrtpStatus.BAD_HEADER, ctx.unprotectRtp(csrcs, 0, len));
    byte[] ext = rtp(1, SSRC, 0, 1, 20, SPARE);
    ext[15] = (byte) 200; // extension length far past the end
    assertEquals(SrtpStatus.BAD_HEADER, ctx.protectRtp(ext, 0, ext.length - SPARE));
    byte[] r = rtcp(SSRC, SPARE);
    assertEquals(SrtpStatus.TOO_SHORT, ctx.protectRtcp(r, 0, 7));
    assertEquals(SrtpStatus.TOO_SHORT, ctx.unprotectRtcp(r, 0, 8 + p.rtcpOverhead() - 1));
    assertEquals(SrtpStatus.NO_ROOM, ctx.protectRtcp(r, 0, r.length));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void forgetDropsTheStreamState(SrtpProfile p) {
    SrtpContext sender = context(p);
    SrtpContext receiver = context(p);
    byte[] srtp = protect(sender, 9, 4);
    assertEquals(4, unprotect(receiver, srtp));
    assertEquals(1, receiver.receiveStreamCount());
    receiver.forget(SSRC);
    assertEquals(0, receiver.receiveStreamCount());
    assertEquals(4, unprotect(receiver, srtp));
  }

  /** The context of the client ({@code side} 0) or server (1) write keys of {@code material}. */
  private static SrtpContext writer(SrtpProfile p, byte[] material, int side) {
    int k = p.keyLength();
    int salt = p.saltLength();
    return new SrtpContext(
        p,
        Arrays.copyOfRange(material, side * k, (side + 1) * k),
        Arrays.copyOfRange(material, 2 * k + side * salt, 2 * k + (side + 1) * salt));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void sessionsFromOneKeyingMaterialTalkToEachOther(SrtpProfile p) {
    byte[] material = new byte[p.keyingMaterialLength()];
    new Random(3).nextBytes(material);
    // RFC 5764 §4.2 layout: client key | server key | client salt | server salt.
    SrtpSession client = new SrtpSession(writer(p, material, 0), writer(p, material, 1));
    SrtpSession server = new SrtpSession(writer(p, material, 1), writer(p, material, 0));
    byte[] buf = rtp(5, SSRC, 0, 0, 40, SPARE);
    int n = client.protectRtp(buf, 0, buf.length - SPARE);
    byte[] copy = Arrays.copyOf(buf, n);
    assertEquals(SrtpStatus.AUTH_FAILED, client.unprotectRtp(copy, 0, n)); // not its own key
    assertEquals(n - p.tagLength(), server.unprotectRtp(buf, 0, n));
    buf = rtcp(SSRC, SPARE);
    n = server.protectRtcp(buf, 0, 52);
    assertEquals(52, client.unprotectRtcp(buf, 0, n));
  }

  @org.junit.jupiter.api.Test
  void gcmRefusesToProtectTheSameIndexTwiceInARow() {
    // JCE rejects re-initialising GCM encryption with the previous key and IV; the context
    // reports it instead of throwing. A repeat after any other packet goes through.
    SrtpContext sender = context(SrtpProfile.AEAD_AES_128_GCM);
    byte[] a = rtp(42, SSRC, 0, 0, 10, SPARE);
    byte[] b = a.clone();
    byte[] c = a.clone();
    assertEquals(38, sender.protectRtp(a, 0, 22));
    assertEquals(SrtpStatus.CRYPTO_ERROR, sender.protectRtp(b, 0, 22));
    protect(sender, 43, 10);
    assertEquals(38, sender.protectRtp(c, 0, 22));
    assertArrayEquals(a, c);
  }
}
