package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged browser client against a scripted protoo server: it joins, lists peers as they come
 * and go, answers server requests, shows the camera and notices the connection closing.
 */
@Tag("browser")
class WebrootPageTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Enough of a mediasoup router's capabilities for mediasoup-client's Device to load. */
  private static final JsonObject ROUTER_CAPABILITIES =
      new JsonObject(
          """
          {"codecs": [
            {"kind": "audio", "mimeType": "audio/opus", "clockRate": 48000, "channels": 2,
             "preferredPayloadType": 100, "parameters": {},
             "rtcpFeedback": [{"type": "transport-cc", "parameter": ""}]},
            {"kind": "video", "mimeType": "video/VP8", "clockRate": 90000,
             "preferredPayloadType": 101, "parameters": {},
             "rtcpFeedback": [{"type": "nack", "parameter": ""},
                              {"type": "nack", "parameter": "pli"},
                              {"type": "ccm", "parameter": "fir"},
                              {"type": "goog-remb", "parameter": ""}]},
            {"kind": "video", "mimeType": "video/rtx", "clockRate": 90000,
             "preferredPayloadType": 102, "parameters": {"apt": 101}, "rtcpFeedback": []}],
           "headerExtensions": [
            {"kind": "audio", "uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "preferredId": 1,
             "preferredEncrypt": false, "direction": "sendrecv"},
            {"kind": "video", "uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "preferredId": 1,
             "preferredEncrypt": false, "direction": "sendrecv"},
            {"kind": "video",
             "uri": "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
             "preferredId": 4, "preferredEncrypt": false, "direction": "sendrecv"}]}
          """);

  private Vertx vertx;
  private HttpServer server;
  private Chromium chromium;
  private final CompletableFuture<SockJSSocket> socket = new CompletableFuture<>();
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route("/sockjs/*").subRouter(SockJSHandler.create(vertx).socketHandler(this::onSocket));
    // The launcher packages webroot/ as the classpath folder "webroot".
    router.route("/*").handler(StaticHandler.create("webroot"));
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
    chromium = Chromium.launch(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  // Plays the server side of protoo: answers the two requests the client makes when joining.
  private void onSocket(SockJSSocket sock) {
    socket.complete(sock);
    sock.handler(
        buffer -> {
          JsonObject message = buffer.toJsonObject();
          received.add(message);
          if (!message.getBoolean("request", false)) {
            return;
          }
          JsonObject data =
              switch (message.getString("method")) {
                case "getRouterRtpCapabilities" -> ROUTER_CAPABILITIES;
                case "join" ->
                    new JsonObject()
                        .put(
                            "peers",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("id", "p-early")
                                        .put("displayName", "Early Bird")
                                        .put("device", new JsonObject().put("flag", "test"))));
                default -> null;
              };
          JsonObject response =
              new JsonObject().put("response", true).put("id", message.getValue("id"));
          if (data != null) {
            response.put("ok", true).put("data", data);
          } else {
            response.put("ok", false).put("errorCode", 404).put("errorReason", "unknown method");
          }
          sock.write(response.encode());
        });
  }

  private JsonObject nextReceived(String what) throws InterruptedException {
    JsonObject message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(message, "no " + what + " from the page");
    return message;
  }

  @Test
  void joinsListsPeersAnswersRequestsAndNoticesDisconnect() throws Exception {
    String url =
        "http://127.0.0.1:" + server.actualPort() + "/index.html?room=r1&peerId=me1&name=Alice";
    try (Page page = chromium.newPage(url)) {
      page.waitFor("window.stockpot && window.stockpot.joined", WAIT);

      SockJSSocket sock = socket.get(1, TimeUnit.SECONDS);
      assertTrue(sock.uri().contains("peerId=me1"), sock.uri());
      assertTrue(sock.uri().contains("roomId=r1"), sock.uri());
      assertEquals("getRouterRtpCapabilities", nextReceived("request").getString("method"));
      JsonObject join = nextReceived("join");
      assertEquals("join", join.getString("method"));
      JsonObject joinData = join.getJsonObject("data");
      assertEquals("Alice", joinData.getString("displayName"));
      assertEquals("stockpot", joinData.getJsonObject("device").getString("flag"));
      assertFalse(
          joinData.getJsonObject("rtpCapabilities").getJsonArray("codecs").isEmpty(),
          joinData.encode());

      JsonObject state = (JsonObject) page.eval("window.stockpot");
      assertEquals("me1", state.getString("peerId"));
      assertEquals("r1", state.getString("roomId"));
      assertEquals("joined", state.getString("status"));
      assertEquals(new JsonArray().add("p-early"), state.getJsonArray("peers"));
      assertEquals(
          "Early Bird",
          page.eval("document.querySelector('#peers li[data-peer-id=\"p-early\"]').textContent"));
      assertEquals("r1", page.eval("document.getElementById('room-name').textContent"));

      notify(sock, "newPeer", new JsonObject().put("id", "p2").put("displayName", "Bob"));
      page.waitFor("window.stockpot.peers.includes('p2')", WAIT);
      assertEquals(
          "Bob", page.eval("document.querySelector('#peers li[data-peer-id=\"p2\"]').textContent"));

      notify(sock, "peerClosed", new JsonObject().put("peerId", "p-early"));
      page.waitFor("!document.querySelector('#peers li[data-peer-id=\"p-early\"]')", WAIT);
      assertEquals(new JsonArray().add("p2"), page.eval("window.stockpot.peers"));

      // A server request the client cannot serve yet is still answered, with the same id.
      sock.write(
          new JsonObject()
              .put("request", true)
              .put("id", 4711)
              .put("method", "newConsumer")
              .put("data", new JsonObject())
              .encode());
      JsonObject answer = nextReceived("response");
      assertEquals(true, answer.getBoolean("response"), answer.encode());
      assertEquals(4711, answer.getInteger("id"), answer.encode());
      assertEquals(false, answer.getBoolean("ok"), answer.encode());
      assertEquals(501, answer.getInteger("errorCode"), answer.encode());

      page.waitFor("window.stockpot.mediaReady", WAIT);
      page.waitFor("document.getElementById('me-video').videoWidth > 0", WAIT);
      // Kept for looking at the page after a run.
      page.screenshot(Path.of("target", "e2e", "webroot-joined.png"));

      sock.close();
      page.waitFor("window.stockpot.status === 'disconnected'", WAIT);
      assertEquals(false, page.eval("window.stockpot.joined"));
      assertEquals(
          0, ((Number) page.eval("document.querySelectorAll('#peers li').length")).intValue());
      assertTrue(
          page.messages().stream().noneMatch(m -> m.source().equals("exception")), page.describe());
    }
  }

  private static void notify(SockJSSocket sock, String method, JsonObject data) {
    sock.write(
        new JsonObject()
            .put("notification", true)
            .put("method", method)
            .put("data", data)
            .encode());
  }
}
