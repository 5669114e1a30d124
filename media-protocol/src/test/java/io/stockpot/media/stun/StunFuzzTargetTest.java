package io.stockpot.media.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stockpot.media.FuzzSeeds;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the STUN reader (RFC 5389 §6, §15): a datagram is either a valid
 * message or reads as absent, MESSAGE-INTEGRITY (§15.4) and FINGERPRINT (§15.5) checks answer
 * without throwing, and a valid message written again by {@link StunMessageWriter} reads back with
 * the same fields. Seeded with the RFC 5769 vectors.
 */
class StunFuzzTargetTest {
  private static final MessageIntegrity INTEGRITY =
      MessageIntegrity.shortTerm(StunRfcTest.PASSWORD);

  private final StunMessage reader = new StunMessage();
  private final StunMessage again = new StunMessage();
  private final byte[] ip = new byte[16];

  @FuzzTest
  void parse(byte[] data) {
    byte[] copy = data.clone();
    boolean valid = reader.read(data, 0, data.length);
    assertEquals(valid, StunMessage.parse(data, 0, data.length) != null);
    if (!valid) {
      assertFalse(reader.isValid());
      assertFalse(reader.hasUsername());
      assertNull(reader.transactionId());
      assertEquals(-1, reader.messageClass());
      assertEquals(-1, reader.findAttribute(StunAttributes.SOFTWARE));
    }
    // Every accessor a caller handling an untrusted datagram may use answers without throwing.
    reader.username();
    reader.usernameStartsWith(new byte[] {'e', 'v'});
    reader.usernameEndsWith(new byte[] {'j'});
    reader.checkFingerprint();
    reader.checkIntegrity(INTEGRITY);
    reader.checkIntegrity(new byte[] {1, 2, 3});
    reader.xorMappedAddress();
    reader.copyXorMappedIp(ip, 0);
    reader.errorReason();
    reader.attributeString(StunAttributes.SOFTWARE);
    assertArrayEquals(copy, data, "reading never writes to the datagram");
    if (valid) {
      rewriteAndReadBack(data);
    }
  }

  /** Writes the fields the reader records into a new message and reads that one back. */
  private void rewriteAndReadBack(byte[] data) {
    StunMessageWriter writer = new StunMessageWriter(reader.length() + 64);
    byte[] txId = reader.transactionId();
    writer.begin(reader.messageClass(), reader.method(), txId, 0);
    byte[] name = usernameOf(reader, data);
    if (name != null) {
      writer.addBytes(StunAttributes.USERNAME, name, 0, name.length);
    }
    if (reader.hasPriority()) {
      writer.addPriority(reader.priority());
    }
    if (reader.hasUseCandidate()) {
      writer.addUseCandidate();
    }
    if (reader.hasIceControlling()) {
      writer.addIceControlling(reader.tieBreaker());
    }
    if (reader.hasIceControlled()) {
      writer.addIceControlled(reader.tieBreaker());
    }
    if (reader.hasXorMappedAddress()) {
      int n = reader.copyXorMappedIp(ip, 0);
      writer.addXorMappedAddress(Arrays.copyOf(ip, n), reader.xorMappedPort());
    }
    if (reader.errorCode() >= 0) {
      writer.addErrorCode(reader.errorCode(), "");
    }
    writer.addMessageIntegrity(INTEGRITY).addFingerprint();

    byte[] out = writer.toByteArray();
    assertTrue(again.read(out, 0, out.length), "what the writer wrote reads back");
    assertEquals(reader.type(), again.type());
    assertArrayEquals(txId, again.transactionId());
    assertArrayEquals(name, usernameOf(again, out));
    assertEquals(reader.priority(), again.priority());
    assertEquals(reader.hasUseCandidate(), again.hasUseCandidate());
    assertEquals(reader.hasIceControlling(), again.hasIceControlling());
    assertEquals(reader.hasIceControlled(), again.hasIceControlled());
    assertEquals(reader.tieBreaker(), again.tieBreaker());
    assertEquals(reader.xorMappedAddress(), again.xorMappedAddress());
    assertEquals(reader.errorCode(), again.errorCode());
    assertTrue(again.checkIntegrity(INTEGRITY));
    assertTrue(again.checkFingerprint());
    assertNotNull(again.transactionId());
  }

  private static byte[] usernameOf(StunMessage m, byte[] buf) {
    int at = m.usernameOffset();
    return at < 0 ? null : Arrays.copyOfRange(buf, at, at + m.usernameLength());
  }

  /** The committed seeds are exactly the RFC 5769 §2 vectors, so the fuzzer starts from them. */
  @Test
  void seedsAreTheRfcVectors() {
    FuzzSeeds.assertSeeds(
        StunFuzzTargetTest.class,
        "parse",
        Map.of(
            "rfc5769-2.1-request", StunRfcTest.SAMPLE_REQUEST,
            "rfc5769-2.2-ipv4-response", StunRfcTest.SAMPLE_IPV4_RESPONSE,
            "rfc5769-2.3-ipv6-response", StunRfcTest.SAMPLE_IPV6_RESPONSE,
            "rfc5769-2.4-long-term-request", StunRfcTest.SAMPLE_LONG_TERM_REQUEST));
  }
}
