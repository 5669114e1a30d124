package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.peer.JavaPeer;
import io.stockpot.peer.PeerOptions;
import io.stockpot.peer.PeerTransport;
import io.stockpot.peer.TransportStats;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 7675 consent on a real node (mediasoup's iceConsentTimeout, here 3 s): a Java peer that keeps
 * its signaling connection and its media but stops answering for its path — no more STUN checks —
 * is closed by the server: its transports, producers and consumers go, its port share is freed and
 * the other peer gets {@code consumerClosed} and {@code peerClosed}. A peer that keeps checking
 * stays.
 */
class IceConsentTimeoutTest {
  private static final int TIMEOUT_S = 3;
  private Node node;

  @BeforeEach
  void start() {
    node =
        TestNode.start(
            "consent-test",
            "45700-45739",
            "--ice-consent-timeout",
            Integer.toString(TIMEOUT_S),
            "--room-close-delay",
            "300");
  }

  @AfterEach
  void stop() {
    Waits.await(node.stop());
  }

  private JavaPeer peer(String id) {
    return Waits.await(
        JavaPeer.connect(
            node.vertx(),
            "127.0.0.1",
            node.httpPort(),
            "consent",
            id,
            PeerOptions.defaults().withConsume(true)),
        Duration.ofSeconds(60));
  }

  private JsonObject room() {
    JsonArray rooms = Waits.await(node.status()).getJsonArray("rooms");
    return rooms.isEmpty() ? null : rooms.getJsonObject(0);
  }

  private static long consumedPackets(JavaPeer peer) {
    long sum = 0;
    for (TransportStats t : peer.stats().transports()) {
      for (TransportStats.ReceivedStreamStats r : t.received()) {
        if (r.consumerId() != null) {
          sum += r.packets();
        }
      }
    }
    return sum;
  }

  @Test
  void aPeerThatStopsCheckingIsClosedAndTheOtherOneStays() throws Exception {
    JavaPeer alice = peer("alice");
    Waits.await(alice.produceAudio());
    Waits.await(alice.produceVideo(300_000));
    JavaPeer bob = peer("bob");
    Waits.await(bob.produceAudio());
    Waits.until(
        "bob receives alice's media",
        Duration.ofSeconds(60),
        () -> bob.stats().consumers() == 2 && consumedPackets(bob) > 100);
    JsonObject before = room();
    assertEquals(3, before.getInteger("producers"), before.encode());

    long silentAt = System.nanoTime();
    alice.transports().forEach(PeerTransport::stopConsentChecks);
    Waits.until(
        "the server to close alice after losing consent",
        Duration.ofSeconds(60),
        () -> bob.stats().notifications().getOrDefault("peerClosed", 0L) >= 1);
    System.out.printf(
        "consent: alice closed %d ms after her last STUN check (timeout %d s)%n",
        (System.nanoTime() - silentAt) / 1_000_000, TIMEOUT_S);

    JsonObject after = room();
    assertEquals(new JsonArray().add("bob"), after.getJsonArray("peers"), after.encode());
    assertEquals(1, after.getInteger("producers"), after.encode()); // bob's audio only
    assertEquals(0, after.getInteger("consumers"), after.encode()); // nobody consumes bob now
    JsonObject closed = after.getJsonObject("iceConsentClosed");
    assertEquals(2L, closed.getLong("transports"), after.encode());
    assertEquals(1L, closed.getLong("peers"), after.encode());
    assertTrue(
        bob.stats().notifications().getOrDefault("consumerClosed", 0L) >= 2,
        bob.stats().notifications().toString());
    // Bob's transports, still checking, are alive twice the timeout later.
    Thread.sleep(2_000L * TIMEOUT_S);
    JsonObject later = room();
    JsonObject bobStats = later.getJsonArray("peerStats").getJsonObject(0);
    assertEquals(2, bobStats.getJsonArray("transports").size(), later.encode());
    assertEquals(1L, later.getJsonObject("iceConsentClosed").getLong("peers"), later.encode());

    // Bob leaves too: the room closes and its port slice returns to the node.
    int freeBefore = Waits.await(node.status()).getInteger("freePortSlices");
    Waits.await(bob.close());
    Waits.await(alice.close());
    Waits.until("the empty room to close", Duration.ofSeconds(30), () -> room() == null);
    Waits.until(
        "the room's port slice to be freed",
        Duration.ofSeconds(30),
        () -> Waits.await(node.status()).getInteger("freePortSlices") == freeBefore + 1);
  }
}
