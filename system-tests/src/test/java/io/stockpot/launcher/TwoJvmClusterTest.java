package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.testkit.NodeProcess;
import io.stockpot.testkit.ProtooTestClient;
import io.stockpot.testkit.ProtooTestClient.Transport;
import io.stockpot.testkit.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A signaling-only JVM and a media-only JVM form a real Hazelcast cluster on loopback. Peers join
 * through the signaling JVM; the room lives on the media JVM, with its UDP port bound there.
 */
@Tag("cluster")
class TwoJvmClusterTest {
  private static final Path LOGS = Path.of("target", "cluster-test");
  private static final Duration START = Duration.ofSeconds(180);

  private Vertx vertx;
  private NodeProcess media;
  private NodeProcess signaling;

  @BeforeEach
  void startCluster() throws Exception {
    Path config = clusterConfig(5911);
    media =
        NodeProcess.start(
            18181,
            LOGS.resolve("media.log"),
            "--roles",
            "media",
            "--node-id",
            "media-a",
            "--cluster",
            "--cluster-config",
            config.toString(),
            "--rtc-ports",
            "44000-44099",
            "--room-close-delay",
            "300");
    signaling =
        NodeProcess.start(
            18180,
            LOGS.resolve("signaling.log"),
            "--roles",
            "signaling",
            "--node-id",
            "signaling-a",
            "--cluster",
            "--cluster-config",
            config.toString());
    media.awaitHealthy(2, START);
    signaling.awaitHealthy(2, START);
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopCluster() throws Exception {
    if (vertx != null) {
      Waits.await(vertx.close());
    }
    if (signaling != null) {
      signaling.close();
    }
    if (media != null) {
      media.close();
    }
  }

  /** The repository's cluster.xml with its own port range, so tests never meet a dev cluster. */
  static Path clusterConfig(int port) throws Exception {
    String xml = Files.readString(Path.of("..", "cluster.xml"));
    xml =
        xml.replace(">5701<", ">" + port + "<")
            .replace(
                "<cluster-name>stockpot</cluster-name>",
                "<cluster-name>stockpot-test-" + port + "</cluster-name>");
    Files.createDirectories(LOGS);
    Path file = LOGS.resolve("cluster-" + port + ".xml");
    Files.writeString(file, xml);
    return file;
  }

  @Test
  void roomLivesOnTheMediaJvmAndClosesWhenEmpty() throws Exception {
    System.out.printf(
        "node start-up to healthy: media %d ms, signaling %d ms%n",
        media.readyMillis(), signaling.readyMillis());
    assertEquals("[\"signaling\"]", signaling.health().getJsonArray("roles").encode());
    assertEquals(0, signaling.health().getJsonArray("rooms").size());

    String query = "roomId=cluster-room&peerId=";
    try (ProtooTestClient alice =
            ProtooTestClient.connect(
                vertx, Transport.WEBSOCKET, signaling.httpPort(), query + "alice");
        ProtooTestClient bob =
            ProtooTestClient.connect(
                vertx, Transport.SOCKJS, signaling.httpPort(), query + "bob")) {
      long t0 = System.nanoTime();
      JsonObject caps = alice.requestOk("getRouterRtpCapabilities", null);
      long placeMs = (System.nanoTime() - t0) / 1_000_000;
      alice.requestOk(
          "join", new JsonObject().put("rtpCapabilities", caps).put("displayName", "A"));
      JsonArray peers =
          bob.requestOk(
                  "join", new JsonObject().put("rtpCapabilities", caps).put("displayName", "B"))
              .getJsonArray("peers");
      assertEquals("alice", peers.getJsonObject(0).getString("id"));
      assertEquals("bob", alice.awaitNotification("newPeer").getString("id"));

      JsonArray rooms = media.health().getJsonArray("rooms");
      assertEquals(1, rooms.size(), rooms.encode());
      JsonObject room = rooms.getJsonObject(0);
      assertEquals("cluster-room", room.getString("roomId"));
      assertEquals("media-a", room.getString("nodeId"));
      int port = room.getJsonArray("ports").getInteger(0);
      assertTrue(port >= 44000 && port <= 44099, "port from the media node's range: " + port);
      assertTrue(
          SignalingProtocolTest.portInUse(port), "UDP port " + port + " bound by the media JVM");

      // Round trips signaling JVM → media JVM (protoo request over loopback + event-bus hop).
      long[] rtt = new long[200];
      for (int i = 0; i < rtt.length; i++) {
        long s = System.nanoTime();
        alice.requestOk("getRouterRtpCapabilities", null);
        rtt[i] = System.nanoTime() - s;
      }
      Arrays.sort(rtt);
      System.out.printf(
          "first request (room placement + open) %d ms; protoo request via event bus: p50 %.2f ms,"
              + " p99 %.2f ms%n",
          placeMs, rtt[rtt.length / 2] / 1e6, rtt[rtt.length * 99 / 100] / 1e6);

      bob.close();
      assertEquals("bob", alice.awaitNotification("peerClosed").getString("peerId"));
      alice.close();
      Waits.until(
          "the room to close on the media JVM",
          Duration.ofSeconds(30),
          () -> media.health().getJsonArray("rooms").isEmpty());
      Waits.until(
          "port " + port + " to be freed",
          Duration.ofSeconds(20),
          () -> !SignalingProtocolTest.portInUse(port));
    }
  }
}
