package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import io.stockpot.e2e.Chromium;
import io.stockpot.e2e.Page;
import io.stockpot.testkit.NodeProcess;
import io.stockpot.testkit.ProtooTestClient;
import io.stockpot.testkit.ProtooTestClient.Transport;
import io.stockpot.testkit.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scale-out across JVMs: one signaling JVM and two media JVMs in one Hazelcast cluster. Rooms
 * spread over the media JVMs; when the JVM hosting a call is killed (-9) or drained, the call's
 * Chromium pages are told to move, rejoin by themselves over their signaling connection, and decode
 * video again from the room's new node.
 */
@Tag("cluster")
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class ScaleOutClusterTest {
  private static final Path LOGS = Path.of("target", "scale-out-test");
  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Generous bound for a call to come back; the measured times are printed, not asserted. */
  private static final Duration RECOVERY = Duration.ofSeconds(180);

  private static final int SIGNALING_PORT = 18260;
  private static final String CALL = "call";
  private static final int FAILOVERS = 3;

  private Path clusterConfig;
  private NodeProcess signaling;

  /** Live media JVMs by node id. */
  private final Map<String, NodeProcess> media = new LinkedHashMap<>();

  private final Map<String, int[]> rtcRanges = new LinkedHashMap<>();
  private int mediaStarts;
  private Vertx vertx;
  private Vertx admin;
  private Chromium chromium;
  private final List<Page> pages = new ArrayList<>();

  @BeforeAll
  void startCluster() throws Exception {
    clusterConfig = TwoJvmClusterTest.clusterConfig(5951);
    signaling =
        NodeProcess.start(
            SIGNALING_PORT,
            LOGS.resolve("signaling.log"),
            "--roles",
            "signaling",
            "--node-id",
            "signaling-1",
            "--cluster",
            "--cluster-config",
            clusterConfig.toString());
    startMedia();
    startMedia();
    signaling.awaitHealthy(3, START);
    media.values().forEach(m -> m.awaitHealthy(3, START));
    vertx = Vertx.vertx();
  }

  /** A new media JVM with its own HTTP port and its own UDP range. */
  private String startMedia() throws Exception {
    int n = mediaStarts++;
    String id = "media-" + (char) ('a' + n);
    int min = 44400 + n * 100;
    NodeProcess p =
        NodeProcess.start(
            SIGNALING_PORT + 1 + n,
            LOGS.resolve(id + ".log"),
            "--roles",
            "media",
            "--node-id",
            id,
            "--cluster",
            "--cluster-config",
            clusterConfig.toString(),
            "--rtc-ports",
            min + "-" + (min + 99),
            "--room-close-delay",
            "2000");
    media.put(id, p);
    rtcRanges.put(id, new int[] {min, min + 99});
    return id;
  }

  @AfterAll
  void stopCluster() throws Exception {
    pages.forEach(Page::close);
    if (chromium != null) {
      chromium.close();
    }
    if (admin != null) {
      Waits.await(admin.close());
    }
    if (vertx != null) {
      Waits.await(vertx.close());
    }
    for (NodeProcess m : media.values()) {
      m.kill();
    }
    if (signaling != null) {
      signaling.kill();
    }
  }

  /** Rooms hosted by each live media JVM, from their {@code /health}. */
  private Map<String, JsonArray> roomsByNode() {
    Map<String, JsonArray> rooms = new LinkedHashMap<>();
    media.forEach((id, p) -> rooms.put(id, p.health().getJsonArray("rooms")));
    return rooms;
  }

  private String hostOf(String roomId) {
    for (Map.Entry<String, JsonArray> e : roomsByNode().entrySet()) {
      for (Object r : e.getValue()) {
        if (roomId.equals(((JsonObject) r).getString("roomId"))) {
          return e.getKey();
        }
      }
    }
    return null;
  }

  private JsonObject roomStatus(String roomId) {
    for (JsonArray rooms : roomsByNode().values()) {
      for (Object r : rooms) {
        if (roomId.equals(((JsonObject) r).getString("roomId"))) {
          return (JsonObject) r;
        }
      }
    }
    throw new AssertionError("room " + roomId + " is open nowhere");
  }

  @Test
  @Order(1)
  void fourRoomsLandOnBothMediaJvmsWithDistinctPorts() {
    List<ProtooTestClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        ProtooTestClient c =
            ProtooTestClient.connect(
                vertx, Transport.WEBSOCKET, SIGNALING_PORT, "roomId=spread-" + i + "&peerId=p");
        clients.add(c);
        c.requestOk("getRouterRtpCapabilities", null);
      }
      Map<String, JsonArray> rooms = roomsByNode();
      StringBuilder perNode = new StringBuilder();
      Set<Integer> ports = new HashSet<>();
      int total = 0;
      for (Map.Entry<String, JsonArray> e : rooms.entrySet()) {
        perNode.append(e.getKey()).append('=').append(e.getValue().size()).append(' ');
        assertTrue(e.getValue().size() >= 1, "rooms on " + e.getKey() + ": " + rooms);
        total += e.getValue().size();
        int[] range = rtcRanges.get(e.getKey());
        for (Object r : e.getValue()) {
          for (Object port : ((JsonObject) r).getJsonArray("ports")) {
            int p = (Integer) port;
            assertTrue(p >= range[0] && p <= range[1], "port " + p + " in " + e.getKey());
            assertTrue(ports.add(p), "port " + p + " used by two rooms: " + rooms);
          }
        }
      }
      assertEquals(4, total, rooms.toString());
      System.out.println("rooms per media JVM after 4 placements: " + perNode.toString().trim());
    } finally {
      clients.forEach(ProtooTestClient::close);
    }
  }

  private Page openPage(String peerId) {
    if (chromium == null) {
      chromium = Chromium.launch();
    }
    String base = "http://127.0.0.1:" + SIGNALING_PORT;
    Page page =
        chromium.newPage(base + "/?room=" + CALL + "&peerId=" + peerId + "&signaling=" + base);
    pages.add(page);
    return page;
  }

  private static String videoFrom(String peerId) {
    return "window.stockpot.recvStats().then(all => all.find(s => s.peerId === '"
        + peerId
        + "' && s.kind === 'video') || null)";
  }

  /** Both pages of the call decode each other's video. */
  private void callFlows() {
    if (pages.isEmpty()) {
      openPage("ann");
      openPage("ben");
    }
    pages.get(0).waitFor(videoFrom("ben") + ".then(s => s && s.framesDecoded > 10)", WAIT);
    pages.get(1).waitFor(videoFrom("ann") + ".then(s => s && s.framesDecoded > 10)", WAIT);
  }

  /**
   * Starts a watcher in each page that records (in {@code window.recoveredAt}) when, after the room
   * moved, the other peer's video decodes again.
   */
  private void watchForRecovery() {
    String[] others = {"ben", "ann"};
    for (int i = 0; i < 2; i++) {
      pages
          .get(i)
          .eval(
              "(() => { const s = window.stockpot; const moves = s.roomMoves;"
                  + " const attempts = s.connectAttempts; window.recoveredAt = null;"
                  + " (async () => { for (;;) {"
                  + "  if (s.roomMoves > moves || s.connectAttempts > attempts) {"
                  + "   const v = (await s.recvStats()).find(x => x.peerId === '"
                  + others[i]
                  + "' && x.kind === 'video');"
                  + "   if (v && v.framesDecoded > 0) { window.recoveredAt = Date.now(); return; }"
                  + "  }"
                  + "  await new Promise(r => setTimeout(r, 20)); } })();"
                  + " return true; })()");
    }
  }

  /** Milliseconds from {@code sinceMs} until both pages decode video again. */
  private long awaitRecovery(long sinceMs) {
    long latest = 0;
    for (Page page : pages) {
      page.waitFor("window.recoveredAt !== null", RECOVERY);
      latest = Math.max(latest, ((Number) page.eval("window.recoveredAt")).longValue());
    }
    return latest - sinceMs;
  }

  @Test
  @Order(2)
  void killedMediaJvmsCallComesBackOnAnother() throws Exception {
    callFlows();
    measureEventBusTraffic();
    long[] ms = new long[FAILOVERS];
    for (int run = 0; run < FAILOVERS; run++) {
      String host = hostOf(CALL);
      assertTrue(host != null, "the call is open on a media JVM");
      watchForRecovery();
      long killedAt = System.currentTimeMillis();
      media.remove(host).kill();
      ms[run] = awaitRecovery(killedAt);
      String newHost = hostOf(CALL);
      System.out.printf(
          "failover %d: killed %s, call back on %s, video decoded again after %d ms (moves: %s)%n",
          run + 1, host, newHost, ms[run], pages.get(0).eval("window.stockpot.roomMoves"));
      assertNotEquals(host, newHost);
      assertTrue(
          pages.get(0).eval("window.stockpot.connectAttempts").equals(1),
          "the page rejoined over its signaling connection, without reconnecting");
      // A fresh media JVM joins, so that the next failover has somewhere to go.
      startMedia();
      int members = 1 + media.size();
      media.values().forEach(m -> m.awaitHealthy(members, START));
      Waits.until(
          "the signaling JVM to see " + members + " members",
          START,
          () -> signaling.health().getInteger("clusterMembers") == members);
    }
    long[] sorted = ms.clone();
    java.util.Arrays.sort(sorted);
    long median = sorted[sorted.length / 2];
    System.out.printf(
        "kill -9 of the call's media JVM to video decoded again: runs %s ms, median %d ms%n",
        java.util.Arrays.toString(ms), median);
    // Every failover recovered: awaitRecovery's deadline (RECOVERY) is the correctness bound; the
    // times are printed above and kept in docs/benchmarks.md, never asserted.
    // Nothing in the registry points at a dead node: every live node's rooms are its own.
    JsonObject health = signaling.health();
    assertTrue(
        health.getJsonObject("signaling").getLong("roomsMoved") >= FAILOVERS, health.encode());
  }

  /** Event-bus messages the call's room handles per second (requests in, pushes out). */
  private void measureEventBusTraffic() throws InterruptedException {
    JsonObject before = roomStatus(CALL);
    long t0 = System.nanoTime();
    Thread.sleep(5_000);
    JsonObject after = roomStatus(CALL);
    double s = (System.nanoTime() - t0) / 1e9;
    double requests = (after.getLong("requests") - before.getLong("requests")) / s;
    double pushes = (after.getLong("pushes") - before.getLong("pushes")) / s;
    System.out.printf(
        "steady 2-peer call: event bus %.1f requests/s into the room, %.1f pushes/s out"
            + " (%.1f messages/s incl. replies), room sends %d bit/s%n",
        requests, pushes, 2 * requests + pushes, after.getLong("bitrate"));
  }

  @Test
  @Order(3)
  void drainedMediaJvmsCallMovesAndNewRoomsGoElsewhere() throws Exception {
    callFlows();
    String host = hostOf(CALL);
    if (admin == null) {
      Config hazelcast = Node.hazelcastConfig(clusterConfig.toString(), "127.0.0.1");
      hazelcast.setLiteMember(true);
      VertxOptions options = new VertxOptions();
      options.getEventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1");
      admin =
          Waits.await(
              Vertx.builder()
                  .with(options)
                  .withClusterManager(new HazelcastClusterManager(hazelcast))
                  .buildClustered(),
              START);
    }
    watchForRecovery();
    long drainedAt = System.currentTimeMillis();
    JsonObject reply = Waits.await(Admin.drain(admin, host), WAIT);
    long ms = awaitRecovery(drainedAt);
    String newHost = hostOf(CALL);
    System.out.printf(
        "drain of %s (%s): call back on %s, video decoded again after %d ms%n",
        host, reply.encode(), newHost, ms);
    assertTrue(reply.getJsonArray("movedRooms").contains(CALL), reply.encode());
    assertNotEquals(host, newHost);
    assertEquals(0, media.get(host).health().getJsonArray("rooms").size());
    // No new room goes to the draining node.
    for (int i = 0; i < 3; i++) {
      try (ProtooTestClient c =
          ProtooTestClient.connect(
              vertx,
              Transport.WEBSOCKET,
              SIGNALING_PORT,
              "roomId=after-drain-" + i + "&peerId=p")) {
        c.requestOk("getRouterRtpCapabilities", null);
        assertNotEquals(host, hostOf("after-drain-" + i));
      }
    }
  }
}
