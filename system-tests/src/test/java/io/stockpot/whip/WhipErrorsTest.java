package io.stockpot.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.launcher.Node;
import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.auth.RoomTokens;
import io.stockpot.testkit.ProtooTestClient;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WHIP endpoint over plain HTTP against a real node: every refusal is a precise 4xx, counted,
 * and leaves the node serving; a session made from a recorded aiortc offer answers PATCH (trickle,
 * ICE restart, If-Match) and DELETE as RFC 9725 says.
 */
class WhipErrorsTest {
  private static final String SECRET = "whip-errors-test-secret-0123456789";
  private static final String SDP = "application/sdp";
  private static final String FRAG = "application/trickle-ice-sdpfrag";

  private final HttpClient http = HttpClient.newBuilder().build();
  private Node node;
  private RoomTokens tokens;

  @BeforeEach
  void start() {
    node = TestNode.start("whip-errors-test", "47700-47739", "--jwt-secret", SECRET);
    tokens = RoomTokens.hs256(node.vertx(), SECRET);
  }

  @AfterEach
  void stop() {
    Waits.await(node.stop());
  }

  private String token(String room, String peer, Set<String> grants) {
    return tokens.mint(room, peer, null, grants, 600);
  }

  private HttpResponse<String> send(
      String method, String path, String contentType, String body, String token, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    System.out.println(method + " " + path + " -> " + r.statusCode() + " " + r.body().strip());
    return r;
  }

  private static String offer() throws IOException {
    try (InputStream in = WhipErrorsTest.class.getResourceAsStream("aiortc-offer.sdp")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void refusalsArePrecise4xxAndTheNodeKeepsServing() throws Exception {
    String publish = token("stage", "obs", Set.of(RoomToken.PUBLISH));
    String offer = offer();
    HttpResponse<String> noToken = send("POST", "/whip/stage", SDP, offer, null);
    assertEquals(401, noToken.statusCode());
    assertTrue(noToken.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    assertEquals(401, send("POST", "/whip/stage", SDP, offer, "not.a.jwt").statusCode());
    assertEquals(
        403,
        send("POST", "/whip/stage", SDP, offer, token("stage", "v", Set.of(RoomToken.SUBSCRIBE)))
            .statusCode());
    HttpResponse<String> wrongRoom = send("POST", "/whip/other", SDP, offer, publish);
    assertEquals(403, wrongRoom.statusCode());
    assertTrue(wrongRoom.body().contains("stage"), wrongRoom.body());
    assertEquals(404, send("POST", "/whip/bad%20room", SDP, offer, publish).statusCode());
    assertEquals(415, send("POST", "/whip/stage", "text/plain", offer, publish).statusCode());
    assertEquals(
        400, send("POST", "/whip/stage", SDP, "garbage\u0000\u00ff", publish).statusCode());
    assertEquals(400, send("POST", "/whip/stage", SDP, "", publish).statusCode());
    HttpResponse<String> noMedia =
        send(
            "POST",
            "/whip/stage",
            SDP,
            "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n",
            publish);
    assertEquals(422, noMedia.statusCode());
    assertTrue(noMedia.body().contains("no audio or video"), noMedia.body());
    String pcmuOnly =
        offer.substring(0, offer.indexOf("m=video"))
            + offer.substring(offer.indexOf("m=audio")).replace("96 0 8", "0 8");
    HttpResponse<String> codecs = send("POST", "/whip/stage", SDP, pcmuOnly, publish);
    assertEquals(422, codecs.statusCode());
    assertTrue(codecs.body().contains("PCMU"), codecs.body());
    assertEquals(
        413,
        send("POST", "/whip/stage", SDP, "v=0\r\n" + "a=x\r\n".repeat(20_000), publish)
            .statusCode());
    assertEquals(
        404,
        send("PATCH", "/whip/stage/no-such-session", FRAG, "a=ice-ufrag:x\r\n", publish)
            .statusCode());
    assertEquals(
        404, send("DELETE", "/whip/stage/no-such-session", null, null, publish).statusCode());
    assertEquals(405, send("PUT", "/whip/stage", SDP, offer, publish).statusCode());

    HttpResponse<String> preflight = send("OPTIONS", "/whip/stage", null, null, null);
    assertEquals(204, preflight.statusCode());
    assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertTrue(
        preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
    assertEquals(SDP, preflight.headers().firstValue("Accept-Post").orElse(""));

    JsonObject whip = health().getJsonObject("signaling").getJsonObject("whip");
    assertEquals(0, whip.getInteger("activeSessions"));
    assertTrue(whip.getLong("errors") >= 14, whip.encode());
    assertEquals(2, whip.getJsonObject("errorsByStatus").getLong("422"), whip.encode());

    // Still serving: a protoo peer joins the same room.
    try (ProtooTestClient peer =
        ProtooTestClient.connect(
            node.vertx(),
            ProtooTestClient.Transport.WEBSOCKET,
            node.httpPort(),
            "token=" + token("stage", "alice", RoomToken.DEFAULT_GRANTS))) {
      JsonObject caps = peer.requestOk("getRouterRtpCapabilities", null);
      peer.requestOk("join", new JsonObject().put("rtpCapabilities", caps));
    }
  }

  @Test
  void sessionAnswersPatchAndDelete() throws Exception {
    String publish = token("stage", "obs", Set.of(RoomToken.PUBLISH));
    HttpResponse<String> created =
        send("POST", "/whip/stage", SDP + "; charset=utf-8", offer(), publish);
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(SDP, created.headers().firstValue("Content-Type").orElse(""));
    String location = created.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith("/whip/stage/"), location);
    String etag = created.headers().firstValue("ETag").orElseThrow();
    assertTrue(created.body().contains("a=ice-lite\r\n"), created.body());
    assertTrue(created.body().contains("a=setup:passive\r\n"), created.body());
    assertTrue(created.body().contains("a=end-of-candidates\r\n"), created.body());
    assertEquals(
        1, health().getJsonObject("signaling").getJsonObject("whip").getInteger("activeSessions"));

    String trickle = "a=mid:0\r\na=candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host\r\n";
    assertEquals(
        204, send("PATCH", location, FRAG, trickle, publish, "If-Match", etag).statusCode());
    assertEquals(415, send("PATCH", location, SDP, trickle, publish).statusCode());
    assertEquals(
        412, send("PATCH", location, FRAG, trickle, publish, "If-Match", "\"old\"").statusCode());
    HttpResponse<String> restart =
        send(
            "PATCH",
            location,
            FRAG,
            "a=ice-ufrag:newU\r\na=ice-pwd:newpasswordnewpassword12\r\n",
            publish,
            "If-Match",
            "*");
    assertEquals(200, restart.statusCode());
    assertEquals(FRAG, restart.headers().firstValue("Content-Type").orElse(""));
    String newEtag = restart.headers().firstValue("ETag").orElseThrow();
    assertNotEquals(etag, newEtag);
    assertTrue(restart.body().contains("a=ice-ufrag:"), restart.body());
    assertTrue(restart.body().contains("a=candidate:"), restart.body());

    assertEquals(
        404,
        send("DELETE", location.replace("/stage/", "/other/"), null, null, publish).statusCode());
    assertEquals(200, send("DELETE", location, null, null, publish).statusCode());
    assertEquals(404, send("DELETE", location, null, null, publish).statusCode());
    assertEquals(404, send("PATCH", location, FRAG, trickle, publish).statusCode());
    JsonObject whip = health().getJsonObject("signaling").getJsonObject("whip");
    assertEquals(0, whip.getInteger("activeSessions"), whip.encode());
    assertEquals(1, whip.getLong("deleted"), whip.encode());
    assertEquals(1, whip.getLong("iceRestarts"), whip.encode());
  }

  @Test
  void subscribersSeeThePublisherAndItsOpusParameters() throws Exception {
    try (ProtooTestClient viewer =
        ProtooTestClient.connect(
            node.vertx(),
            ProtooTestClient.Transport.WEBSOCKET,
            node.httpPort(),
            "token=" + token("stage", "viewer", RoomToken.DEFAULT_GRANTS))) {
      JsonObject caps = viewer.requestOk("getRouterRtpCapabilities", null);
      viewer.requestOk("join", new JsonObject().put("rtpCapabilities", caps));
      viewer.requestOk("createWebRtcTransport", new JsonObject().put("consuming", true));
      String stereoOffer =
          offer()
              .replace(
                  "a=rtpmap:96 opus/48000/2\r\n",
                  "a=rtpmap:96 opus/48000/2\r\n"
                      + "a=fmtp:96 minptime=10;useinbandfec=1;stereo=1;usedtx=1\r\n");
      HttpResponse<String> created =
          send(
              "POST",
              "/whip/stage",
              SDP,
              stereoOffer,
              token("stage", "obs", Set.of(RoomToken.PUBLISH)),
              "X-Stockpot-Display-Name",
              "Stage camera");
      assertEquals(201, created.statusCode(), created.body());
      JsonObject newPeer = viewer.awaitNotification("newPeer");
      assertEquals("obs", newPeer.getString("id"), newPeer.encode());
      // The token names no one: the header does.
      assertEquals("Stage camera", newPeer.getString("displayName"), newPeer.encode());
      JsonObject audio = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (audio == null && System.nanoTime() < deadline) {
        for (JsonObject m : viewer.drainUnmatched()) {
          JsonObject data = m.getJsonObject("data", new JsonObject());
          if ("newConsumer".equals(m.getString("method"))
              && "audio".equals(data.getString("kind"))) {
            audio = data;
          }
        }
        Thread.sleep(50);
      }
      assertTrue(audio != null, "no newConsumer for the WHIP publisher's audio");
      assertEquals("obs", audio.getString("peerId"));
      JsonObject opus =
          audio.getJsonObject("rtpParameters").getJsonArray("codecs").getJsonObject(0);
      assertEquals("audio/opus", opus.getString("mimeType"));
      JsonObject params = opus.getJsonObject("parameters");
      assertEquals(1, params.getInteger("stereo"), opus.encode());
      assertEquals(1, params.getInteger("usedtx"), opus.encode());
      assertEquals(1, params.getInteger("useinbandfec"), opus.encode());
      String location = created.headers().firstValue("Location").orElseThrow();
      // The unguessable session URL is what authorizes PATCH and DELETE.
      assertEquals(200, send("DELETE", location, null, null, null).statusCode());
      assertEquals("obs", viewer.awaitNotification("peerClosed").getString("peerId"));
    }
  }

  private JsonObject health() throws Exception {
    HttpResponse<String> r = send("GET", "/health", null, null, null);
    assertEquals(200, r.statusCode());
    return new JsonObject(r.body());
  }
}
