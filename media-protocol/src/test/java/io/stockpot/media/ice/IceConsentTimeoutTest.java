package io.stockpot.media.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.stun.MessageIntegrity;
import io.stockpot.media.stun.StunMessageWriter;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The consent timeout is configurable (mediasoup's iceConsentTimeout); 0 turns expiry off. */
class IceConsentTimeoutTest {
  private static final String UFRAG = "srvUfrag0123ABCD";
  private static final String PASSWORD = "srvPassword0123456789abcdefghij+/";
  private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 40001);

  private static void check(IceServer server, long now) {
    StunMessageWriter writer = new StunMessageWriter();
    IceRequests.writeCheck(
        writer,
        StunMessageWriter.randomTransactionId(),
        UFRAG,
        "cli1",
        MessageIntegrity.shortTerm(PASSWORD),
        1_853_817_087L,
        42L,
        true);
    byte[] msg = writer.toByteArray();
    assertEquals(
        IceCheckResult.Outcome.SUCCESS, server.handle(msg, 0, msg.length, A, now).outcome());
  }

  @Test
  void aShorterTimeoutDisconnectsSooner() {
    IceServer server = new IceServer(UFRAG, PASSWORD);
    server.setConsentTimeoutMillis(3_000);
    check(server, 1_000);
    assertFalse(server.tick(3_999));
    assertTrue(server.tick(4_000));
    assertEquals(IceState.DISCONNECTED, server.state());
    assertNull(server.selectedTuple());
    assertFalse(server.isValidTuple(A));
  }

  @Test
  void zeroMeansConsentNeverExpires() {
    IceServer server = new IceServer(UFRAG, PASSWORD);
    server.setConsentTimeoutMillis(0);
    check(server, 1_000);
    assertFalse(server.tick(10_000_000));
    assertEquals(IceState.COMPLETED, server.state());
    assertEquals(A, server.selectedTuple());
  }
}
