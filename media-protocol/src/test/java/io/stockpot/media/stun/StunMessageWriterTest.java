package io.stockpot.media.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** What the writer builds, the reader reads back and verifies. */
class StunMessageWriterTest {
  private static final String PASSWORD = "0123456789abcdefghijklmnopqrstuv";
  private final StunMessageWriter writer = new StunMessageWriter();

  @Test
  void bindingRequestRoundTrips() {
    byte[] id = StunMessageWriter.randomTransactionId();
    writer
        .beginBindingRequest(id)
        .addUsername("serverUfrag:clientUfrag")
        .addPriority(0xFFFF_FFFEL)
        .addIceControlling(0x0102030405060708L)
        .addUseCandidate()
        .addMessageIntegrity(MessageIntegrity.shortTerm(PASSWORD))
        .addFingerprint();
    StunMessage m = StunMessage.parse(writer.buffer(), 0, writer.length());
    assertNotNull(m);
    assertEquals(StunHeader.CLASS_REQUEST, m.messageClass());
    assertEquals(StunHeader.METHOD_BINDING, m.method());
    assertArrayEquals(id, m.transactionId());
    assertEquals("serverUfrag:clientUfrag", m.username());
    assertEquals(0xFFFF_FFFEL, m.priority());
    assertTrue(m.hasIceControlling());
    assertFalse(m.hasIceControlled());
    assertEquals(0x0102030405060708L, m.tieBreaker());
    assertTrue(m.hasUseCandidate());
    assertTrue(m.checkIntegrity(MessageIntegrity.shortTerm(PASSWORD)));
    assertFalse(m.checkIntegrity(MessageIntegrity.shortTerm(PASSWORD + "x")));
    assertTrue(m.checkFingerprint());
  }

  @Test
  void integrityVerifiesWithoutFingerprint() {
    writer
        .beginBindingRequest(StunMessageWriter.randomTransactionId())
        .addUsername("a:b")
        .addMessageIntegrity(MessageIntegrity.shortTerm(PASSWORD));
    StunMessage m = StunMessage.parse(writer.buffer(), 0, writer.length());
    assertTrue(m.checkIntegrity(PASSWORD.getBytes()));
    assertFalse(m.hasFingerprint());
  }

  @Test
  void successResponsesRoundTripBothFamilies() throws Exception {
    StunMessage request = sampleRequest();
    for (String host : new String[] {"203.0.113.7", "2001:db8::42"}) {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), 50123);
      writer
          .beginSuccessResponse(request)
          .addXorMappedAddress(address)
          .addMessageIntegrity(MessageIntegrity.shortTerm(PASSWORD))
          .addFingerprint();
      StunMessage m = StunMessage.parse(writer.buffer(), 0, writer.length());
      assertNotNull(m, host);
      assertEquals(StunHeader.CLASS_SUCCESS_RESPONSE, m.messageClass());
      assertEquals(0x0101, m.type());
      assertArrayEquals(request.transactionId(), m.transactionId());
      assertEquals(address, m.xorMappedAddress());
      assertTrue(m.checkIntegrity(PASSWORD.getBytes()));
      assertTrue(m.checkFingerprint());
    }
  }

  @Test
  void errorResponsesCarryCodeAndReason() {
    StunMessage request = sampleRequest();
    for (int code : new int[] {400, 401, 487}) {
      writer.beginErrorResponse(request).addErrorCode(code, "Reason " + code).addFingerprint();
      StunMessage m = StunMessage.parse(writer.buffer(), 0, writer.length());
      assertNotNull(m);
      assertEquals(StunHeader.CLASS_ERROR_RESPONSE, m.messageClass());
      assertEquals(0x0111, m.type());
      assertEquals(code, m.errorCode());
      assertEquals("Reason " + code, m.errorReason());
      assertFalse(m.hasMessageIntegrity());
      assertTrue(m.checkFingerprint());
    }
  }

  @Test
  void messageTypeInterleavesClassAndMethod() {
    for (int cls = 0; cls < 4; cls++) {
      for (int method : new int[] {0x001, 0x003, 0x00A, 0xFFF}) {
        int type = StunHeader.messageType(cls, method);
        assertEquals(cls, StunHeader.classOf(type));
        assertEquals(method, StunHeader.methodOf(type));
        assertEquals(0, type & 0xC000);
      }
    }
    assertEquals(0x0001, StunHeader.messageType(StunHeader.CLASS_REQUEST, 1));
    assertEquals(0x0011, StunHeader.messageType(StunHeader.CLASS_INDICATION, 1));
    assertEquals(0x0101, StunHeader.messageType(StunHeader.CLASS_SUCCESS_RESPONSE, 1));
    assertEquals(0x0111, StunHeader.messageType(StunHeader.CLASS_ERROR_RESPONSE, 1));
  }

  @Test
  void misuseThrows() {
    writer.beginBindingRequest(new byte[12]).addFingerprint();
    assertThrows(IllegalStateException.class, () -> writer.addUsername("late"));
    writer.beginBindingRequest(new byte[12]).addMessageIntegrity(MessageIntegrity.shortTerm("k"));
    assertThrows(IllegalStateException.class, () -> writer.addPriority(1));
    StunMessageWriter small = new StunMessageWriter(32);
    small.beginBindingRequest(new byte[12]);
    assertThrows(IllegalStateException.class, () -> small.addUsername("far too long a name"));
    assertThrows(IllegalArgumentException.class, () -> writer.addErrorCode(200, "no"));
  }

  @Test
  void attributesAfterIntegrityOtherThanFingerprintAreIgnored() {
    writer
        .beginBindingRequest(new byte[12])
        .addMessageIntegrity(MessageIntegrity.shortTerm(PASSWORD));
    byte[] msg = new byte[writer.length() + 8];
    System.arraycopy(writer.buffer(), 0, msg, 0, writer.length());
    // Append PRIORITY by hand, as a sender not following RFC 5389 §15.4 might.
    msg[writer.length() + 1] = 0x24;
    msg[writer.length() + 3] = 4;
    msg[3] = (byte) (msg.length - 20);
    StunMessage m = StunMessage.parse(msg, 0, msg.length);
    assertNotNull(m);
    assertFalse(m.hasPriority());
    assertTrue(m.checkIntegrity(PASSWORD.getBytes()));
  }

  @Test
  void fingerprintMustBeLast() {
    writer.beginBindingRequest(new byte[12]).addFingerprint();
    byte[] msg = new byte[writer.length() + 4];
    System.arraycopy(writer.buffer(), 0, msg, 0, writer.length());
    msg[writer.length() + 1] = 0x25; // USE-CANDIDATE after FINGERPRINT
    msg[3] = (byte) (msg.length - 20);
    assertNull(StunMessage.parse(msg, 0, msg.length));
  }

  private StunMessage sampleRequest() {
    byte[] copy = StunRfcTest.SAMPLE_REQUEST.clone();
    return StunMessage.parse(copy, 0, copy.length);
  }
}
