package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.testkit.ProtooTestClient;
import io.stockpot.testkit.ProtooTestClient.Transport;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.Future;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits that keep one client from taking what others need, each with a clear refusal. */
class RoomLimitsTest {
  private static Node node;
  private final List<ProtooTestClient> clients = new ArrayList<>();

  @BeforeAll
  static void startNode() {
    node =
        TestNode.start(
            "limits-test",
            "42300-42339",
            "--max-peers-per-room",
            "2",
            "--max-producers-per-peer",
            "1",
            "--max-transports-per-peer",
            "2",
            "--max-connections-per-ip",
            "4");
  }

  @AfterAll
  static void stopNode() {
    Waits.await(node.stop());
  }

  @AfterEach
  void closeClients() {
    clients.forEach(ProtooTestClient::close);
    // Each closed connection gives its slot back: the next test starts with all four.
    Waits.until("connections released", Duration.ofSeconds(10), () -> openSessions() == 0);
  }

  private ProtooTestClient connect(String peerId, String roomId) {
    ProtooTestClient c =
        ProtooTestClient.connect(
            node.vertx(),
            Transport.WEBSOCKET,
            node.httpPort(),
            "peerId=" + peerId + "&roomId=" + roomId);
    clients.add(c);
    return c;
  }

  private static String room() {
    return "room-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonObject joinData(ProtooTestClient c) {
    return new JsonObject().put("rtpCapabilities", c.requestOk("getRouterRtpCapabilities", null));
  }

  private static int openSessions() {
    return signaling().getInteger("openSessions");
  }

  private static JsonObject signaling() {
    return Waits.await(
            node.vertx()
                .createHttpClient()
                .request(io.vertx.core.http.HttpMethod.GET, node.httpPort(), "127.0.0.1", "/health")
                .compose(req -> req.send())
                .compose(resp -> resp.body()))
        .toJsonObject()
        .getJsonObject("signaling");
  }

  private static void assertRefused(JsonObject response, int code, String reasonPart) {
    assertFalse(response.getBoolean("ok"), response.encode());
    assertEquals(code, response.getInteger("errorCode"), response.encode());
    assertTrue(response.getString("errorReason").contains(reasonPart), response.encode());
  }

  @Test
  void aFullRoomRefusesTheNextPeer() {
    String room = room();
    ProtooTestClient a = connect("a", room);
    a.requestOk("join", joinData(a));
    ProtooTestClient b = connect("b", room);
    b.requestOk("join", joinData(b));
    ProtooTestClient c = connect("c", room);
    assertRefused(c.request("getRouterRtpCapabilities", null), 429, "room is full");
    // The peers inside go on; another room is not affected.
    a.requestOk("changeDisplayName", new JsonObject().put("displayName", "A"));
    ProtooTestClient d = connect("d", room());
    d.requestOk("join", joinData(d));
  }

  @Test
  void aPeerHasAtMostItsTransportsAndProducers() {
    ProtooTestClient p = connect("producer", room());
    p.requestOk("join", joinData(p));
    JsonObject sending = new JsonObject().put("producing", true).put("consuming", false);
    String transportId = p.requestOk("createWebRtcTransport", sending).getString("id");
    p.requestOk("createWebRtcTransport", sending);
    assertRefused(p.request("createWebRtcTransport", sending), 429, "at most 2 transports");
    p.requestOk("produce", RoomTokenTest.produceData(transportId, 1111, "0"));
    assertRefused(
        p.request("produce", RoomTokenTest.produceData(transportId, 2222, "1")),
        429,
        "at most 1 producers");
  }

  @Test
  void oneAddressHasAtMostItsConnections() {
    for (int i = 0; i < 4; i++) {
      connect("peer" + i, room());
    }
    Future<ProtooTestClient> fifth =
        ProtooTestClient.tryConnect(
            node.vertx(), Transport.WEBSOCKET, node.httpPort(), "peerId=fifth&roomId=x");
    Waits.until("fifth connection refused", Duration.ofSeconds(10), fifth::isComplete);
    assertTrue(fifth.failed(), "fifth connection from one address refused");
    UpgradeRejectedException e = (UpgradeRejectedException) fifth.cause();
    assertEquals(429, e.getStatus());
    assertTrue(e.getBody().toString().contains("too many connections"), e.getBody().toString());
    assertTrue(signaling().getLong("refusedConnectionsPerIp") >= 1);

    // A closed connection frees its slot.
    clients.remove(0).close();
    Waits.until("slot freed", Duration.ofSeconds(10), () -> openSessions() == 3);
    connect("sixth", room()).requestOk("getRouterRtpCapabilities", null);
  }
}
