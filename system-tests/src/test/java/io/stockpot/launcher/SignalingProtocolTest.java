package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.peer.JavaPeer;
import io.stockpot.peer.PeerOptions;
import io.stockpot.testkit.ProtooTestClient;
import io.stockpot.testkit.ProtooTestClient.Transport;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The protoo protocol over both transports against a real single node. */
class SignalingProtocolTest {
  private static Node node;
  private final List<ProtooTestClient> clients = new ArrayList<>();

  @BeforeAll
  static void startNode() {
    node = TestNode.start("protocol-test", "42000-42039", "--room-close-delay", "300");
  }

  @AfterAll
  static void stopNode() {
    Waits.await(node.stop());
  }

  @AfterEach
  void closeClients() {
    clients.forEach(ProtooTestClient::close);
  }

  private ProtooTestClient connect(Transport t, String peerId, String roomId) {
    ProtooTestClient c =
        ProtooTestClient.connect(
            node.vertx(), t, node.httpPort(), "peerId=" + peerId + "&roomId=" + roomId);
    clients.add(c);
    return c;
  }

  private static String room() {
    return "room-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonObject joinData(ProtooTestClient c, String name) {
    JsonObject caps = c.requestOk("getRouterRtpCapabilities", null);
    return new JsonObject()
        .put("rtpCapabilities", caps)
        .put("displayName", name)
        .put("device", new JsonObject().put("name", "test"));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void routerCapabilitiesHaveMediasoupShape(Transport t) {
    ProtooTestClient c = connect(t, "alice", room());
    JsonObject caps = c.requestOk("getRouterRtpCapabilities", null);
    JsonArray codecs = caps.getJsonArray("codecs");
    List<String> mimes = new ArrayList<>();
    for (int i = 0; i < codecs.size(); i++) {
      JsonObject codec = codecs.getJsonObject(i);
      mimes.add(codec.getString("mimeType"));
      for (String field : List.of("kind", "mimeType", "clockRate", "parameters", "rtcpFeedback")) {
        assertTrue(codec.containsKey(field), field + " missing in " + codec);
      }
      int pt = codec.getInteger("preferredPayloadType");
      assertTrue((pt >= 96 && pt <= 127), "dynamic payload type: " + pt);
      if ("audio".equals(codec.getString("kind"))) {
        assertEquals(2, codec.getInteger("channels"));
      }
      if ("video".equals(codec.getString("kind")) && !codec.getString("mimeType").endsWith("rtx")) {
        JsonObject rtx = codecs.getJsonObject(i + 1);
        assertEquals("video/rtx", rtx.getString("mimeType"), "rtx follows " + codec);
        assertEquals(pt, rtx.getJsonObject("parameters").getInteger("apt"));
        List<String> fb =
            codec.getJsonArray("rtcpFeedback").stream()
                .map(
                    o ->
                        ((JsonObject) o).getString("type")
                            + " "
                            + ((JsonObject) o).getString("parameter"))
                .map(String::trim)
                .toList();
        assertTrue(
            fb.containsAll(List.of("nack", "nack pli", "ccm fir", "goog-remb", "transport-cc")),
            fb.toString());
      }
    }
    assertEquals(
        List.of(
            "audio/opus",
            "video/VP8",
            "video/rtx",
            "video/VP9",
            "video/rtx",
            "video/H264",
            "video/rtx",
            "video/H264",
            "video/rtx"),
        mimes);
    assertEquals(100, codecs.getJsonObject(0).getInteger("preferredPayloadType"));
    JsonArray exts = caps.getJsonArray("headerExtensions");
    assertFalse(exts.isEmpty());
    for (Object o : exts) {
      JsonObject ext = (JsonObject) o;
      for (String field : List.of("kind", "uri", "preferredId", "preferredEncrypt", "direction")) {
        assertTrue(ext.containsKey(field), field + " missing in " + ext);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void peersSeeEachOtherComeAndGo(Transport t) throws Exception {
    String room = room();
    ProtooTestClient alice = connect(t, "alice", room);
    JsonObject joined = alice.requestOk("join", joinData(alice, "Alice"));
    assertEquals(0, joined.getJsonArray("peers").size());

    ProtooTestClient bob = connect(t, "bob", room);
    JsonArray peers = bob.requestOk("join", joinData(bob, "Bob")).getJsonArray("peers");
    assertEquals(1, peers.size());
    assertEquals("alice", peers.getJsonObject(0).getString("id"));
    assertEquals("Alice", peers.getJsonObject(0).getString("displayName"));
    assertEquals("test", peers.getJsonObject(0).getJsonObject("device").getString("name"));

    JsonObject newPeer = alice.awaitNotification("newPeer");
    assertEquals("bob", newPeer.getString("id"));
    assertEquals("Bob", newPeer.getString("displayName"));

    bob.requestOk("changeDisplayName", new JsonObject().put("displayName", "Robert"));
    JsonObject renamed = alice.awaitNotification("peerDisplayNameChanged");
    assertEquals("Robert", renamed.getString("displayName"));
    assertEquals("Bob", renamed.getString("oldDisplayName"));

    bob.close();
    assertEquals("bob", alice.awaitNotification("peerClosed").getString("peerId"));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void everyBadRequestGetsAnError(Transport t) throws Exception {
    String room = room();
    ProtooTestClient c = connect(t, "mallory", room);

    c.sendRaw("{not json");
    assertError(c.nextUnmatched(), 400, "malformed JSON");
    c.sendRaw("[1,2,3]");
    assertError(c.nextUnmatched(), 400, "malformed JSON");
    c.sendRaw("{\"hello\":1}");
    assertError(c.nextUnmatched(), 400, "not a protoo message");
    c.sendRaw("{\"request\":true,\"method\":\"join\"}");
    assertError(c.nextUnmatched(), 400, "'id'");
    c.sendRaw("{\"request\":true,\"id\":77}");
    JsonObject noMethod = c.nextUnmatched();
    assertError(noMethod, 400, "'method'");
    assertEquals(77, noMethod.getInteger("id"));
    c.sendRaw("{\"request\":true,\"id\":78,\"method\":\"join\",\"data\":[1]}");
    assertError(c.nextUnmatched(), 400, "'data'");
    c.sendRaw("x".repeat(200_000));
    assertError(c.nextUnmatched(), 413, "larger");

    assertError(c.request("noSuchMethod", new JsonObject()), 404, "unknown method");
    assertError(c.request("stockpot.peerLeft", new JsonObject()), 404, "unknown method");
    assertError(
        c.request("changeDisplayName", new JsonObject().put("displayName", "x")),
        403,
        "not joined");
    assertError(c.request("join", new JsonObject()), 400, "rtpCapabilities");
    assertError(
        c.request("join", new JsonObject().put("rtpCapabilities", "opus")), 400, "rtpCapabilities");
    assertError(
        c.request("join", new JsonObject().put("rtpCapabilities", new JsonObject())),
        400,
        "codecs");
    JsonObject data = joinData(c, "Mallory");
    assertError(c.request("join", data.copy().put("displayName", 42)), 400, "displayName");
    c.requestOk("join", data);
    assertError(c.request("join", data), 409, "already joined");
    assertError(c.request("changeDisplayName", new JsonObject()), 400, "displayName");

    // After all that the session and the room still work.
    ProtooTestClient other = connect(t, "trent", room);
    assertEquals(1, other.requestOk("join", joinData(other, "Trent")).getJsonArray("peers").size());
    assertEquals("trent", c.awaitNotification("newPeer").getString("id"));
  }

  private static JsonObject dtls(JsonObject... fingerprints) {
    return new JsonObject()
        .put("role", "client")
        .put("fingerprints", new JsonArray(List.of((Object[]) fingerprints)));
  }

  private static JsonObject fingerprint(String algorithm, int bytes) {
    StringBuilder value = new StringBuilder();
    for (int i = 0; i < bytes; i++) {
      value.append(i == 0 ? "" : ":").append("AB");
    }
    return new JsonObject().put("algorithm", algorithm).put("value", value.toString());
  }

  /** RFC 8122 §5 as browsers and mediasoup apply it: SHA-1 alone does not authenticate a peer. */
  @ParameterizedTest
  @EnumSource(Transport.class)
  void aConnectWithOnlySha1FingerprintsIsRefusedWithAClearError(Transport t) {
    ProtooTestClient c = connect(t, "sha1", room());
    String id = c.requestOk("createWebRtcTransport", new JsonObject()).getString("id");
    JsonObject sha1 = fingerprint("sha-1", 20);
    assertError(
        c.request(
            "connectWebRtcTransport",
            new JsonObject().put("transportId", id).put("dtlsParameters", dtls(sha1))),
        400,
        "only a sha-1 fingerprint was signalled; sha-256 (or sha-224, sha-384, sha-512) is required");
    // The refusal left the transport unconnected: a proper fingerprint set is still accepted.
    c.requestOk(
        "connectWebRtcTransport",
        new JsonObject()
            .put("transportId", id)
            .put("dtlsParameters", dtls(sha1, fingerprint("sha-256", 32))));
  }

  /**
   * A browser still setting a consumer up when the server stops waiting for its answer must learn
   * that the consumer is gone, or it would keep a consumer the server no longer has.
   */
  @Test
  void aNewConsumerNotAnsweredInTimeIsAnnouncedClosed() throws Exception {
    String room = room();
    ProtooTestClient slow = connect(Transport.WEBSOCKET, "slow", room);
    slow.requestOk(
        "createWebRtcTransport", new JsonObject().put("producing", false).put("consuming", true));
    slow.requestOk("join", joinData(slow, "Slow"));
    JavaPeer sender =
        Waits.await(
            JavaPeer.connect(
                node.vertx(),
                "127.0.0.1",
                node.httpPort(),
                room,
                "sender",
                PeerOptions.defaults().withConsume(false)),
            Duration.ofSeconds(20));
    Waits.await(sender.produceAudio());
    JsonObject request = slow.nextUnmatched();
    assertEquals("newConsumer", request.getString("method"), request.encode());
    String consumerId = request.getJsonObject("data").getString("id");
    // Never answered: the server gives up on it and says so.
    Waits.until(
        "consumerClosed for the unanswered consumer",
        Duration.ofSeconds(30),
        () ->
            slow.drainNotifications().stream()
                .anyMatch(
                    n ->
                        "consumerClosed".equals(n.getString("method"))
                            && consumerId.equals(n.getJsonObject("data").getString("consumerId"))));
    Waits.await(sender.close());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aFloodOfRequestsIsThrottledAndTheSessionGoesOn(Transport t) throws Exception {
    ProtooTestClient c = connect(t, "flooder", room());
    int ok = 0;
    int throttled = 0;
    java.util.List<io.vertx.core.Future<JsonObject>> all = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      all.add(c.requestAsync("getRouterRtpCapabilities", null));
    }
    for (var f : all) {
      JsonObject r = Waits.await(f);
      if (r.getBoolean("ok")) {
        ok++;
      } else {
        assertEquals(429, r.getInteger("errorCode"), r.encode());
        throttled++;
      }
    }
    assertTrue(ok >= 200 && throttled > 0, ok + " ok, " + throttled + " throttled");
    Thread.sleep(200);
    c.requestOk("getRouterRtpCapabilities", null);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void connectionsWithoutValidIdsAreRefused(Transport t) {
    for (String query :
        List.of("roomId=abc", "peerId=", "peerId=a%20b", "peerId=ok&roomId=bad/room")) {
      var attempt = ProtooTestClient.tryConnect(node.vertx(), t, node.httpPort(), query);
      Waits.until("refusal of " + query, Duration.ofSeconds(20), attempt::isComplete);
      if (attempt.succeeded()) {
        // SockJS opens the session before the server can look at it: it must close it at once.
        String why = attempt.result().awaitClosed();
        attempt.result().close();
        assertTrue(why.contains("4400"), "'" + query + "' closed with 4400, got " + why);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void secondConnectionOfAPeerReplacesTheFirst(Transport t) throws Exception {
    String room = room();
    ProtooTestClient watcher = connect(t, "watcher", room);
    watcher.requestOk("join", joinData(watcher, "W"));
    ProtooTestClient first = connect(t, "carol", room);
    first.requestOk("join", joinData(first, "Carol"));
    assertEquals("carol", watcher.awaitNotification("newPeer").getString("id"));

    ProtooTestClient second = connect(t, "carol", room);
    JsonArray peers =
        second.requestOk("join", joinData(second, "Carol again")).getJsonArray("peers");
    assertEquals(1, peers.size(), "only the watcher, not the replaced carol: " + peers);
    String why = first.awaitClosed();
    assertTrue(why.contains("replaced"), "old connection told why: " + why);
    assertEquals("carol", watcher.awaitNotification("peerClosed").getString("peerId"));
    assertEquals("Carol again", watcher.awaitNotification("newPeer").getString("displayName"));
    // The new session works; the old one's departure must not remove the new peer.
    second.requestOk("changeDisplayName", new JsonObject().put("displayName", "C"));
    assertEquals("C", watcher.awaitNotification("peerDisplayNameChanged").getString("displayName"));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void emptyRoomClosesAndFreesItsPorts(Transport t) throws Exception {
    String room = room();
    ProtooTestClient c = connect(t, "dave", room);
    c.requestOk("join", joinData(c, "Dave"));
    JsonObject hosted = roomStatus(room);
    assertNotNull(hosted, "room is open on the node");
    int port = hosted.getJsonArray("ports").getInteger(0);
    assertTrue(portInUse(port), "room's UDP port " + port + " is bound");

    c.close();
    Waits.until(
        "room " + room + " to close", Duration.ofSeconds(20), () -> roomStatus(room) == null);
    Waits.until("port " + port + " to be freed", Duration.ofSeconds(20), () -> !portInUse(port));
  }

  private static JsonObject roomStatus(String roomId) {
    JsonArray rooms = Waits.await(node.status()).getJsonArray("rooms");
    for (Object o : rooms) {
      if (roomId.equals(((JsonObject) o).getString("roomId"))) {
        return (JsonObject) o;
      }
    }
    return null;
  }

  static boolean portInUse(int port) {
    try (DatagramSocket s = new DatagramSocket(port, InetAddress.getByName("127.0.0.1"))) {
      return false;
    } catch (SocketException e) {
      return true;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertError(JsonObject response, int code, String reasonPart) {
    assertEquals(Boolean.TRUE, response.getBoolean("response"), response.encode());
    assertEquals(Boolean.FALSE, response.getBoolean("ok"), response.encode());
    assertEquals(code, response.getInteger("errorCode"), response.encode());
    assertTrue(
        response.getString("errorReason", "").contains(reasonPart),
        "'" + reasonPart + "' in " + response.encode());
  }
}
