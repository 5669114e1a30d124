package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.e2e.Chromium;
import io.stockpot.e2e.Page;
import io.stockpot.testkit.NodeProcess;
import io.stockpot.testkit.ProtooTestClient;
import io.stockpot.testkit.ProtooTestClient.Transport;
import io.stockpot.testkit.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A call survives the death of a signaling JVM: two signaling JVMs and one media JVM in one
 * Hazelcast cluster. Both Chromium pages are served by signaling JVM A and list both servers in
 * {@code ?signaling=}; one page talks through A, the other through B (so its SockJS is
 * cross-origin). When the signaling JVM of a page is killed (-9), the page reconnects to the other
 * one and rejoins; the media JVM removes the peers whose sessions lived on the dead JVM, so a peer
 * that never comes back leaves no ghost, and video flows again both ways.
 */
@Tag("cluster")
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignalingFailoverTest {
  private static final Path LOGS = Path.of("target", "signaling-failover-test");
  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int HAZELCAST_PORT = 5971;
  private static final int PORT_A = 18300;
  private static final int PORT_B = 18301;
  private static final int PORT_MEDIA = 18302;
  private static final String ROOM = "sf";
  private static final String[] PEERS = {"ann", "ben"};

  /** Generous bound for a call to come back; the measured times are printed, not asserted. */
  private static final Duration RECOVERY = Duration.ofSeconds(180);

  private Path clusterConfig;
  private NodeProcess signalingA;
  private NodeProcess signalingB;
  private NodeProcess media;
  private Vertx vertx;
  private Chromium chromium;
  private final List<Page> pages = new ArrayList<>();
  private final List<ProtooTestClient> clients = new ArrayList<>();

  @BeforeAll
  void startCluster() throws Exception {
    clusterConfig = TwoJvmClusterTest.clusterConfig(HAZELCAST_PORT);
    media =
        NodeProcess.start(
            PORT_MEDIA,
            LOGS.resolve("media.log"),
            "--roles",
            "media",
            "--node-id",
            "media-sf",
            "--cluster",
            "--cluster-config",
            clusterConfig.toString(),
            "--rtc-ports",
            "41000-41099",
            "--room-close-delay",
            "2000");
    signalingA = startSignaling(PORT_A, "signaling-a");
    signalingB = startSignaling(PORT_B, "signaling-b");
    for (NodeProcess p : List.of(media, signalingA, signalingB)) {
      p.awaitHealthy(3, START);
    }
    vertx = Vertx.vertx();
  }

  private NodeProcess startSignaling(int port, String nodeId) throws Exception {
    return NodeProcess.start(
        port,
        LOGS.resolve(nodeId + ".log"),
        "--roles",
        "signaling",
        "--node-id",
        nodeId,
        "--cluster",
        "--cluster-config",
        clusterConfig.toString());
  }

  @AfterAll
  void stopCluster() throws Exception {
    pages.forEach(Page::close);
    if (chromium != null) {
      chromium.close();
    }
    clients.forEach(ProtooTestClient::close);
    if (vertx != null) {
      Waits.await(vertx.close());
    }
    for (NodeProcess p : new NodeProcess[] {signalingA, signalingB, media}) {
      if (p != null) {
        p.kill();
      }
    }
  }

  private static String base(int port) {
    return "http://127.0.0.1:" + port;
  }

  /** A page served by A; {@code servers} is its {@code ?signaling=} list, first one used first. */
  private Page openPage(String peerId, int... servers) {
    StringBuilder list = new StringBuilder();
    for (int port : servers) {
      list.append(list.isEmpty() ? "" : ",").append(base(port));
    }
    Page page =
        chromium.newPage(
            base(PORT_A) + "/?room=" + ROOM + "&peerId=" + peerId + "&signaling=" + list);
    // Every rendering of the page's peer list, so that a short absence is not missed.
    page.eval(
        "(() => { window.peerLog = []; const list = document.getElementById('peers');"
            + " new MutationObserver(records => { for (const r of records) {"
            + "  window.peerLog.push(Array.from(list.children, li => li.dataset.peerId).join(','));"
            + " } }).observe(list, { childList: true }); return true; })()");
    pages.add(page);
    return page;
  }

  /** A peer without media that joins through one signaling JVM and never comes back. */
  private void joinOneShotPeer(String peerId, int port) {
    ProtooTestClient c =
        ProtooTestClient.connect(
            vertx, Transport.WEBSOCKET, port, "roomId=" + ROOM + "&peerId=" + peerId);
    clients.add(c);
    JsonObject caps = c.requestOk("getRouterRtpCapabilities", null);
    c.requestOk("join", new JsonObject().put("rtpCapabilities", caps));
  }

  private static String videoFrom(String peerId) {
    return "window.stockpot.recvStats().then(all => all.filter(s => s.peerId === '"
        + peerId
        + "' && s.kind === 'video'))";
  }

  /**
   * Starts a watcher in each page that records (in {@code window.recoveredAt}) when video from the
   * other peer decodes on a consumer that did not exist when the watcher started.
   */
  private void watchForRecovery() {
    for (int i = 0; i < 2; i++) {
      pages
          .get(i)
          .eval(
              "(async () => { const old = new Set((await "
                  + videoFrom(PEERS[1 - i])
                  + ").map(s => s.id));"
                  + " window.recoveredAt = null; window.peerLog = [];"
                  + " (async () => { for (;;) {"
                  + "  const v = (await "
                  + videoFrom(PEERS[1 - i])
                  + ").find(s => !old.has(s.id) && s.framesDecoded > 0);"
                  + "  if (v) { window.recoveredAt = Date.now(); return; }"
                  + "  await new Promise(r => setTimeout(r, 20)); } })();"
                  + " return old.size; })()");
    }
  }

  /** Milliseconds from {@code sinceMs} until video decodes again on each page. */
  private long[] awaitRecovery(long sinceMs) {
    long[] ms = new long[pages.size()];
    for (int i = 0; i < ms.length; i++) {
      pages.get(i).waitFor("window.recoveredAt !== null", RECOVERY);
      ms[i] = ((Number) pages.get(i).eval("window.recoveredAt")).longValue() - sinceMs;
    }
    return ms;
  }

  /** The joined peers of the call's room on the media JVM, sorted. */
  private String roomPeers() {
    for (Object r : media.health().getJsonArray("rooms")) {
      JsonObject room = (JsonObject) r;
      if (ROOM.equals(room.getString("roomId"))) {
        List<String> ids = new ArrayList<>();
        room.getJsonArray("peers").forEach(p -> ids.add((String) p));
        ids.sort(null);
        return String.join(",", ids);
      }
    }
    return "(no room)";
  }

  private void assertExactlyTheCallLeft() {
    Waits.until("the room to hold ann and ben only", WAIT, () -> "ann,ben".equals(roomPeers()));
    // Still so a moment later: nothing removed the rejoined peers or brought a ghost back.
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertEquals("ann,ben", roomPeers());
  }

  @Test
  void callSurvivesTheDeathOfEitherSignalingJvm() throws Exception {
    long testStart = System.nanoTime();
    chromium = Chromium.launch();
    Page ann = openPage("ann", PORT_A, PORT_B);
    Page ben = openPage("ben", PORT_B, PORT_A);
    ann.waitFor(videoFrom("ben") + ".then(v => v.some(s => s.framesDecoded > 10))", WAIT);
    ben.waitFor(videoFrom("ann") + ".then(v => v.some(s => s.framesDecoded > 10))", WAIT);
    assertEquals(base(PORT_B), ben.eval("window.stockpot.signalingUrl"), "ben starts on B");
    joinOneShotPeer("carl", PORT_A);
    ben.waitFor("window.stockpot.peers.includes('carl')", WAIT);

    // Run 1: A dies. ann moves to B; ben stays on B and sees ann and carl go, then ann return.
    watchForRecovery();
    long killedAt = System.currentTimeMillis();
    signalingA.kill();
    long[] first = awaitRecovery(killedAt);
    assertEquals(base(PORT_B), ann.eval("window.stockpot.signalingUrl"));
    assertEquals(1, ((Number) ben.eval("window.stockpot.connectAttempts")).intValue());
    JsonArray benSaw = (JsonArray) ben.eval("window.peerLog");
    assertTrue(
        benSaw.stream().anyMatch(s -> !((String) s).contains("ann")),
        "ben saw ann leave (peerClosed) before she rejoined: " + benSaw);
    assertEquals("ann", ben.waitFor("window.stockpot.peers.join(',') === 'ann' && 'ann'", WAIT));
    assertExactlyTheCallLeft();

    // Run 2: A comes back as a new JVM, B dies: both pages move to A.
    signalingA = startSignaling(PORT_A, "signaling-c");
    for (NodeProcess p : List.of(signalingA, signalingB, media)) {
      p.awaitHealthy(3, START);
    }
    joinOneShotPeer("dave", PORT_B);
    ann.waitFor("window.stockpot.peers.includes('dave')", WAIT);
    watchForRecovery();
    killedAt = System.currentTimeMillis();
    signalingB.kill();
    long[] second = awaitRecovery(killedAt);
    for (Page page : pages) {
      assertEquals(base(PORT_A), page.eval("window.stockpot.signalingUrl"));
    }
    assertExactlyTheCallLeft();

    long[] all = {first[0], first[1], second[0], second[1]};
    long[] slowest = {Math.max(first[0], first[1]), Math.max(second[0], second[1])};
    System.out.printf(
        "kill -9 of a signaling JVM to video decoded again (ann, ben): run 1 (A killed) %s ms,"
            + " run 2 (B killed) %s ms; median of the runs' slower page %d ms; test %d s%n",
        Arrays.toString(first),
        Arrays.toString(second),
        (slowest[0] + slowest[1]) / 2,
        (System.nanoTime() - testStart) / 1_000_000_000);
    // Both pages decoded again after each kill (awaitRecovery's RECOVERY deadline is the bound);
    // the times are printed above and kept in docs/benchmarks.md, never asserted.
  }
}
