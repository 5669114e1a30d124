package io.stockpot.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * RFC 5764 §4.2 layout of the exported keying material: client_write_SRTP_master_key |
 * server_write_SRTP_master_key | client_write_SRTP_master_salt | server_write_SRTP_master_salt,
 * with key/salt sizes from RFC 5764 §4.1.2 (AES-CM: 128/112 bits) and RFC 7714 §12 (GCM: 128/96).
 * The input counts 0, 1, 2, ... so every byte shows where it lands.
 */
class DtlsSrtpKeySplitRfcTest {

  private static byte[] counting(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  private static byte[] range(int from, int to) {
    byte[] b = new byte[to - from];
    for (int i = from; i < to; i++) {
      b[i - from] = (byte) i;
    }
    return b;
  }

  @Test
  void aesCmSixtyBytesSplitAsClientKeyServerKeyClientSaltServerSalt() {
    int profile = SrtpKeyMaterial.AES128_CM_HMAC_SHA1_80;
    assertEquals(60, SrtpKeySplit.exportLength(profile));

    SrtpKeyMaterial client = SrtpKeySplit.split(profile, counting(60), DtlsRole.CLIENT);
    assertEquals(profile, client.profile());
    assertArrayEquals(range(0, 16), client.localKey());
    assertArrayEquals(range(16, 32), client.remoteKey());
    assertArrayEquals(range(32, 46), client.localSalt());
    assertArrayEquals(range(46, 60), client.remoteSalt());

    SrtpKeyMaterial server = SrtpKeySplit.split(profile, counting(60), DtlsRole.SERVER);
    assertArrayEquals(range(16, 32), server.localKey());
    assertArrayEquals(range(0, 16), server.remoteKey());
    assertArrayEquals(range(46, 60), server.localSalt());
    assertArrayEquals(range(32, 46), server.remoteSalt());
  }

  @Test
  void gcmFiftySixBytesUseTwelveByteSalts() {
    int profile = SrtpKeyMaterial.AEAD_AES_128_GCM;
    assertEquals(56, SrtpKeySplit.exportLength(profile));

    SrtpKeyMaterial client = SrtpKeySplit.split(profile, counting(56), DtlsRole.CLIENT);
    assertArrayEquals(range(0, 16), client.localKey());
    assertArrayEquals(range(16, 32), client.remoteKey());
    assertArrayEquals(range(32, 44), client.localSalt());
    assertArrayEquals(range(44, 56), client.remoteSalt());

    SrtpKeyMaterial server = SrtpKeySplit.split(profile, counting(56), DtlsRole.SERVER);
    assertArrayEquals(client.localKey(), server.remoteKey());
    assertArrayEquals(client.remoteKey(), server.localKey());
    assertArrayEquals(client.localSalt(), server.remoteSalt());
    assertArrayEquals(client.remoteSalt(), server.localSalt());
  }

  @Test
  void wrongLengthOrProfileIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SrtpKeySplit.split(SrtpKeyMaterial.AEAD_AES_128_GCM, counting(60), DtlsRole.CLIENT));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SrtpKeySplit.split(
                SrtpKeyMaterial.AES128_CM_HMAC_SHA1_80, counting(56), DtlsRole.SERVER));
    assertThrows(IllegalArgumentException.class, () -> SrtpKeySplit.exportLength(0x0002));
  }

  @Test
  void toStringDoesNotLeakKeys() {
    SrtpKeyMaterial keys =
        SrtpKeySplit.split(SrtpKeyMaterial.AEAD_AES_128_GCM, counting(56), DtlsRole.CLIENT);
    assertEquals("SrtpKeyMaterial[profile=0x0007, keyLength=16, saltLength=12]", keys.toString());
  }
}
