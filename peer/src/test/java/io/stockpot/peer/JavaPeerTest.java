package io.stockpot.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.dtls.DtlsFingerprint;
import io.stockpot.media.ortc.MediaCodecs;
import io.stockpot.media.ortc.RouterCapabilities;
import io.stockpot.testkit.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole mediasoup-demo client flow of {@link JavaPeer} against a scripted protoo server whose
 * transports are {@link IceLiteResponder}s.
 */
class JavaPeerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(45);
  private static final int CONSUMER_SSRC = 0x0A0B0C0D;

  private final Vertx vertx = Vertx.vertx();
  private final Map<String, IceLiteResponder> transports = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> requests = new ConcurrentHashMap<>();
  private final List<JsonObject> produced = new CopyOnWriteArrayList<>();
  private final List<JsonObject> answers = new CopyOnWriteArrayList<>();
  private JavaPeer peer;

  @AfterEach
  void tearDown() throws Exception {
    if (peer != null) {
      peer.close().await();
    }
    for (IceLiteResponder r : transports.values()) {
      r.close();
    }
    vertx.close().await();
  }

  private int startServer() {
    HttpServer server =
        vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of("protoo")));
    server.webSocketHandler(ws -> ws.textMessageHandler(text -> onMessage(ws, text)));
    return server.listen(0, "127.0.0.1").await().actualPort();
  }

  private void onMessage(ServerWebSocket ws, String text) {
    JsonObject msg = new JsonObject(text);
    if (msg.getBoolean("response", false)) {
      answers.add(msg);
      return;
    }
    String method = msg.getString("method");
    JsonObject data = msg.getJsonObject("data");
    requests.put(method + "#" + requests.size(), data);
    JsonObject reply =
        switch (method) {
          case "getRouterRtpCapabilities" -> RouterCapabilities.build(MediaCodecs.defaults());
          case "join" -> new JsonObject().put("peers", new JsonArray());
          case "createWebRtcTransport" -> createTransport(data);
          case "connectWebRtcTransport" -> {
            JsonObject fp =
                data.getJsonObject("dtlsParameters").getJsonArray("fingerprints").getJsonObject(0);
            transports
                .get(data.getString("transportId"))
                .expectClient(
                    new DtlsFingerprint(fp.getString("algorithm"), fp.getString("value")));
            yield new JsonObject();
          }
          case "produce" -> {
            produced.add(data);
            yield new JsonObject().put("id", "producer-" + data.getString("kind"));
          }
          default -> null;
        };
    JsonObject response = new JsonObject().put("response", true).put("id", msg.getValue("id"));
    ws.writeTextMessage(
        (reply == null
                ? response.put("ok", false).put("errorCode", 500).put("errorReason", "unknown")
                : response.put("ok", true).put("data", reply))
            .encode());
    if ("join".equals(method)) {
      JsonObject encoding =
          new JsonObject().put("ssrc", CONSUMER_SSRC).put("rtx", new JsonObject().put("ssrc", 5));
      JsonObject consumer =
          new JsonObject()
              .put("peerId", "other")
              .put("producerId", "p1")
              .put("id", "consumer-1")
              .put("kind", "video")
              .put(
                  "rtpParameters", new JsonObject().put("encodings", new JsonArray().add(encoding)))
              .put("type", "simple")
              .put("appData", new JsonObject())
              .put("producerPaused", false);
      ws.writeTextMessage(
          new JsonObject()
              .put("request", true)
              .put("id", 9001)
              .put("method", "newConsumer")
              .put("data", consumer)
              .encode());
    }
  }

  private JsonObject createTransport(JsonObject data) {
    try {
      IceLiteResponder r = new IceLiteResponder(0);
      String id = (data.getBoolean("producing") ? "send-" : "recv-") + transports.size();
      transports.put(id, r);
      return new JsonObject()
          .put("id", id)
          .put(
              "iceParameters",
              new JsonObject()
                  .put("usernameFragment", r.ufrag())
                  .put("password", r.password())
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
                          .put("protocol", "udp")
                          .put("port", r.address().getPort())
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
                                  .put("algorithm", r.fingerprint().algorithm())
                                  .put("value", r.fingerprint().value()))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private IceLiteResponder transport(String prefix) {
    return transports.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void joinsProducesSendsMediaAndCountsConsumedMedia() throws Exception {
    int port = startServer();
    peer =
        JavaPeer.connect(
                vertx,
                "127.0.0.1",
                port,
                "room 1",
                "alice",
                PeerOptions.defaults().withConsume(true))
            .await();
    String audioId = peer.produceAudio().await();
    String videoId = peer.produceVideo(300_000).await();
    assertEquals("producer-audio", audioId);
    assertEquals("producer-video", videoId);

    // join carried the router's codecs with their preferred payload types.
    JsonObject join =
        requests.entrySet().stream()
            .filter(e -> e.getKey().startsWith("join#"))
            .findFirst()
            .orElseThrow()
            .getValue();
    JsonObject opus = join.getJsonObject("rtpCapabilities").getJsonArray("codecs").getJsonObject(0);
    assertEquals("audio/opus", opus.getString("mimeType"));
    assertEquals(100, opus.getInteger("preferredPayloadType"));

    // The server answered newConsumer's request with ok and empty data.
    Waits.until("newConsumer answered", TIMEOUT, () -> !answers.isEmpty());
    assertEquals(9001, answers.get(0).getInteger("id"));
    assertTrue(answers.get(0).getBoolean("ok"));
    assertEquals(new JsonObject(), answers.get(0).getJsonObject("data"));

    IceLiteResponder send = transport("send-");
    int audioSsrc = ssrc(produced.get(0));
    int videoSsrc = ssrc(produced.get(1));
    assertEquals("0", produced.get(0).getJsonObject("rtpParameters").getString("mid"));
    assertEquals("1", produced.get(1).getJsonObject("rtpParameters").getString("mid"));
    Waits.until(
        "media authenticated at the server",
        TIMEOUT,
        () -> send.authenticated(audioSsrc) >= 20 && send.authenticated(videoSsrc) >= 20);
    assertEquals(0, send.rtpFailures.get());

    IceLiteResponder recv = transport("recv-");
    Waits.until("receive transport ready", TIMEOUT, recv::srtpReady);
    for (int i = 0; i < 3; i++) {
      byte[] rtp = new byte[12 + 100];
      RtpWriter.writeHeader(rtp, 0, i == 2, 101, 500 + i, 3000L * i, CONSUMER_SSRC);
      recv.sendRtp(rtp);
    }
    Waits.until("consumer media counted", TIMEOUT, () -> peer.stats().receivedPackets() == 3);
    PeerStats stats = peer.stats();
    assertEquals(1, stats.consumers());
    assertEquals(Map.of("newConsumer", 1L), stats.serverRequests());
    TransportStats recvStats =
        stats.transports().stream().filter(t -> !t.producing()).findFirst().orElseThrow();
    assertEquals("consumer-1", recvStats.received().get(0).consumerId());
    assertTrue(stats.mediaReady());
    assertTrue(stats.sentPackets() >= 40);
  }

  private static int ssrc(JsonObject produce) {
    return produce
        .getJsonObject("rtpParameters")
        .getJsonArray("encodings")
        .getJsonObject(0)
        .getLong("ssrc")
        .intValue();
  }
}
