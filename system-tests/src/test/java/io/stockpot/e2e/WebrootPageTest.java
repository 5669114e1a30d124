package io.stockpot.e2e;

import static io.stockpot.e2e.ScriptedProtooServer.sendNotification;
import static io.stockpot.e2e.ScriptedProtooServer.sendRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged browser client against a scripted protoo server that offers presence but no media:
 * the page joins, lists peers as they come and go, shows the media error without giving up on the
 * room, answers server requests, reconnects after a drop and stays away once replaced.
 */
@Tag("browser")
class WebrootPageTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private ScriptedProtooServer server;
  private Chromium chromium;

  @BeforeEach
  void start() throws Exception {
    server =
        new ScriptedProtooServer(
            request ->
                switch (request.getString("method")) {
                  case "getRouterRtpCapabilities" -> ScriptedProtooServer.ROUTER_CAPABILITIES;
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
                  case "createWebRtcTransport" ->
                      new ScriptedProtooServer.Failure(500, "no ports left");
                  default -> null;
                });
    chromium = Chromium.launch();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      server.close();
    }
  }

  @Test
  void joinsWithoutMediaListsPeersReconnectsAndStaysAwayWhenReplaced() throws Exception {
    try (Page page = chromium.newPage(server.url("/index.html?room=r1&peerId=me1&name=Alice"))) {
      page.waitFor("window.stockpot && window.stockpot.joined", WAIT);

      SockJSSocket sock = server.nextSocket(WAIT);
      assertTrue(sock.uri().contains("peerId=me1"), sock.uri());
      assertTrue(sock.uri().contains("roomId=r1"), sock.uri());
      // mediasoup-demo's order: the receive transport exists before joining.
      assertEquals("getRouterRtpCapabilities", server.next("request", WAIT).getString("method"));
      JsonObject recv = server.next("request", WAIT);
      assertEquals("createWebRtcTransport", recv.getString("method"));
      assertEquals(false, recv.getJsonObject("data").getBoolean("producing"), recv.encode());
      assertEquals(true, recv.getJsonObject("data").getBoolean("consuming"), recv.encode());
      JsonObject join = server.next("join", WAIT);
      assertEquals("join", join.getString("method"));
      JsonObject joinData = join.getJsonObject("data");
      assertEquals("Alice", joinData.getString("displayName"));
      assertEquals("stockpot", joinData.getJsonObject("device").getString("flag"));
      assertFalse(
          joinData.getJsonObject("rtpCapabilities").getJsonArray("codecs").isEmpty(),
          joinData.encode());
      JsonObject send = server.nextRequest("createWebRtcTransport", WAIT);
      assertEquals(true, send.getJsonObject("data").getBoolean("producing"), send.encode());

      JsonObject state = (JsonObject) page.eval("window.stockpot");
      assertEquals("me1", state.getString("peerId"));
      assertEquals("r1", state.getString("roomId"));
      assertEquals("joined", state.getString("status"));
      assertEquals(new JsonArray().add("p-early"), state.getJsonArray("peers"));
      assertEquals(
          new JsonObject().put("audio", null).put("video", null), state.getValue("producers"));
      assertEquals(
          new JsonObject().put("send", null).put("recv", null), state.getValue("transportIds"));
      assertEquals(new JsonArray(), state.getJsonArray("consumers"));
      // The helpers stay out of the plain state but answer.
      assertFalse(state.containsKey("sendStats"), state.encode());
      assertEquals(
          0, ((Number) page.eval("window.stockpot.recvStats().then(s => s.length)")).intValue());
      // Presence goes on; the failure shows on the page.
      page.waitFor(
          "window.stockpot.mediaError && window.stockpot.mediaError.includes('createSendTransport')",
          WAIT);
      String statusLine = (String) page.eval("document.getElementById('status').textContent");
      assertTrue(statusLine.startsWith("joined: media error"), statusLine);
      assertTrue(statusLine.contains("no ports left"), statusLine);
      assertEquals(
          "Early Bird",
          page.eval("document.querySelector('#peers li[data-peer-id=\"p-early\"]').textContent"));
      assertEquals("r1", page.eval("document.getElementById('room-name').textContent"));

      sendNotification(sock, "newPeer", new JsonObject().put("id", "p2").put("displayName", "Bob"));
      page.waitFor("window.stockpot.peers.includes('p2')", WAIT);
      assertEquals(
          "Bob", page.eval("document.querySelector('#peers li[data-peer-id=\"p2\"]').textContent"));
      sendNotification(
          sock,
          "peerDisplayNameChanged",
          new JsonObject().put("peerId", "p2").put("displayName", "Robert"));
      page.waitFor(
          "document.querySelector('#peers li[data-peer-id=\"p2\"]').textContent === 'Robert'",
          WAIT);

      sendNotification(sock, "peerClosed", new JsonObject().put("peerId", "p-early"));
      page.waitFor("!document.querySelector('#peers li[data-peer-id=\"p-early\"]')", WAIT);
      assertEquals(new JsonArray().add("p2"), page.eval("window.stockpot.peers"));

      // Without a receive transport a consumer is refused, still with the request's id.
      sendRequest(sock, 4711, "newConsumer", new JsonObject());
      JsonObject answer = server.nextResponse(4711, WAIT);
      assertEquals(false, answer.getBoolean("ok"), answer.encode());
      assertEquals(503, answer.getInteger("errorCode"), answer.encode());
      sendRequest(sock, 4712, "newDataConsumer", new JsonObject());
      assertEquals(501, server.nextResponse(4712, WAIT).getInteger("errorCode"));

      page.waitFor("window.stockpot.mediaReady", WAIT);
      page.waitFor("document.getElementById('me-video').videoWidth > 0", WAIT);
      // Kept for looking at the page after a run.
      page.screenshot(Path.of("target", "e2e", "webroot-joined.png"));

      // A drop: the page forgets the room, then comes back on its own.
      sock.close();
      page.waitFor("window.stockpot.joined === false", WAIT);
      SockJSSocket again = server.nextSocket(WAIT);
      page.waitFor("window.stockpot.joined && window.stockpot.connectAttempts === 2", WAIT);
      assertEquals("join", server.nextRequest("join", WAIT).getString("method"));
      assertEquals(new JsonArray().add("p-early"), page.eval("window.stockpot.peers"));
      assertEquals(
          1, ((Number) page.eval("document.querySelectorAll('#peers li').length")).intValue());

      // Replaced by a newer connection of the same peer: no reconnect.
      // The server's last word must reach the page before the close does.
      sendNotification(
              again, "sessionClosed", new JsonObject().put("code", 4409).put("reason", "replaced"))
          .onComplete(written -> again.close());
      page.waitFor("window.stockpot.status === 'closed'", WAIT);
      assertEquals(false, page.eval("window.stockpot.joined"));
      assertEquals("replaced", page.eval("window.stockpot.sessionClosed.reason"));
      assertEquals(
          0, ((Number) page.eval("document.querySelectorAll('#peers li').length")).intValue());
      Thread.sleep(2500);
      assertFalse(server.hasNewSocket(), "the page reconnected after being replaced");
      assertEquals(2, ((Number) page.eval("window.stockpot.connectAttempts")).intValue());
      assertNotNull(page.eval("window.stockpot.lastError"));
      assertTrue(
          page.messages().stream().noneMatch(m -> m.source().equals("exception")), page.describe());
    }
  }
}
