package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.peer.JavaPeer;
import io.stockpot.peer.PeerOptions;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The estimate's bounds reach each transport: {@code --min-outgoing-bitrate} is the floor of every
 * transport's estimate, {@code createWebRtcTransport}'s {@code initialAvailableOutgoingBitrate}
 * (mediasoup's option) where it starts, and a malformed value is refused.
 */
class OutgoingBitrateOptionsTest {
  private Node node;

  @BeforeEach
  void start() {
    node = TestNode.start("bwe-options", "46100-46119", "--min-outgoing-bitrate", "250000");
  }

  @AfterEach
  void stop() {
    Waits.await(node.stop());
  }

  private static JsonObject stats(JavaPeer peer, String transportId) {
    JsonArray stats =
        (JsonArray)
            Waits.await(
                peer.protoo()
                    .requestValue(
                        "getTransportStats", new JsonObject().put("transportId", transportId)));
    return stats.getJsonObject(0);
  }

  private static Future<Object> create(JavaPeer peer, Object initialBitrate) {
    return peer.protoo()
        .requestValue(
            "createWebRtcTransport",
            new JsonObject()
                .put("forceTcp", false)
                .put("producing", false)
                .put("consuming", true)
                .put("initialAvailableOutgoingBitrate", initialBitrate));
  }

  @Test
  void floorAndInitialBitrateReachTheTransport() throws Exception {
    JavaPeer peer =
        Waits.await(
            JavaPeer.connect(
                node.vertx(),
                "127.0.0.1",
                node.httpPort(),
                "bwe",
                "p",
                PeerOptions.defaults().withConsume(false)),
            Duration.ofSeconds(60));
    JsonObject created = (JsonObject) Waits.await(create(peer, 400_000));
    JsonObject s = stats(peer, created.getString("id"));
    System.out.println("transport stats: " + s.encode());
    assertEquals(400_000L, s.getLong("availableOutgoingBitrate"));
    assertEquals(
        250_000L, s.getJsonObject("congestionControl").getLong("minimumAvailableOutgoingBitrate"));

    // Below the floor: starts at the floor.
    JsonObject low = (JsonObject) Waits.await(create(peer, 1_000));
    assertEquals(250_000L, stats(peer, low.getString("id")).getLong("availableOutgoingBitrate"));

    Throwable refused =
        create(peer, "fast").toCompletionStage().handle((v, e) -> e).toCompletableFuture().get();
    assertTrue(
        refused != null && refused.getMessage().contains("initialAvailableOutgoingBitrate"),
        String.valueOf(refused));
    Waits.await(peer.close());
  }
}
