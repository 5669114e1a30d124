package io.stockpot.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.ice.IceCheckResult.Outcome;
import io.stockpot.media.stun.MessageIntegrity;
import io.stockpot.media.stun.StunHeader;
import io.stockpot.media.stun.StunMessage;
import io.stockpot.media.stun.StunMessageWriter;
import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IceServerTest {
  private static final String UFRAG = "srvUfrag0123ABCD";
  private static final String PASSWORD = "srvPassword0123456789abcdefghij+/";
  private static final String CLIENT_UFRAG = "cli1";
  private static final long PRIORITY = 1_853_817_087L;
  private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 40001);
  private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 40002);

  private final IceServer server = new IceServer(UFRAG, PASSWORD);
  private final StunMessageWriter writer = new StunMessageWriter();
  private byte[] lastTransactionId;

  /** A check as a browser sends it, integrity keyed with {@code password}. */
  private byte[] check(String ufrag, String password, boolean nominate) {
    lastTransactionId = StunMessageWriter.randomTransactionId();
    IceRequests.writeCheck(
        writer,
        lastTransactionId,
        ufrag,
        CLIENT_UFRAG,
        MessageIntegrity.shortTerm(password),
        PRIORITY,
        0x1122334455667788L,
        nominate);
    return writer.toByteArray();
  }

  private IceCheckResult send(byte[] msg, InetSocketAddress from, long now) {
    return server.handle(msg, 0, msg.length, from, now);
  }

  private StunMessage response(IceCheckResult r) {
    assertTrue(r.hasResponse());
    StunMessage m = StunMessage.parse(r.responseBytes(), 0, r.responseLength());
    assertNotNull(m);
    assertArrayEquals(lastTransactionId, m.transactionId());
    assertTrue(m.checkFingerprint());
    return m;
  }

  @Test
  void nominatingCheckSucceedsAndCompletes() {
    IceCheckResult r = send(check(UFRAG, PASSWORD, true), A, 1000);
    assertEquals(Outcome.SUCCESS, r.outcome());
    assertTrue(r.nominated());
    assertTrue(r.selectedTupleChanged());
    assertTrue(r.stateChanged());
    assertTrue(r.consentRefreshed());
    StunMessage m = response(r);
    assertEquals(StunHeader.CLASS_SUCCESS_RESPONSE, m.messageClass());
    assertEquals(A, m.xorMappedAddress());
    assertTrue(m.checkIntegrity(PASSWORD.getBytes()));
    assertEquals(IceState.COMPLETED, server.state());
    assertEquals(A, server.selectedTuple());
    assertTrue(server.isValidTuple(A));
    assertFalse(server.isValidTuple(B));
    assertEquals(1, server.requests());
    assertEquals(1, server.successes());
  }

  @Test
  void plainCheckConnectsThenNominationCompletes() {
    IceCheckResult r = send(check(UFRAG, PASSWORD, false), A, 0);
    assertEquals(Outcome.SUCCESS, r.outcome());
    assertFalse(r.nominated());
    assertEquals(IceState.CONNECTED, server.state());
    assertEquals(A, server.selectedTuple());
    r = send(check(UFRAG, PASSWORD, true), A, 10);
    assertTrue(r.nominated());
    assertTrue(r.stateChanged());
    assertFalse(r.selectedTupleChanged());
    assertEquals(IceState.COMPLETED, server.state());
  }

  @Test
  void missingAttributesAreBadRequests() {
    byte[] id = StunMessageWriter.randomTransactionId();
    MessageIntegrity mi = MessageIntegrity.shortTerm(PASSWORD);
    byte[][] requests = {
      writer.beginBindingRequest(id).addPriority(1).addMessageIntegrity(mi).toByteArray(),
      writer.beginBindingRequest(id).addUsername(UFRAG + ":x").addPriority(1).toByteArray(),
      writer.beginBindingRequest(id).addUsername(UFRAG + ":x").addMessageIntegrity(mi).toByteArray()
    };
    lastTransactionId = id;
    for (byte[] request : requests) {
      IceCheckResult r = send(request, A, 0);
      assertEquals(Outcome.BAD_REQUEST, r.outcome());
      StunMessage m = response(r);
      assertEquals(StunHeader.CLASS_ERROR_RESPONSE, m.messageClass());
      assertEquals(400, m.errorCode());
      assertFalse(m.hasMessageIntegrity());
    }
    assertEquals(3, server.badRequests());
    assertEquals(IceState.NEW, server.state());
    assertNull(server.selectedTuple());
  }

  @Test
  void unknownUfragOrWrongPasswordIsUnauthorized() {
    String[][] credentials = {{"otherUfrag", PASSWORD}, {UFRAG, PASSWORD + "x"}};
    for (String[] c : credentials) {
      byte[] request = check(c[0], c[1], true);
      IceCheckResult r = send(request, A, 0);
      assertEquals(Outcome.UNAUTHORIZED, r.outcome());
      StunMessage m = response(r);
      assertEquals(401, m.errorCode());
      assertEquals("Unauthorized", m.errorReason());
      assertFalse(m.hasMessageIntegrity());
    }
    // A ufrag that merely starts like ours is not ours: the colon is part of the match.
    assertEquals(Outcome.UNAUTHORIZED, send(check(UFRAG + "Z", PASSWORD, true), A, 0).outcome());
    assertEquals(3, server.unauthorized());
    assertEquals(IceState.NEW, server.state());
    assertFalse(server.isValidTuple(A));
  }

  @Test
  void remoteUfragIsCheckedWhenKnown() {
    server.setRemoteUsernameFragment("somebodyElse");
    assertEquals(Outcome.UNAUTHORIZED, send(check(UFRAG, PASSWORD, false), A, 0).outcome());
    server.setRemoteUsernameFragment(CLIENT_UFRAG);
    assertEquals(Outcome.SUCCESS, send(check(UFRAG, PASSWORD, false), A, 0).outcome());
  }

  @Test
  void iceControlledIsARoleConflict() {
    lastTransactionId = StunMessageWriter.randomTransactionId();
    byte[] request =
        writer
            .beginBindingRequest(lastTransactionId)
            .addUsername(UFRAG + ":" + CLIENT_UFRAG)
            .addPriority(PRIORITY)
            .addIceControlled(42)
            .addMessageIntegrity(MessageIntegrity.shortTerm(PASSWORD))
            .addFingerprint()
            .toByteArray();
    IceCheckResult r = send(request, A, 0);
    assertEquals(Outcome.ROLE_CONFLICT, r.outcome());
    StunMessage m = response(r);
    assertEquals(487, m.errorCode());
    assertTrue(m.checkIntegrity(PASSWORD.getBytes()));
    assertEquals(1, server.roleConflicts());
    assertEquals(IceState.NEW, server.state());
  }

  @Test
  void nonRequestsAreIgnoredAndGarbageIsMalformed() {
    byte[] indication =
        writer
            .begin(StunHeader.CLASS_INDICATION, StunHeader.METHOD_BINDING, new byte[12], 0)
            .addFingerprint()
            .toByteArray();
    assertEquals(Outcome.IGNORED, send(indication, A, 0).outcome());
    assertFalse(server.handle(indication, 0, indication.length, A, 0).hasResponse());
    byte[] good = check(UFRAG, PASSWORD, true);
    send(good, A, 0);
    byte[] successResponse = server.handle(good, 0, good.length, A, 0).responseBytes();
    assertEquals(Outcome.IGNORED, send(successResponse, A, 0).outcome());
    assertEquals(3, server.ignored());

    assertEquals(Outcome.MALFORMED, send(new byte[] {0, 1, 2}, A, 0).outcome());
    byte[] badFingerprint = check(UFRAG, PASSWORD, true);
    badFingerprint[badFingerprint.length - 1] ^= 1;
    IceCheckResult r = send(badFingerprint, A, 0);
    assertEquals(Outcome.MALFORMED, r.outcome());
    assertFalse(r.hasResponse());
    assertEquals(2, server.malformed());
  }

  @Test
  void consentTimeoutDisconnectsAndACheckRecovers() {
    send(check(UFRAG, PASSWORD, true), A, 0);
    send(check(UFRAG, PASSWORD, false), A, 20_000); // consent refresh
    assertFalse(server.tick(49_999));
    assertEquals(IceState.COMPLETED, server.state());
    assertTrue(server.tick(50_000));
    assertEquals(IceState.DISCONNECTED, server.state());
    assertNull(server.selectedTuple());
    assertFalse(server.isValidTuple(A));
    assertFalse(server.tick(60_000));

    IceCheckResult r = send(check(UFRAG, PASSWORD, false), A, 61_000);
    assertTrue(r.stateChanged());
    assertTrue(r.selectedTupleChanged());
    assertEquals(IceState.CONNECTED, server.state());
    assertEquals(A, server.selectedTuple());
  }

  @Test
  void checksFromOtherTuplesDoNotKeepConsentForTheSelectedOne() {
    send(check(UFRAG, PASSWORD, true), A, 0);
    send(check(UFRAG, PASSWORD, false), B, 25_000);
    assertTrue(server.tick(30_000));
    assertEquals(IceState.DISCONNECTED, server.state());
  }

  @Test
  void restartKeepsOldCredentialsUntilTheNewAreUsed() {
    send(check(UFRAG, PASSWORD, true), A, 0);
    server.restart();
    String newUfrag = server.usernameFragment();
    String newPassword = server.password();
    assertEquals(IceCredentials.USERNAME_FRAGMENT_LENGTH, newUfrag.length());
    assertEquals(IceCredentials.PASSWORD_LENGTH, newPassword.length());

    assertEquals(Outcome.SUCCESS, send(check(UFRAG, PASSWORD, false), A, 100).outcome());
    assertEquals(Outcome.SUCCESS, send(check(newUfrag, newPassword, true), A, 200).outcome());
    // The response to a new-credential check is signed with the new password.
    IceCheckResult r = send(check(newUfrag, newPassword, false), A, 300);
    assertTrue(response(r).checkIntegrity(newPassword.getBytes()));
    assertEquals(Outcome.UNAUTHORIZED, send(check(UFRAG, PASSWORD, false), A, 400).outcome());
    assertEquals(IceState.COMPLETED, server.state());
  }

  @Test
  void restartKeepingTheUfragStillAcceptsTheOldPasswordUntilTheNewIsUsed() {
    String newPassword = IceCredentials.randomPassword();
    server.restart(UFRAG, newPassword);
    assertEquals(Outcome.SUCCESS, send(check(UFRAG, PASSWORD, false), A, 0).outcome());
    assertEquals(Outcome.SUCCESS, send(check(UFRAG, newPassword, false), A, 1).outcome());
    assertEquals(Outcome.UNAUTHORIZED, send(check(UFRAG, PASSWORD, false), A, 2).outcome());
  }

  @Test
  void laterNominationSwitchesTheSelectedTuple() {
    send(check(UFRAG, PASSWORD, true), A, 0);
    IceCheckResult r = send(check(UFRAG, PASSWORD, false), B, 10);
    assertFalse(r.selectedTupleChanged());
    assertEquals(A, server.selectedTuple());
    assertTrue(server.isValidTuple(B));
    r = send(check(UFRAG, PASSWORD, true), B, 20);
    assertTrue(r.selectedTupleChanged());
    assertFalse(r.stateChanged());
    assertEquals(B, server.selectedTuple());
    assertEquals(IceState.COMPLETED, server.state());
  }

  @Test
  void tuplesAreBoundedAndTheSelectedOneIsNeverEvicted() {
    send(check(UFRAG, PASSWORD, true), A, 0);
    for (int i = 0; i < 20; i++) {
      send(check(UFRAG, PASSWORD, false), new InetSocketAddress("127.0.0.1", 50000 + i), i + 1);
    }
    assertEquals(IceServer.MAX_TUPLES, server.tuples().size());
    assertTrue(server.isValidTuple(A));
    assertTrue(server.isValidTuple(new InetSocketAddress("127.0.0.1", 50019)));
    assertFalse(server.isValidTuple(new InetSocketAddress("127.0.0.1", 50000)));
  }

  @Test
  void closedServerIgnoresEverything() {
    send(check(UFRAG, PASSWORD, true), A, 0);
    server.close();
    IceCheckResult r = send(check(UFRAG, PASSWORD, true), A, 1);
    assertEquals(Outcome.IGNORED, r.outcome());
    assertFalse(r.hasResponse());
    assertEquals(IceState.CLOSED, server.state());
    assertFalse(server.tick(100_000));
  }

  @Test
  void credentialsAreValidated() {
    String ufrag = IceCredentials.randomUsernameFragment();
    String password = IceCredentials.randomPassword();
    assertTrue(IceCredentials.isIceString(ufrag, 16));
    assertTrue(IceCredentials.isIceString(password, 32));
    assertFalse(ufrag.equals(IceCredentials.randomUsernameFragment()));
    assertThrows(IllegalArgumentException.class, () -> new IceServer("abc", PASSWORD));
    assertThrows(IllegalArgumentException.class, () -> new IceServer(UFRAG, "tooShort"));
    assertThrows(IllegalArgumentException.class, () -> new IceServer("bad:ufrag", PASSWORD));
  }

  @Test
  void untrustedDatagramsNeverThrow() {
    Random random = new Random(7);
    byte[] valid = check(UFRAG, PASSWORD, true);
    for (int i = 0; i < 30_000; i++) {
      byte[] buf;
      if (random.nextBoolean()) {
        buf = new byte[random.nextInt(120)];
        random.nextBytes(buf);
      } else {
        buf = valid.clone();
        buf[random.nextInt(buf.length)] ^= (byte) (1 << random.nextInt(8));
      }
      IceCheckResult r = server.handle(buf, 0, buf.length, A, i);
      if (r.hasResponse()) {
        assertNotNull(StunMessage.parse(r.responseBytes(), 0, r.responseLength()));
      }
      server.tick(i);
    }
  }
}
