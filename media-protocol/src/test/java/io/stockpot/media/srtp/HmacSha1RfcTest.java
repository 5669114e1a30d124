package io.stockpot.media.srtp;

import static io.stockpot.media.srtp.SrtpTestPackets.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** RFC 2202 HMAC-SHA1 vectors, and agreement with javax.crypto.Mac across reuse. */
class HmacSha1RfcTest {

  private static String mac(byte[] key, byte[] data) {
    HmacSha1 h = new HmacSha1(key);
    byte[] out = new byte[20];
    h.update(data, 0, data.length);
    h.finish(out, 0);
    return SrtpTestPackets.hex(out, 0, 20);
  }

  @Test
  void rfc2202TestCase1() {
    byte[] key = new byte[20];
    Arrays.fill(key, (byte) 0x0b);
    assertEquals(
        "b617318655057264e28bc0b6fb378c8ef146be00",
        mac(key, "Hi There".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void rfc2202TestCase2() {
    assertEquals(
        "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
        mac(
            "Jefe".getBytes(StandardCharsets.US_ASCII),
            "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void rfc2202TestCase6KeyLongerThanABlock() {
    byte[] key = new byte[80];
    Arrays.fill(key, (byte) 0xaa);
    assertEquals(
        "aa4ae5e15272d00e95705637ce8a3b55ed402112",
        mac(
            key,
            "Test Using Larger Than Block-Size Key - Hash Key First"
                .getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void agreesWithJceMacWhenReused() throws Exception {
    Random rnd = new Random(7);
    byte[] key = new byte[20];
    rnd.nextBytes(key);
    Mac jce = Mac.getInstance("HmacSHA1");
    jce.init(new SecretKeySpec(key, "HmacSHA1"));
    HmacSha1 ours = new HmacSha1(key);
    byte[] out = new byte[20];
    for (int n = 0; n < 300; n += 7) {
      byte[] data = new byte[n];
      rnd.nextBytes(data);
      jce.update(data);
      jce.update(hex("0000abcd"));
      ours.update(data, 0, n);
      ours.updateInt(0xabcd);
      ours.finish(out, 0);
      assertArrayEquals(jce.doFinal(), out, "length " + n);
    }
  }
}
