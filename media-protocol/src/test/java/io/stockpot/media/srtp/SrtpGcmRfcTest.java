package io.stockpot.media.srtp;

import static io.stockpot.media.srtp.SrtpTestPackets.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 7714 §16.1 (SRTP AEAD_AES_128_GCM) and §17.1/§17.3 (SRTCP) vectors. They are stated in
 * session keys, so the contexts here skip key derivation.
 */
class SrtpGcmRfcTest {
  private static final byte[] KEY = hex("000102030405060708090a0b0c0d0e0f");
  private static final byte[] SALT = hex("517569642070726f2071756f");

  private static final String RTP =
      "8040f17b8041f8d35501a0b2"
          + "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573";
  private static final String SRTP =
      "8040f17b8041f8d35501a0b2"
          + "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833"
          + "899d7f27beb16a9152cf765ee4390cce";

  private static final String RTCP =
      "81c8000d4d617273"
          + "4e5450314e545032525450200000042a0000e9304c756e61"
          + "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
  private static final String SRTCP =
      "81c8000d4d617273"
          + "63e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded0bb9275b"
          + "c84aa45896cf4d2fc5abf87245d9eade"
          + "800005d4";
  private static final String SRTCP_TAG_ONLY =
      RTCP + "841dd9683dd78ec92ae58790125f62b3" + "000005d4";

  private static SrtpContext context() {
    return new SrtpContext(
        new SessionKeys(
            SrtpProfile.AEAD_AES_128_GCM, KEY, new byte[0], SALT, KEY, new byte[0], SALT));
  }

  private static byte[] withSpare(String hex, int spare) {
    byte[] b = hex(hex);
    return Arrays.copyOf(b, b.length + spare);
  }

  @Test
  void section16_1_1_encryptsTheRtpPacket() {
    byte[] buf = withSpare(RTP, 16);
    int n = context().protectRtp(buf, 0, buf.length - 16);
    assertEquals(SRTP, SrtpTestPackets.hex(buf, 0, n));
  }

  @Test
  void section16_1_2_decryptsTheSrtpPacket() {
    byte[] buf = hex(SRTP);
    int n = context().unprotectRtp(buf, 0, buf.length);
    assertEquals(RTP, SrtpTestPackets.hex(buf, 0, n));
  }

  @Test
  void section16_rejectsTheSrtpPacketWithOneTagBitFlipped() {
    byte[] buf = hex(SRTP);
    buf[buf.length - 1] ^= 1;
    SrtpContext ctx = context();
    assertEquals(SrtpStatus.AUTH_FAILED, ctx.unprotectRtp(buf, 0, buf.length));
    assertEquals(0, ctx.receiveStreamCount());
  }

  @Test
  void section17_1_1_encryptsTheRtcpPacketAtIndex0x5d4() {
    SrtpContext ctx = context();
    int len = hex(RTCP).length;
    // The context numbers SRTCP packets from 1; send up to the vector's index first.
    for (int i = 1; i < 0x5d4; i++) {
      byte[] scratch = withSpare(RTCP, 20);
      ctx.protectRtcp(scratch, 0, len);
    }
    byte[] buf = withSpare(RTCP, 20);
    int n = ctx.protectRtcp(buf, 0, len);
    assertEquals(SRTCP, SrtpTestPackets.hex(buf, 0, n));
  }

  @Test
  void section17_1_2_decryptsTheSrtcpPacket() {
    byte[] buf = hex(SRTCP);
    int n = context().unprotectRtcp(buf, 0, buf.length);
    assertEquals(RTCP, SrtpTestPackets.hex(buf, 0, n));
  }

  @Test
  void section17_3_verifiesAnUnencryptedSrtcpPacket() {
    byte[] buf = hex(SRTCP_TAG_ONLY);
    int n = context().unprotectRtcp(buf, 0, buf.length);
    assertEquals(RTCP, SrtpTestPackets.hex(buf, 0, n));
  }

  @Test
  void section17_rejectsTheSrtcpPacketWhenTheIndexWordIsAltered() {
    byte[] buf = hex(SRTCP);
    buf[buf.length - 1] ^= 1; // index 0x5d5: the IV and the associated data change
    SrtpContext ctx = context();
    assertEquals(SrtpStatus.AUTH_FAILED, ctx.unprotectRtcp(buf, 0, buf.length));
    assertEquals(0, ctx.receiveStreamCount());
  }
}
