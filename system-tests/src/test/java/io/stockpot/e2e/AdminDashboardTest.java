package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.testkit.AdminHttp;
import io.stockpot.testkit.PrometheusText;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin dashboard in headless Chromium while two browser peers share a room: the room, its
 * peers and live bitrates show up; the metrics grow while media flows; kicking a peer through the
 * REST API removes it from the other peer's view.
 */
@Tag("browser")
class AdminDashboardTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String TOKEN = "dashboard-test-token";
  private static final String NODE = "admin-dash";

  private AdminHttp http;
  private final List<Page> pages = new ArrayList<>();

  @RegisterExtension
  final NodeAndBrowser env = new NodeAndBrowser(NODE, "46500-46599", "--admin-token", TOKEN);

  @BeforeEach
  void start() {
    http = new AdminHttp(env.node().httpPort());
  }

  private Page open(String path) {
    Page page = env.chromium().newPage("http://127.0.0.1:" + env.node().httpPort() + path);
    pages.add(page);
    return page;
  }

  private double metric(String name) {
    Map<String, Double> series = PrometheusText.parse(http.get("/metrics", null).body());
    return series.getOrDefault(name + "{node=\"" + NODE + "\"}", -1.0);
  }

  @Test
  void dashboardShowsTheRoomAndItsBitratesAndAKickRemovesAPeer() {
    Page alice = open("/?room=r&peerId=alice");
    Page bob = open("/?room=r&peerId=bob");
    for (Page p : List.of(alice, bob)) {
      p.waitFor(
          "window.stockpot.consumers.filter(c => c.kind === 'video').length === 1"
              + " && window.stockpot.consumers.filter(c => c.kind === 'audio').length === 1",
          WAIT);
    }

    Page admin = open("/admin/?token=" + TOKEN + "&room=r");
    admin.viewport(1440, 1000);
    String room = "window.stockpotAdmin.rooms.find(r => r.roomId === 'r')";
    admin.waitFor(
        "(() => { const r = "
            + room
            + "; return r && r.peers.length === 2"
            + " && r.bitrateIn > 0 && r.bitrateOut > 0; })()",
        WAIT);
    Object first = admin.eval(room + ".bitrateIn");
    admin.waitFor(room + ".bitrateIn !== " + first + " && " + room + ".bitrateIn > 0", WAIT);
    // The tables show the room, its peers and their streams.
    admin.waitFor(
        "document.getElementById('rooms').textContent.includes('r')"
            + " && document.getElementById('peers').textContent.includes('alice')"
            + " && document.getElementById('peers').textContent.includes('bob')"
            + " && /[0-9.]+ (kbps|Mbps)/.test(document.getElementById('rooms').textContent)"
            + " && document.getElementById('members').textContent.includes('"
            + NODE
            + "')"
            + " && document.getElementById('eventbus').textContent.includes('stockpot.room.*')",
        WAIT);
    admin.waitFor("window.stockpotAdmin.status === 'live'", WAIT);
    // Let the chart gather a few seconds of history before the picture.
    admin.waitFor("window.stockpotAdmin.updates > 16", WAIT);
    admin.screenshot(Path.of("target", "e2e", "admin-dashboard.png"));

    // REST: the same room, with its peers' streams.
    HttpResponse<String> peers = http.get("/api/rooms/r/peers", TOKEN);
    assertEquals(200, peers.statusCode(), peers.body());
    JsonArray peerList = new JsonArray(peers.body());
    assertEquals(2, peerList.size(), peers.body());
    for (Object p : peerList) {
      assertEquals(2, ((JsonObject) p).getJsonArray("producers").size(), peers.body());
    }

    // Media counters grow while media flows.
    double packets = metric("stockpot_packets_in_total");
    double bytesOut = metric("stockpot_bytes_out_total");
    assertTrue(packets > 0, "packets in: " + packets);
    Waits.until(
        "stockpot counters to grow",
        WAIT,
        () ->
            metric("stockpot_packets_in_total") > packets
                && metric("stockpot_bytes_out_total") > bytesOut);
    assertTrue(metric("stockpot_dtls_handshakes_total") >= 4);
    assertEquals(2.0, metric("stockpot_peers"));

    // Kick bob: refused without the right token, done with it; alice sees him go.
    assertEquals(401, http.call("DELETE", "/api/rooms/r/peers/bob", null).statusCode());
    assertEquals(403, http.call("DELETE", "/api/rooms/r/peers/bob", "wrong").statusCode());
    assertTrue((Boolean) alice.eval("window.stockpot.peers.includes('bob')"));
    HttpResponse<String> kicked = http.call("DELETE", "/api/rooms/r/peers/bob", TOKEN);
    assertEquals(200, kicked.statusCode(), kicked.body());
    alice.waitFor(
        "!window.stockpot.peers.includes('bob')"
            + " && !window.stockpot.consumers.some(c => c.peerId === 'bob')",
        WAIT);
    bob.waitFor(
        "window.stockpot.status === 'closed'"
            + " && window.stockpot.sessionClosed && window.stockpot.sessionClosed.reason === 'kicked'",
        WAIT);
    assertEquals(404, http.call("DELETE", "/api/rooms/r/peers/bob", TOKEN).statusCode());
    admin.waitFor(room + ".peers.length === 1", WAIT);
  }
}
