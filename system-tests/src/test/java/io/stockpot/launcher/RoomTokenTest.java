package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.auth.RoomTokens;
import io.stockpot.testkit.ProtooTestClient;
import io.stockpot.testkit.ProtooTestClient.Transport;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.Future;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Room tokens against real nodes, over both transports: one node verifies HS256 tokens (a shared
 * secret), another ES256 tokens (a public key file).
 */
class RoomTokenTest {
  private static final String SECRET = "room-token-test-secret-0123456789";
  private static Node node;
  private static Node ecNode;
  private static RoomTokens tokens;
  private static RoomTokens ecMinter;
  private final List<ProtooTestClient> clients = new ArrayList<>();

  @BeforeAll
  static void startNodes(@TempDir Path dir) throws Exception {
    node = TestNode.start("token-test", "42200-42239", "--jwt-secret", SECRET);
    tokens = RoomTokens.hs256(node.vertx(), SECRET);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Path publicKey = dir.resolve("room-tokens.pub.pem");
    Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    ecNode =
        TestNode.start("token-test-ec", "42240-42279", "--jwt-public-key", publicKey.toString());
    ecMinter =
        RoomTokens.privateKey(node.vertx(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
  }

  @AfterAll
  static void stopNodes() {
    Waits.await(node.stop());
    Waits.await(ecNode.stop());
  }

  @AfterEach
  void closeClients() {
    clients.forEach(ProtooTestClient::close);
  }

  static String pem(String kind, byte[] der) {
    return "-----BEGIN "
        + kind
        + "-----\n"
        + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END "
        + kind
        + "-----\n";
  }

  private static String room() {
    return "room-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private ProtooTestClient connect(Node n, Transport t, String query) {
    ProtooTestClient c = ProtooTestClient.connect(n.vertx(), t, n.httpPort(), query);
    clients.add(c);
    return c;
  }

  private static String token(String room, String peer, String... grants) {
    return tokens.mint(
        room,
        peer,
        peer.toUpperCase(java.util.Locale.ROOT),
        grants.length == 0 ? RoomToken.DEFAULT_GRANTS : Set.of(grants),
        600);
  }

  /** The connection is refused: HTTP status for the WebSocket upgrade, close code over SockJS. */
  private static String refusal(Node n, Transport t, String query) {
    Future<ProtooTestClient> attempt =
        ProtooTestClient.tryConnect(n.vertx(), t, n.httpPort(), query);
    Waits.until("refusal of " + query, Duration.ofSeconds(10), attempt::isComplete);
    if (t == Transport.WEBSOCKET) {
      assertTrue(attempt.failed(), "upgrade refused for " + query);
      assertTrue(attempt.cause() instanceof UpgradeRejectedException, attempt.cause().toString());
      UpgradeRejectedException e = (UpgradeRejectedException) attempt.cause();
      return e.getStatus() + " " + e.getBody();
    }
    // SockJS opens before the server can look at the query: it closes at once, saying why.
    String why = attempt.result().awaitClosed();
    attempt.result().close();
    return why;
  }

  private static int openSessions(Node n) {
    return Waits.await(
            n.vertx()
                .createHttpClient()
                .request(io.vertx.core.http.HttpMethod.GET, n.httpPort(), "127.0.0.1", "/health")
                .compose(req -> req.send())
                .compose(resp -> resp.body()))
        .toJsonObject()
        .getJsonObject("signaling")
        .getInteger("openSessions");
  }

  private static JsonObject joinData(ProtooTestClient c) {
    return new JsonObject().put("rtpCapabilities", c.requestOk("getRouterRtpCapabilities", null));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void connectionsWithoutAValidTokenAreRefusedAndGetNoSession(Transport t) {
    String room = room();
    String expired =
        tokens.mintExpiringAt(
            room, "eve", null, RoomToken.DEFAULT_GRANTS, System.currentTimeMillis() / 1000 - 3600);
    String forged =
        RoomTokens.hs256(node.vertx(), "some-other-secret-0123456789")
            .mint(room, "eve", null, RoomToken.DEFAULT_GRANTS, 600);
    String missing = refusal(node, t, "roomId=" + room + "&peerId=eve");
    String late = refusal(node, t, "token=" + expired);
    String badSignature = refusal(node, t, "token=" + forged);
    String otherRoom = refusal(node, t, "roomId=elsewhere&token=" + token(room, "eve"));
    String otherPeer = refusal(node, t, "peerId=mallory&token=" + token(room, "eve"));
    String code401 = t == Transport.WEBSOCKET ? "401" : "4401";
    String code403 = t == Transport.WEBSOCKET ? "403" : "4403";
    assertTrue(missing.startsWith(code401) && missing.contains("token missing"), missing);
    assertTrue(late.startsWith(code401) && late.contains("token expired"), late);
    assertTrue(
        badSignature.startsWith(code401) && badSignature.contains("signature"), badSignature);
    assertTrue(otherRoom.startsWith(code403) && otherRoom.contains("for room"), otherRoom);
    assertTrue(otherPeer.startsWith(code403) && otherPeer.contains("for peer 'eve'"), otherPeer);
    assertEquals(0, openSessions(node), "no refused connection keeps a session");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void theTokenSaysTheRoomAndThePeer(Transport t) throws Exception {
    String room = room();
    ProtooTestClient alice = connect(node, t, "token=" + token(room, "alice"));
    alice.requestOk("join", joinData(alice));
    // The URL may repeat the token's ids.
    ProtooTestClient bob =
        connect(node, t, "roomId=" + room + "&peerId=bob&token=" + token(room, "bob"));
    JsonArray peers = bob.requestOk("join", joinData(bob)).getJsonArray("peers");
    assertEquals("alice", peers.getJsonObject(0).getString("id"), peers.encode());
    assertEquals("bob", alice.awaitNotification("newPeer").getString("id"));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aSubscribeOnlyPeerCannotProduce(Transport t) {
    String room = room();
    ProtooTestClient viewer = connect(node, t, "token=" + token(room, "viewer", "subscribe"));
    viewer.requestOk("join", joinData(viewer));
    String transportId =
        viewer
            .requestOk(
                "createWebRtcTransport",
                new JsonObject().put("producing", true).put("consuming", false))
            .getString("id");
    JsonObject refused = viewer.request("produce", produceData(transportId));
    assertFalse(refused.getBoolean("ok"), refused.encode());
    assertEquals(403, refused.getInteger("errorCode"), refused.encode());
    assertTrue(refused.getString("errorReason").contains("'publish'"), refused.encode());
    // The refusal ends nothing: the session still works.
    viewer.requestOk("getRouterRtpCapabilities", null);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aPeerWithoutSubscribeGetsNoConsumers(Transport t) throws Exception {
    String room = room();
    ProtooTestClient silent = connect(node, t, "token=" + token(room, "silent", "publish"));
    ProtooTestClient watcher = connect(node, t, "token=" + token(room, "watcher"));
    for (ProtooTestClient c : List.of(silent, watcher)) {
      c.requestOk(
          "createWebRtcTransport", new JsonObject().put("producing", false).put("consuming", true));
      c.requestOk("join", joinData(c));
    }
    ProtooTestClient speaker = connect(node, t, "token=" + token(room, "speaker"));
    speaker.requestOk("join", joinData(speaker));
    String transportId =
        speaker
            .requestOk(
                "createWebRtcTransport",
                new JsonObject().put("producing", true).put("consuming", false))
            .getString("id");
    speaker.requestOk("produce", produceData(transportId));
    JsonObject offered = watcher.nextUnmatched();
    assertEquals("newConsumer", offered.getString("method"), offered.encode());
    // A round trip after the watcher's offer: the silent peer's own offer would be here by now.
    silent.requestOk("getRouterRtpCapabilities", null);
    assertTrue(silent.drainUnmatched().isEmpty(), "no newConsumer without 'subscribe'");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void onlyTheSameSubjectReplacesAPeer(Transport t) throws Exception {
    String room = room();
    ProtooTestClient carol = connect(node, t, "token=" + token(room, "carol"));
    carol.requestOk("join", joinData(carol));
    // Dave's valid token does not make him carol.
    String refused = refusal(node, t, "peerId=carol&token=" + token(room, "dave"));
    assertTrue(refused.contains("403") && refused.contains("for peer 'dave'"), refused);
    assertFalse(carol.isClosed(), "carol stays");
    carol.requestOk("changeDisplayName", new JsonObject().put("displayName", "still carol"));
    // Carol's own newer token replaces her older connection (a reload).
    ProtooTestClient again = connect(node, t, "token=" + token(room, "carol"));
    again.requestOk("join", joinData(again));
    assertTrue(carol.awaitClosed().contains("replaced"));
  }

  @Test
  void es256TokensAreVerifiedWithThePublicKey() {
    String room = room();
    String ecToken = ecMinter.mint(room, "erin", "Erin", RoomToken.DEFAULT_GRANTS, 600);
    ProtooTestClient erin = connect(ecNode, Transport.WEBSOCKET, "token=" + ecToken);
    erin.requestOk("join", joinData(erin));
    // A token signed with the HS256 secret is nothing to this node.
    String refused = refusal(ecNode, Transport.WEBSOCKET, "token=" + token(room, "frank"));
    assertTrue(refused.startsWith("401") && refused.contains("token invalid"), refused);
  }

  private static JsonObject produceData(String transportId) {
    return produceData(transportId, 11111111, "0");
  }

  /** An Opus producer's parameters as mediasoup-client sends them. */
  static JsonObject produceData(String transportId, long ssrc, String mid) {
    return new JsonObject()
        .put("transportId", transportId)
        .put("kind", "audio")
        .put(
            "rtpParameters",
            new JsonObject()
                .put("mid", mid)
                .put(
                    "codecs",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("mimeType", "audio/opus")
                                .put("payloadType", 111)
                                .put("clockRate", 48000)
                                .put("channels", 2)
                                .put("parameters", new JsonObject())
                                .put("rtcpFeedback", new JsonArray())))
                .put("headerExtensions", new JsonArray())
                .put("encodings", new JsonArray().add(new JsonObject().put("ssrc", ssrc)))
                .put("rtcp", new JsonObject().put("cname", "speaker")));
  }
}
