package io.stockpot.signaling.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stockpot.launcher.Node;
import io.stockpot.peer.JavaPeer;
import io.stockpot.peer.PeerOptions;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.StatsFields;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot a media node publishes on {@link Addresses#MEDIA_STATS}, read by the signaling
 * side's {@link MediaMetrics}: every field the metrics read is written, and the values arrive.
 */
class MediaStatsContractTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private Node node;

  @BeforeEach
  void start() {
    node = TestNode.start("stats-contract", "46700-46719");
  }

  @AfterEach
  void stop() {
    Waits.await(node.stop());
  }

  @Test
  void aMediaSnapshotFeedsTheMetrics() {
    AtomicReference<JsonObject> latest = new AtomicReference<>();
    Waits.await(
        node.vertx()
            .eventBus()
            .<JsonObject>consumer(Addresses.MEDIA_STATS, m -> latest.set(m.body()))
            .completion());
    JavaPeer sender =
        Waits.await(
            JavaPeer.connect(
                node.vertx(),
                "127.0.0.1",
                node.httpPort(),
                "stats",
                "sender",
                PeerOptions.defaults().withConsume(false)),
            WAIT);
    Waits.await(sender.produceAudio());
    Waits.await(sender.produceVideo(300_000));
    Waits.until(
        "a snapshot with the sender's media counted",
        WAIT,
        () -> {
          JsonObject s = latest.get();
          if (s == null || s.getJsonArray(StatsFields.ROOMS).isEmpty()) {
            return false;
          }
          JsonObject room = s.getJsonArray(StatsFields.ROOMS).getJsonObject(0);
          return room.getLong(StatsFields.BITRATE_IN) > 0
              && room.getJsonObject(StatsFields.TOTALS).getLong(StatsFields.PACKETS_IN) > 100;
        });
    JsonObject snapshot = latest.get();
    JsonObject room = snapshot.getJsonArray(StatsFields.ROOMS).getJsonObject(0);
    JsonObject totals = room.getJsonObject(StatsFields.TOTALS);
    for (String[] counter : MediaMetrics.COUNTERS) {
      assertTrue(totals.containsKey(counter[0]), counter[0] + " in " + totals.encode());
    }
    for (String field : StatsFields.TOTAL_COUNTERS) {
      assertTrue(totals.containsKey(field), field + " in " + totals.encode());
    }
    for (int i = 2; i < MediaMetrics.GAUGES.length; i++) {
      assertTrue(room.containsKey(MediaMetrics.GAUGES[i][0]), MediaMetrics.GAUGES[i][0]);
    }

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new MediaMetrics(registry).onSnapshot(snapshot, 0);
    String nodeId = "stats-contract";
    assertEquals(1.0, registry.get("stockpot.rooms").tag("node", nodeId).gauge().value());
    assertEquals(1.0, registry.get("stockpot.peers").tag("node", nodeId).gauge().value());
    assertEquals(2.0, registry.get("stockpot.producers").tag("node", nodeId).gauge().value());
    assertEquals(
        (double) room.getLong(StatsFields.BITRATE_IN),
        registry.get("stockpot.node.received.bitrate").tag("node", nodeId).gauge().value());
    assertEquals(
        (double) totals.getLong(StatsFields.PACKETS_IN),
        registry.get("stockpot.packets.in").tag("node", nodeId).counter().count());
    assertEquals(
        (double) totals.getLong(StatsFields.BYTES_IN),
        registry.get("stockpot.bytes.in").tag("node", nodeId).counter().count());
    assertTrue(registry.get("stockpot.dtls.handshakes").tag("node", nodeId).counter().count() >= 1);
    Waits.await(sender.close());
  }
}
