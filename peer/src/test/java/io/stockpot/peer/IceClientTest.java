package io.stockpot.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.ice.IceCheckResult;
import io.stockpot.media.ice.IceServer;
import io.stockpot.media.ice.IceState;
import io.stockpot.media.stun.MessageIntegrity;
import io.stockpot.media.stun.StunHeader;
import io.stockpot.media.stun.StunMessageWriter;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The controlling checks against Stockpot's own ICE-lite server, without a network. */
class IceClientTest {
  private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 50000);

  private final IceServer server = new IceServer();

  private byte[] check(IceClient client, long now) {
    int len = client.writeCheck(now);
    return Arrays.copyOf(client.buffer(), len);
  }

  @Test
  void aCheckNominatesAndItsResponseConnects() {
    IceClient client = new IceClient(server.usernameFragment(), server.password(), "abcdABCD");
    assertEquals(0, client.nextCheckNanos(0) - 0, "the first check is due at once");
    byte[] request = check(client, 0);
    IceCheckResult r = server.handle(request, 0, request.length, FROM, 0);
    assertEquals(IceCheckResult.Outcome.SUCCESS, r.outcome());
    assertTrue(r.nominated());
    assertEquals(IceState.COMPLETED, server.state());
    assertEquals(IceClient.CHECK_INTERVAL_NANOS, client.nextCheckNanos(1), "retransmit soon");
    byte[] response = r.responseBytes();
    assertTrue(client.onStun(response, 0, response.length, 10));
    assertTrue(client.connected(10));
    assertEquals(IceClient.CONSENT_INTERVAL_NANOS, client.nextCheckNanos(11), "then consent");
    assertFalse(client.connected(10 + IceClient.CONSENT_TIMEOUT_NANOS), "consent expires");
    assertEquals(1, client.successes());
  }

  @Test
  void aLateAnswerToAnEarlierRetransmissionStillCounts() {
    IceClient client = new IceClient(server.usernameFragment(), server.password(), "abcdABCD");
    byte[] first = check(client, 0);
    check(client, 50);
    byte[] response = server.handle(first, 0, first.length, FROM, 0).responseBytes();
    assertTrue(client.onStun(response, 0, response.length, 60));
  }

  @Test
  void answersSignedWithAnotherPasswordOrForeignTransactionsAreRejected() {
    IceServer other = new IceServer(server.usernameFragment(), "ZZZZZZZZZZZZZZZZZZZZZZZZZZ");
    IceClient client = new IceClient(server.usernameFragment(), server.password(), "abcdABCD");
    IceClient forOther = new IceClient(server.usernameFragment(), other.password(), "abcdABCD");
    byte[] request = check(forOther, 0);
    byte[] forged = other.handle(request, 0, request.length, FROM, 0).responseBytes();
    check(client, 0);
    assertFalse(client.onStun(forged, 0, forged.length, 1));
    byte[] ours = check(client, 0);
    byte[] response = server.handle(ours, 0, ours.length, FROM, 0).responseBytes();
    response[response.length - 30] ^= 1; // inside MESSAGE-INTEGRITY
    assertFalse(client.onStun(response, 0, response.length, 1));
    assertEquals(2, client.rejected());
    assertFalse(client.everConnected());
  }

  @Test
  void errorResponsesAreCountedNotTakenAsSuccess() {
    IceClient client = new IceClient(server.usernameFragment(), server.password(), "abcdABCD");
    byte[] check = check(client, 0);
    // The same transaction, but claiming the controlled role: the server answers a signed 487.
    StunMessageWriter writer = new StunMessageWriter();
    writer
        .begin(StunHeader.CLASS_REQUEST, StunHeader.METHOD_BINDING, check, 8)
        .addUsername(server.usernameFragment() + ":abcdABCD")
        .addPriority(1)
        .addIceControlled(1)
        .addMessageIntegrity(MessageIntegrity.shortTerm(server.password()))
        .addFingerprint();
    byte[] conflicting = writer.toByteArray();
    IceCheckResult r = server.handle(conflicting, 0, conflicting.length, FROM, 0);
    assertEquals(IceCheckResult.Outcome.ROLE_CONFLICT, r.outcome());
    byte[] error = r.responseBytes();
    assertFalse(client.onStun(error, 0, error.length, 1));
    assertEquals(1, client.errorResponses());
    assertFalse(client.everConnected());
  }

  private static int diffAt(byte[] a, byte[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        return i;
      }
    }
    return a.length == b.length ? -1 : Math.min(a.length, b.length);
  }

  @Test
  void randomAndMutatedStunNeverThrows() {
    IceClient client = new IceClient(server.usernameFragment(), server.password(), "abcdABCD");
    byte[] request = check(client, 0);
    byte[] response = server.handle(request, 0, request.length, FROM, 0).responseBytes();
    int protectedEnd = response.length - 8; // everything up to FINGERPRINT
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = new byte[random.nextInt(120)];
        random.nextBytes(input);
      } else {
        input = Arrays.copyOf(response, random.nextInt(response.length + 4));
        if (input.length > 0) {
          input[random.nextInt(input.length)] ^= (byte) (1 + random.nextInt(255));
        }
      }
      if (client.onStun(input, 0, input.length, 1)) {
        // Only what follows MESSAGE-INTEGRITY is unauthenticated (and ignored, RFC 5389 §15.4).
        int diff = diffAt(input, response);
        assertTrue(diff < 0 || diff >= protectedEnd, "accepted a change at byte " + diff);
      }
    }
  }
}
