package io.stockpot.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.launcher.Node;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.NodeInfo;
import io.stockpot.registry.RoomRegistry;
import io.stockpot.testkit.AdminHttp;
import io.stockpot.testkit.PrometheusText;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin plane's locks, with raw clients: the event-bus bridge speaks its JSON frames over a
 * plain WebSocket ({@code /eventbus/websocket}), the REST API plain HTTP.
 */
class AdminBridgeTest {
  private static final String TOKEN = "bridge-test-token";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Node node;
  private AdminHttp http;

  @BeforeEach
  void start() {
    node = TestNode.start("admin-bridge", "46400-46419", "--admin-token", TOKEN);
    http = new AdminHttp(node.httpPort());
  }

  @AfterEach
  void stop() {
    Waits.await(node.stop());
  }

  /** A raw bridge client: what it received, and whether the server closed it. */
  private final class RawBridge {
    final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    final AtomicBoolean closed = new AtomicBoolean();
    final WebSocket ws;

    /** A refused socket may be closed during the handshake already: then it stays null. */
    RawBridge(String query) {
      WebSocket socket = null;
      try {
        socket =
            Waits.await(
                node.vertx()
                    .createWebSocketClient()
                    .connect(
                        new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(node.httpPort())
                            .setURI("/eventbus/websocket" + query)));
        socket.handler(b -> frames.add(new JsonObject(b.toString())));
        socket.closeHandler(v -> closed.set(true));
      } catch (RuntimeException e) {
        closed.set(true);
      }
      ws = socket;
    }

    void write(JsonObject frame) {
      if (ws != null && !closed.get()) {
        ws.writeTextMessage(frame.encode());
      }
    }

    void register(String address) {
      write(new JsonObject().put("type", "register").put("address", address));
    }

    long received(String address) {
      return frames.stream()
          .filter(f -> "rec".equals(f.getString("type")) && address.equals(f.getString("address")))
          .count();
    }

    long errors() {
      return frames.stream().filter(f -> "err".equals(f.getString("type"))).count();
    }
  }

  @Test
  void socketsWithoutTheRightTokenAreClosedAndHearNothing() throws Exception {
    for (String query : new String[] {"", "?token=", "?token=wrong", "?peerId=p&roomId=r"}) {
      RawBridge client = new RawBridge(query);
      // What a room client would try: the dashboard's addresses and the admin commands.
      client.register(Addresses.MEDIA_STATS);
      client.register(Addresses.NODE_STATS);
      client.write(
          new JsonObject()
              .put("type", "send")
              .put("address", Addresses.ADMIN_COMMANDS)
              .put("replyAddress", "r1")
              .put(
                  "body",
                  new JsonObject().put("action", "drainNode").put("nodeId", "admin-bridge")));
      Waits.until("socket '" + query + "' closed by the server", WAIT, client.closed::get);
      Thread.sleep(1_500);
      assertEquals(0, client.received(Addresses.MEDIA_STATS), query);
      assertEquals(0, client.received(Addresses.NODE_STATS), query);
      assertEquals(0, client.received("r1"), query);
    }
    // The drain command never ran.
    List<NodeInfo> nodes = Waits.await(new RoomRegistry(node.vertx()).mediaNodes());
    assertFalse(nodes.get(0).draining());
  }

  @Test
  void anAdminSocketHearsTheStatsButReachesNothingElse() throws Exception {
    RawBridge admin = new RawBridge("?token=" + TOKEN);
    admin.register(Addresses.MEDIA_STATS);
    admin.register(Addresses.NODE_STATS);
    try {
      Waits.until(
          "stats on the admin socket",
          WAIT,
          () ->
              admin.received(Addresses.MEDIA_STATS) >= 2
                  && admin.received(Addresses.NODE_STATS) >= 2);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; frames: " + admin.frames, e);
    }
    JsonObject nodeStats =
        admin.frames.stream()
            .filter(f -> Addresses.NODE_STATS.equals(f.getString("address")))
            .reduce((a, b) -> b)
            .orElseThrow()
            .getJsonObject("body");
    assertEquals("admin-bridge", nodeStats.getString("nodeId"));
    assertTrue(
        nodeStats.getJsonObject("eventBus").containsKey("stockpot.stats.media"),
        nodeStats.encode());

    // Room and node addresses stay out of reach, in and out; nobody publishes.
    long errorsBefore = admin.errors();
    admin.register(Addresses.room("r"));
    admin.register(Addresses.signalingNode("admin-bridge"));
    admin.write(
        new JsonObject()
            .put("type", "send")
            .put("address", Addresses.mediaNode("admin-bridge"))
            .put("body", new JsonObject().put("method", "status")));
    admin.write(
        new JsonObject()
            .put("type", "publish")
            .put("address", Addresses.MEDIA_STATS)
            .put("body", new JsonObject().put("nodeId", "forged")));
    Waits.until("four refusals", WAIT, () -> admin.errors() >= errorsBefore + 4);
    assertFalse(admin.closed.get());

    // The admin command address answers.
    admin.write(
        new JsonObject()
            .put("type", "send")
            .put("address", Addresses.ADMIN_COMMANDS)
            .put("replyAddress", "reply-1")
            .put(
                "body", new JsonObject().put("action", "drainNode").put("nodeId", "admin-bridge")));
    Waits.until("drain reply", WAIT, () -> admin.received("reply-1") == 1);
    Waits.until(
        "node announced as draining",
        WAIT,
        () -> Waits.await(new RoomRegistry(node.vertx()).mediaNodes()).get(0).draining());
  }

  @Test
  void restCallsNeedTheTokenAndAnswerJsonErrors() {
    HttpResponse<String> none = http.get("/api/nodes", null);
    assertEquals(401, none.statusCode());
    assertEquals("unauthorized", new JsonObject(none.body()).getString("error"));
    HttpResponse<String> wrong = http.call("DELETE", "/api/rooms/r/peers/p", "nope");
    assertEquals(403, wrong.statusCode());
    assertEquals("forbidden", new JsonObject(wrong.body()).getString("error"));
    assertEquals(401, http.call("POST", "/api/nodes/admin-bridge/drain", null).statusCode());

    HttpResponse<String> nodes = http.get("/api/nodes", TOKEN);
    assertEquals(200, nodes.statusCode(), nodes.body());
    JsonObject self = new JsonArray(nodes.body()).getJsonObject(0);
    assertEquals("admin-bridge", self.getString("nodeId"));
    assertEquals(46400, self.getJsonObject("media").getInteger("rtcPortMin"));

    assertEquals(404, http.get("/api/rooms/nowhere", TOKEN).statusCode());
    assertEquals(404, http.get("/api/rooms/nowhere/peers", TOKEN).statusCode());
    assertEquals(404, http.call("DELETE", "/api/rooms/nowhere", TOKEN).statusCode());
    assertEquals(404, http.call("POST", "/api/nodes/no-such-node/drain", TOKEN).statusCode());
    HttpResponse<String> bad = http.call("DELETE", "/api/rooms/bad%20id", TOKEN);
    assertEquals(400, bad.statusCode());
    assertEquals("bad_request", new JsonObject(bad.body()).getString("error"));
    assertEquals("[]", http.get("/api/rooms", TOKEN).body());

    HttpResponse<String> drain = http.call("POST", "/api/nodes/admin-bridge/drain", TOKEN);
    assertEquals(200, drain.statusCode(), drain.body());
    assertTrue(new JsonObject(drain.body()).getBoolean("draining"));
    Waits.until(
        "node announced as draining",
        WAIT,
        () -> Waits.await(new RoomRegistry(node.vertx()).mediaNodes()).get(0).draining());
  }

  @Test
  void metricsAreValidPrometheusTextWithTheMediaMetrics() {
    Waits.until(
        "stockpot metrics for this node",
        WAIT,
        () -> http.get("/metrics", null).body().contains("stockpot_rooms{node=\"admin-bridge\"}"));
    HttpResponse<String> metrics = http.get("/metrics", null);
    assertEquals(200, metrics.statusCode());
    Map<String, Double> series = PrometheusText.parse(metrics.body());
    for (String name :
        List.of(
            "stockpot_rooms",
            "stockpot_peers",
            "stockpot_producers",
            "stockpot_consumers",
            "stockpot_packets_in_total",
            "stockpot_bytes_out_total",
            "stockpot_srtp_failures_total",
            "stockpot_dtls_handshakes_total",
            "stockpot_node_forwarded_bitrate")) {
      assertTrue(series.containsKey(name + "{node=\"admin-bridge\"}"), name);
    }
    assertTrue(
        series.keySet().stream().anyMatch(s -> s.startsWith("vertx_eventbus_")), "vertx metrics");
  }
}
