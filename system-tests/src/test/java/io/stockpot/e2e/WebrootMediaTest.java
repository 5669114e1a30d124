package io.stockpot.e2e;

import static io.stockpot.e2e.ScriptedProtooServer.sendNotification;
import static io.stockpot.e2e.ScriptedProtooServer.sendRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged browser client's media signaling against a scripted protoo server that hands out
 * transports whose ICE candidate leads nowhere: the page creates both transports, connects them,
 * produces microphone and camera, accepts consumers and shows one video per remote peer. No media
 * flows, so this checks the protocol and the page, not the packets.
 */
@Tag("browser")
class WebrootMediaTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private ScriptedProtooServer server;
  private Chromium chromium;
  // What the page sent, by method, for the assertions.
  private final Map<String, JsonObject> lastData = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedProtooServer(this::answer);
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

  private Object answer(JsonObject request) {
    String method = request.getString("method");
    JsonObject data = request.getJsonObject("data", new JsonObject());
    lastData.put(method, data);
    return switch (method) {
      case "getRouterRtpCapabilities" -> ScriptedProtooServer.ROUTER_CAPABILITIES;
      case "join" -> new JsonObject().put("peers", new JsonArray());
      case "createWebRtcTransport" -> transport(data.getBoolean("producing") ? "t-send" : "t-recv");
      case "connectWebRtcTransport" -> {
        lastData.put("connect:" + data.getString("transportId"), data);
        yield new JsonObject();
      }
      case "produce" -> new JsonObject().put("id", "prod-" + data.getString("kind"));
      default -> null;
    };
  }

  // An ICE-Lite endpoint on the discard port of loopback: valid for the SDP, unreachable.
  private static JsonObject transport(String id) {
    StringBuilder fingerprint = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      fingerprint.append(i == 0 ? "" : ":").append(String.format("%02X", i * 7 + 1));
    }
    return new JsonObject()
        .put("id", id)
        .put(
            "iceParameters",
            new JsonObject()
                .put("usernameFragment", "stockpot" + id)
                .put("password", "0123456789abcdef0123456789abcdef")
                .put("iceLite", true))
        .put(
            "iceCandidates",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("foundation", "udpcandidate")
                        .put("priority", 1076302079)
                        .put("ip", "127.0.0.1")
                        .put("address", "127.0.0.1")
                        .put("port", 9)
                        .put("protocol", "udp")
                        .put("type", "host")))
        .put(
            "dtlsParameters",
            new JsonObject()
                .put("role", "auto")
                .put(
                    "fingerprints",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("algorithm", "sha-256")
                                .put("value", fingerprint.toString()))))
        .putNull("sctpParameters");
  }

  private static JsonObject newConsumer(String peerId, String id, String kind, int mid) {
    boolean audio = kind.equals("audio");
    JsonObject codec =
        new JsonObject()
            .put("mimeType", audio ? "audio/opus" : "video/VP8")
            .put("payloadType", audio ? 100 : 101)
            .put("clockRate", audio ? 48000 : 90000)
            .put("parameters", new JsonObject())
            .put("rtcpFeedback", new JsonArray());
    if (audio) {
      codec.put("channels", 2);
    }
    JsonObject rtpParameters =
        new JsonObject()
            .put("codecs", new JsonArray().add(codec))
            .put("headerExtensions", new JsonArray())
            .put("encodings", new JsonArray().add(new JsonObject().put("ssrc", 1000 + mid)))
            // mediasoup numbers the consumers of a transport by mid; the client needs them.
            .put("mid", String.valueOf(mid))
            .put("rtcp", new JsonObject().put("cname", peerId + "-cname").put("reducedSize", true));
    return new JsonObject()
        .put("peerId", peerId)
        .put("producerId", "prod-" + peerId + "-" + kind)
        .put("id", id)
        .put("kind", kind)
        .put("rtpParameters", rtpParameters)
        .put("type", "simple")
        .put("appData", new JsonObject().put("source", audio ? "mic" : "webcam"))
        .put("producerPaused", false);
  }

  private static int count(Page page, String expression) {
    return ((Number) page.eval(expression)).intValue();
  }

  @Test
  void producesBothTracksAndRendersOneVideoPerRemotePeer() throws Exception {
    try (Page page = chromium.newPage(server.url("/index.html?room=r1&peerId=me1&name=Alice"))) {
      page.waitFor("window.stockpot.producers.audio && window.stockpot.producers.video", WAIT);
      SockJSSocket sock = server.nextSocket(WAIT);

      JsonObject state = (JsonObject) page.eval("window.stockpot");
      assertEquals("joined", state.getString("status"), state.encode());
      assertNull(state.getValue("mediaError"), state.encode());
      assertEquals(
          new JsonObject().put("send", "t-send").put("recv", "t-recv"),
          state.getValue("transportIds"));
      assertEquals(
          new JsonObject().put("audio", "prod-audio").put("video", "prod-video"),
          state.getValue("producers"));

      JsonObject connect = lastData.get("connect:t-send");
      assertNotNull(connect, lastData.keySet().toString());
      assertEquals(
          "sha-256",
          connect
              .getJsonObject("dtlsParameters")
              .getJsonArray("fingerprints")
              .getJsonObject(0)
              .getString("algorithm"),
          connect.encode());
      JsonObject produce = lastData.get("produce");
      assertEquals("t-send", produce.getString("transportId"));
      JsonObject videoRtp = produce.getJsonObject("rtpParameters");
      assertEquals("video", produce.getString("kind"), produce.encode());
      assertEquals(
          "video/VP8",
          videoRtp.getJsonArray("codecs").getJsonObject(0).getString("mimeType"),
          produce.encode());
      assertEquals(1, videoRtp.getJsonArray("encodings").size(), produce.encode());
      assertEquals(
          1500000,
          videoRtp.getJsonArray("encodings").getJsonObject(0).getInteger("maxBitrate"),
          produce.encode());
      assertEquals("webcam", produce.getJsonObject("appData").getString("source"));
      JsonObject sendTransport = lastData.get("createWebRtcTransport");
      assertEquals(false, sendTransport.getBoolean("sctpCapabilities"), sendTransport.encode());
      assertEquals(false, sendTransport.getBoolean("forceTcp"), sendTransport.encode());

      // Consumers from two peers: the first takes #other-video, the second gets a new element.
      sendRequest(sock, 1, "newConsumer", newConsumer("p2", "c-p2-a", "audio", 0));
      sendRequest(sock, 2, "newConsumer", newConsumer("p2", "c-p2-v", "video", 1));
      sendRequest(sock, 3, "newConsumer", newConsumer("p3", "c-p3-v", "video", 2));
      for (int id = 1; id <= 3; id++) {
        JsonObject answer = server.nextResponse(id, WAIT);
        assertEquals(true, answer.getBoolean("ok"), answer.encode());
        assertEquals(new JsonObject(), answer.getJsonObject("data"), answer.encode());
      }
      page.waitFor("window.stockpot.consumers.length === 3", WAIT);
      assertEquals(
          new JsonObject()
              .put("id", "c-p2-v")
              .put("peerId", "p2")
              .put("kind", "video")
              .put("producerId", "prod-p2-video")
              .put("paused", false)
              .putNull("score"),
          page.eval("(({addedAt, ...rest}) => rest)(window.stockpot.consumers[1])"));
      assertEquals("p2", page.eval("document.getElementById('other-video').dataset.peerId"));
      assertEquals(
          2, count(page, "document.getElementById('other-video').srcObject.getTracks().length"));
      assertEquals(
          1,
          count(
              page,
              "document.querySelectorAll('#remote-videos video[data-peer-id=\"p3\"]').length"));
      JsonArray recvStats = (JsonArray) page.eval("window.stockpot.recvStats()");
      assertEquals(3, recvStats.size(), recvStats.encode());
      assertEquals("c-p2-a", recvStats.getJsonObject(0).getString("id"), recvStats.encode());
      assertTrue(recvStats.getJsonObject(2).containsKey("framesDecoded"), recvStats.encode());
      JsonObject sendStats = (JsonObject) page.eval("window.stockpot.sendStats()");
      assertTrue(sendStats.getJsonObject("video").containsKey("framesEncoded"), sendStats.encode());
      assertTrue(sendStats.containsKey("availableOutgoingBitrate"), sendStats.encode());

      sendNotification(sock, "consumerPaused", new JsonObject().put("consumerId", "c-p3-v"));
      page.waitFor("window.stockpot.consumers[2].paused === true", WAIT);
      sendNotification(sock, "consumerResumed", new JsonObject().put("consumerId", "c-p3-v"));
      sendNotification(
          sock,
          "consumerScore",
          new JsonObject()
              .put("consumerId", "c-p3-v")
              .put("score", new JsonObject().put("score", 10).put("producerScore", 9)));
      sendNotification(
          sock,
          "producerScore",
          new JsonObject()
              .put("producerId", "prod-video")
              .put("score", new JsonArray().add(new JsonObject().put("score", 8))));
      page.waitFor("window.stockpot.producerScores['prod-video']", WAIT);
      assertEquals(false, page.eval("window.stockpot.consumers[2].paused"));
      assertEquals(10, count(page, "window.stockpot.consumers[2].score.score"));

      // p2 loses its audio and keeps its video; then its video, and #other-video is free again.
      sendNotification(sock, "consumerClosed", new JsonObject().put("consumerId", "c-p2-a"));
      page.waitFor("window.stockpot.consumers.length === 2", WAIT);
      assertEquals(
          1, count(page, "document.getElementById('other-video').srcObject.getTracks().length"));
      sendNotification(sock, "consumerClosed", new JsonObject().put("consumerId", "c-p2-v"));
      page.waitFor("!document.getElementById('other-video').dataset.peerId", WAIT);
      assertEquals(true, page.eval("document.getElementById('other-video').srcObject === null"));

      // A peer leaving takes its consumers and its element along.
      sendNotification(sock, "peerClosed", new JsonObject().put("peerId", "p3"));
      page.waitFor("window.stockpot.consumers.length === 0", WAIT);
      assertEquals(
          0, count(page, "document.querySelectorAll('video[data-peer-id=\"p3\"]').length"));
      assertEquals(1, count(page, "document.querySelectorAll('#other-video').length"));

      // A new peer takes the free #other-video again.
      sendRequest(sock, 4, "newConsumer", newConsumer("p4", "c-p4-v", "video", 3));
      assertEquals(true, server.nextResponse(4, WAIT).getBoolean("ok"));
      page.waitFor("document.getElementById('other-video').dataset.peerId === 'p4'", WAIT);

      // A drop tears everything down; the rejoin produces the same local tracks again.
      sock.close();
      page.waitFor("window.stockpot.joined === false", WAIT);
      page.waitFor(
          "window.stockpot.connectAttempts === 2 && window.stockpot.producers.video", WAIT);
      assertEquals(0, count(page, "window.stockpot.consumers.length"));
      assertEquals(true, page.eval("!document.getElementById('other-video').dataset.peerId"));
      assertEquals(
          "live",
          page.eval(
              "document.getElementById('me-video').srcObject.getVideoTracks()[0].readyState"));
      assertTrue(
          page.messages().stream().noneMatch(m -> m.source().equals("exception")), page.describe());
    }
  }
}
