package io.stockpot.media.srtp;

import static io.stockpot.media.srtp.SrtpTestPackets.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reference packets that libsrtp validates itself against (test/srtp_driver.c): SSRC 0xcafebabe,
 * sequence number 0x1234, a 16-byte payload of 0xab, and the first SRTCP packet (index 1). Unlike
 * the RFC 7714 vectors these start from a master key, so they cover key derivation too, for the GCM
 * profile's 12-byte master salt included.
 */
class SrtpReferencePacketTest {
  private static final String RTP = "800f1234decafbadcafebabe" + "ab".repeat(16);
  private static final String RTCP = "81c8000bcafebabe" + "ab".repeat(16);

  private static byte[] withSpare(String hex, int spare) {
    byte[] b = hex(hex);
    return Arrays.copyOf(b, b.length + spare);
  }

  private static void check(
      SrtpProfile profile, String masterKeyAndSalt, String srtp, String srtcp) {
    byte[] master = hex(masterKeyAndSalt);
    byte[] key = Arrays.copyOfRange(master, 0, 16);
    byte[] salt = Arrays.copyOfRange(master, 16, master.length);
    SrtpContext sender = new SrtpContext(profile, key, salt);
    SrtpContext receiver = new SrtpContext(profile, key, salt);

    byte[] buf = withSpare(RTP, 16);
    int n = sender.protectRtp(buf, 0, 28);
    assertEquals(srtp, SrtpTestPackets.hex(buf, 0, n), "SRTP");
    buf = hex(srtp);
    n = receiver.unprotectRtp(buf, 0, buf.length);
    assertEquals(RTP, SrtpTestPackets.hex(buf, 0, n), "RTP");

    buf = withSpare(RTCP, 20);
    n = sender.protectRtcp(buf, 0, 24);
    assertEquals(srtcp, SrtpTestPackets.hex(buf, 0, n), "SRTCP");
    buf = hex(srtcp);
    n = receiver.unprotectRtcp(buf, 0, buf.length);
    assertEquals(RTCP, SrtpTestPackets.hex(buf, 0, n), "RTCP");
  }

  @Test
  void aesCm128HmacSha1_80() {
    check(
        SrtpProfile.AES128_CM_HMAC_SHA1_80,
        "e1f97a0d3e018be0d64fa32c06de41390ec675ad498afeebb6960b3aabe6",
        "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb",
        "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");
  }

  @Test
  void aeadAes128Gcm() {
    check(
        SrtpProfile.AEAD_AES_128_GCM,
        "000102030405060708090a0b0c0d0e0fa0a1a2a3a4a5a6a7a8a9aaab",
        "800f1234decafbadcafebabec5002ede04cfdd2eb91159e0880aa06ed2976826f796b201df3131a127e8a392",
        "81c8000bcafebabec98b8b5df0392a55852b6c21ac8e7025c52c6fbea2b3b446ea31123ba88ce61e80000001");
  }
}
