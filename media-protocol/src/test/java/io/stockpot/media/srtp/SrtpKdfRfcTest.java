package io.stockpot.media.srtp;

import static io.stockpot.media.srtp.SrtpTestPackets.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation). */
class SrtpKdfRfcTest {
  private static final byte[] MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
  private static final byte[] MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");

  @Test
  void derivesTheCipherKeyOfAppendixB3() {
    assertArrayEquals(
        hex("C61E7A93744F39EE10734AFE3FF7A087"),
        SrtpKeyDerivation.derive(
            MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_ENCRYPTION, 16));
  }

  @Test
  void derivesTheCipherSaltOfAppendixB3() {
    assertArrayEquals(
        hex("30CBBC08863D8C85D49DB34A9AE1"),
        SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_SALT, 14));
  }

  @Test
  void derivesTheFullAuthKeyStreamOfAppendixB3() {
    assertArrayEquals(
        hex(
            "CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE"
                + "E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25"
                + "6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2"),
        SrtpKeyDerivation.derive(
            MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_AUTHENTICATION, 94));
  }

  @Test
  void sessionKeysUseTheProfileLengths() {
    SessionKeys keys =
        SessionKeys.derive(SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);
    assertArrayEquals(hex("C61E7A93744F39EE10734AFE3FF7A087"), keys.rtpKey());
    assertArrayEquals(hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"), keys.rtpAuthKey());
    assertArrayEquals(hex("30CBBC08863D8C85D49DB34A9AE1"), keys.rtpSalt());
    assertEquals(16, keys.rtcpKey().length);
    assertEquals(20, keys.rtcpAuthKey().length);
    assertEquals(14, keys.rtcpSalt().length);
    assertEquals(false, java.util.Arrays.equals(keys.rtpKey(), keys.rtcpKey()));
  }

  @Test
  void rejectsKeysOfTheWrongLength() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SrtpContext(SrtpProfile.AEAD_AES_128_GCM, MASTER_KEY, MASTER_SALT));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SrtpContext(SrtpProfile.AES128_CM_HMAC_SHA1_80, new byte[15], MASTER_SALT));
  }

  @Test
  void keystreamMatchesAppendixB2AtBothEndsOfTheSegment() {
    AesCounterMode cm = new AesCounterMode(hex("2B7E151628AED2A6ABF7158809CF4F3C"));
    byte[] iv = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
    byte[] ks = new byte[1044512]; // 65282 blocks, counters 0000..FF01
    cm.apply(AesCounterMode.readLong(iv, 0), AesCounterMode.readLong(iv, 8), ks, 0, ks.length);
    assertEquals(
        "e03ead0935c95e80e166b16dd92b4eb4"
            + "d23513162b02d0f72a43a2fe4a5f97ab"
            + "41e95b3bb0a2e8dd477901e4fca894c0",
        SrtpTestPackets.hex(ks, 0, 48));
    assertEquals(
        "ec8cdf7398607cb0f2d21675ea9ea1e4"
            + "362b7c3c6773516318a077d7fc5073ae"
            + "6a2cc3787889374fbeb4c81b17ba6c44",
        SrtpTestPackets.hex(ks, ks.length - 48, 48));
  }

  @Test
  void keystreamHandlesUnalignedTailsAndOffsets() {
    AesCounterMode cm = new AesCounterMode(hex("2B7E151628AED2A6ABF7158809CF4F3C"));
    byte[] iv = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
    byte[] buf = new byte[3 + 37];
    cm.apply(AesCounterMode.readLong(iv, 0), AesCounterMode.readLong(iv, 8), buf, 3, 37);
    assertEquals(
        "000000e03ead0935c95e80e166b16dd92b4eb4d23513162b02d0f72a43a2fe4a5f97ab41e95b3bb0",
        SrtpTestPackets.hex(buf, 0, buf.length));
  }
}
