package io.stockpot.signaling.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** {@code stockpot_drops_total{node, reason}}: each room's drops, added up step by step. */
class MediaMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MediaMetrics metrics = new MediaMetrics(registry);

  private static JsonObject status(JsonObject... rooms) {
    JsonArray list = new JsonArray();
    for (JsonObject r : rooms) {
      list.add(r);
    }
    return new JsonObject().put("nodeId", "n1").put("rooms", list);
  }

  private static JsonObject room(String id, long auth, long noProducer) {
    return new JsonObject()
        .put("roomId", id)
        .put("drops", new JsonObject().put("srtp_auth", auth).put("no_producer", noProducer));
  }

  private double drops(String reason) {
    return registry.get("stockpot.drops").tag("node", "n1").tag("reason", reason).counter().count();
  }

  @Test
  void dropsAddUpAcrossRoomsAndSnapshots() {
    metrics.onSnapshot(status(room("a", 3, 1), room("b", 2, 0)), 1_000);
    assertEquals(5.0, drops("srtp_auth"));
    assertEquals(1.0, drops("no_producer"));
    metrics.onSnapshot(status(room("a", 4, 1), room("b", 2, 7)), 2_000);
    assertEquals(6.0, drops("srtp_auth"));
    assertEquals(8.0, drops("no_producer"));
  }

  @Test
  void aRoomThatClosedAndReopenedStartsFromZeroWithoutGoingBack() {
    metrics.onSnapshot(status(room("a", 10, 0)), 1_000);
    metrics.onSnapshot(status(), 2_000);
    metrics.onSnapshot(status(room("a", 2, 0)), 3_000);
    assertEquals(12.0, drops("srtp_auth"));
  }
}
