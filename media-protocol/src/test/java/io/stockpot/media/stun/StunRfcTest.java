package io.stockpot.media.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The test vectors of RFC 5769 ("Test Vectors for STUN"), section 2. */
class StunRfcTest {
  /** Short-term password of §2.1 to §2.3. */
  static final String PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";

  static final byte[] TRANSACTION_ID = hex("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae");

  /** §2.1 Sample Request. Note the 0x20 (not zero) padding after USERNAME. */
  static final byte[] SAMPLE_REQUEST =
      hex(
          """
          00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
          80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
          00 24 00 04 6e 00 01 ff
          80 29 00 08 93 2f f9 b1 51 26 3b 36
          00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
          00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
          80 28 00 04 e5 7a 3b cf
          """);

  /** §2.2 Sample IPv4 Response. */
  static final byte[] SAMPLE_IPV4_RESPONSE =
      hex(
          """
          01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
          80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
          00 20 00 08 00 01 a1 47 e1 12 a6 43
          00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
          80 28 00 04 c0 7d 4c 96
          """);

  /** §2.3 Sample IPv6 Response. */
  static final byte[] SAMPLE_IPV6_RESPONSE =
      hex(
          """
          01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
          80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
          00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
          00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
          80 28 00 04 c8 fb 0b 4c
          """);

  /** §2.4 Sample Request with Long-Term Authentication (no FINGERPRINT). */
  static final byte[] SAMPLE_LONG_TERM_REQUEST =
      hex(
          """
          00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
          00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00
          00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34
                      6f 4c 39 46 53 54 76 79 36 34 73 41
          00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00
          00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66
          """);

  static final String LONG_TERM_USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
  static final String LONG_TERM_REALM = "example.org";
  static final String LONG_TERM_NONCE = "f//499k954d6OL34oL9FSTvy64sA";
  static final String LONG_TERM_PASSWORD = "TheMatrIX"; // after SASLprep

  @Test
  void sampleRequestParses() {
    StunMessage m = StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length);
    assertNotNull(m);
    assertEquals(StunHeader.CLASS_REQUEST, m.messageClass());
    assertEquals(StunHeader.METHOD_BINDING, m.method());
    assertEquals(0x0001, m.type());
    assertArrayEquals(TRANSACTION_ID, m.transactionId());
    assertEquals("STUN test client", m.attributeString(StunAttributes.SOFTWARE));
    assertEquals("evtj:h6vY", m.username());
    assertTrue(m.usernameStartsWith("evtj:".getBytes()));
    assertFalse(m.usernameStartsWith("h6vY:".getBytes()));
    assertEquals(0x6e0001ffL, m.priority());
    assertTrue(m.hasIceControlled());
    assertFalse(m.hasIceControlling());
    assertEquals(0x932ff9b151263b36L, m.tieBreaker());
    assertFalse(m.hasUseCandidate());
    assertFalse(m.hasXorMappedAddress());
    assertEquals(-1, m.errorCode());
    assertEquals(76, m.messageIntegrityOffset());
    assertEquals(100, m.fingerprintOffset());
  }

  @Test
  void sampleRequestVerifies() {
    StunMessage m = StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length);
    assertTrue(m.checkFingerprint());
    assertTrue(m.checkIntegrity(PASSWORD.getBytes()));
    assertTrue(m.checkIntegrity(MessageIntegrity.shortTerm(PASSWORD)));
    assertFalse(m.checkIntegrity("VOkJxbRl1RmTxUk/WvJxBu".getBytes()));
  }

  @Test
  void aFlippedBitFailsBothChecks() {
    byte[] copy = SAMPLE_REQUEST.clone();
    copy[30] ^= 0x01; // inside SOFTWARE
    StunMessage m = StunMessage.parse(copy, 0, copy.length);
    assertNotNull(m);
    assertFalse(m.checkFingerprint());
    assertFalse(m.checkIntegrity(PASSWORD.getBytes()));
  }

  @Test
  void sampleRequestParsesAtAnOffset() {
    byte[] padded = new byte[SAMPLE_REQUEST.length + 17];
    Arrays.fill(padded, (byte) 0x5A);
    System.arraycopy(SAMPLE_REQUEST, 0, padded, 9, SAMPLE_REQUEST.length);
    StunMessage m = StunMessage.parse(padded, 9, SAMPLE_REQUEST.length);
    assertNotNull(m);
    assertTrue(m.checkFingerprint());
    assertTrue(m.checkIntegrity(MessageIntegrity.shortTerm(PASSWORD)));
    assertEquals("evtj:h6vY", m.username());
  }

  @Test
  void ipv4ResponseParsesAndVerifies() throws Exception {
    StunMessage m = StunMessage.parse(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length);
    assertNotNull(m);
    assertEquals(StunHeader.CLASS_SUCCESS_RESPONSE, m.messageClass());
    assertEquals(StunHeader.METHOD_BINDING, m.method());
    assertEquals(0x0101, m.type());
    assertArrayEquals(TRANSACTION_ID, m.transactionId());
    assertEquals("test vector", m.attributeString(StunAttributes.SOFTWARE));
    assertEquals(StunAttributes.FAMILY_IPV4, m.xorMappedFamily());
    assertEquals(32853, m.xorMappedPort());
    assertEquals(
        new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853), m.xorMappedAddress());
    assertTrue(m.checkIntegrity(PASSWORD.getBytes()));
    assertTrue(m.checkFingerprint());
  }

  @Test
  void ipv6ResponseParsesAndVerifies() throws Exception {
    StunMessage m = StunMessage.parse(SAMPLE_IPV6_RESPONSE, 0, SAMPLE_IPV6_RESPONSE.length);
    assertNotNull(m);
    assertEquals(StunHeader.CLASS_SUCCESS_RESPONSE, m.messageClass());
    assertEquals(StunAttributes.FAMILY_IPV6, m.xorMappedFamily());
    InetSocketAddress expected =
        new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
    assertEquals(expected, m.xorMappedAddress());
    byte[] ip = new byte[16];
    assertEquals(16, m.copyXorMappedIp(ip, 0));
    assertArrayEquals(expected.getAddress().getAddress(), ip);
    assertTrue(m.checkIntegrity(PASSWORD.getBytes()));
    assertTrue(m.checkFingerprint());
  }

  @Test
  void longTermRequestParses() {
    StunMessage m = StunMessage.parse(SAMPLE_LONG_TERM_REQUEST, 0, SAMPLE_LONG_TERM_REQUEST.length);
    assertNotNull(m);
    assertEquals(StunHeader.CLASS_REQUEST, m.messageClass());
    assertArrayEquals(hex("78 ad 34 33 c6 ad 72 c0 29 da 41 2e"), m.transactionId());
    assertEquals(LONG_TERM_USERNAME, m.username());
    assertEquals(18, m.usernameLength());
    assertEquals(LONG_TERM_NONCE, m.attributeString(StunAttributes.NONCE));
    assertEquals(LONG_TERM_REALM, m.attributeString(StunAttributes.REALM));
    assertTrue(m.hasMessageIntegrity());
    assertFalse(m.hasFingerprint());
    assertFalse(m.checkFingerprint());
    assertFalse(m.hasPriority());
  }

  @Test
  void longTermRequestVerifiesUnderTheMd5Key() {
    StunMessage m = StunMessage.parse(SAMPLE_LONG_TERM_REQUEST, 0, SAMPLE_LONG_TERM_REQUEST.length);
    MessageIntegrity key =
        MessageIntegrity.longTerm(LONG_TERM_USERNAME, LONG_TERM_REALM, LONG_TERM_PASSWORD);
    assertTrue(m.checkIntegrity(key));
    assertFalse(m.checkIntegrity(MessageIntegrity.longTerm(LONG_TERM_USERNAME, "x", "TheMatrIX")));
  }

  /** The writer reproduces §2.4 byte for byte: zero padding, lengths, HMAC over the prefix. */
  @Test
  void writerReproducesTheLongTermRequest() {
    byte[] id = hex("78 ad 34 33 c6 ad 72 c0 29 da 41 2e");
    StunMessageWriter w = new StunMessageWriter();
    w.beginBindingRequest(id)
        .addUsername(LONG_TERM_USERNAME)
        .addString(StunAttributes.NONCE, LONG_TERM_NONCE)
        .addString(StunAttributes.REALM, LONG_TERM_REALM)
        .addMessageIntegrity(
            MessageIntegrity.longTerm(LONG_TERM_USERNAME, LONG_TERM_REALM, LONG_TERM_PASSWORD));
    assertArrayEquals(SAMPLE_LONG_TERM_REQUEST, w.toByteArray());
  }

  /** The writer's XOR-MAPPED-ADDRESS values equal §2.2's and §2.3's. */
  @Test
  void writerXorsAddressesAsTheVectors() throws Exception {
    StunMessageWriter w = new StunMessageWriter();
    w.begin(StunHeader.CLASS_SUCCESS_RESPONSE, StunHeader.METHOD_BINDING, TRANSACTION_ID, 0)
        .addXorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
    assertArrayEquals(
        Arrays.copyOfRange(SAMPLE_IPV4_RESPONSE, 36, 48), Arrays.copyOfRange(w.buffer(), 20, 32));

    w.begin(StunHeader.CLASS_SUCCESS_RESPONSE, StunHeader.METHOD_BINDING, TRANSACTION_ID, 0)
        .addXorMappedAddress(
            new InetSocketAddress(
                InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
    assertArrayEquals(
        Arrays.copyOfRange(SAMPLE_IPV6_RESPONSE, 36, 60), Arrays.copyOfRange(w.buffer(), 20, 44));
  }

  /** The writer's MESSAGE-INTEGRITY and FINGERPRINT over §2.1's exact prefix equal the RFC's. */
  @Test
  void writerSealsTheSampleRequestAsTheVector() {
    StunMessageWriter w = new StunMessageWriter();
    w.beginBindingRequest(TRANSACTION_ID)
        .addSoftware("STUN test client")
        .addPriority(0x6e0001ffL)
        .addIceControlled(0x932ff9b151263b36L)
        .addUsername("evtj:h6vY");
    // The RFC pads USERNAME with spaces; match it so the HMAC input is the same.
    System.arraycopy(SAMPLE_REQUEST, 73, w.buffer(), 73, 3);
    w.addMessageIntegrity(MessageIntegrity.shortTerm(PASSWORD)).addFingerprint();
    assertArrayEquals(SAMPLE_REQUEST, w.toByteArray());
  }

  @Test
  void truncatedVectorIsRejected() {
    assertNull(StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length - 4));
    assertNull(StunMessage.parse(SAMPLE_REQUEST, 0, 19));
  }

  static byte[] hex(String s) {
    String digits = s.replaceAll("\\s+", "");
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
