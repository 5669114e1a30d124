package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.peer.JavaPeer;
import io.stockpot.peer.PeerOptions;
import io.stockpot.peer.TransportStats;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Java peer publishes VP8 simulcast (three SSRC encodings, 100/300/900 kbps, L1T3 each) to a real
 * node; another consumes it as one simulcast consumer and moves between layers with
 * setConsumerPreferredLayers. It receives one SSRC throughout, with no gap in its sequence numbers
 * across spatial switches and dropped temporal layers, and what arrives is the chosen layer: the
 * encodings' packets differ in size (one ~430-byte packet per frame at 100 kbps, four ~950-byte
 * ones at 900 kbps) and a single temporal layer carries a quarter of the frames.
 */
class SimulcastTest {
  private Node node;

  @BeforeEach
  void start() {
    node = TestNode.start("simulcast-test", "47300-47339", "--room-close-delay", "300");
  }

  @AfterEach
  void stop() {
    Waits.await(node.stop());
  }

  private JavaPeer peer(String id, boolean consume) {
    return Waits.await(
        JavaPeer.connect(
            node.vertx(),
            "127.0.0.1",
            node.httpPort(),
            "simulcast",
            id,
            PeerOptions.defaults().withConsume(consume)),
        Duration.ofSeconds(60));
  }

  @Test
  void aConsumerReceivesOneStreamOfTheChosenLayer() throws Exception {
    JavaPeer sender = peer("alice", false);
    Waits.await(sender.produceSimulcastVideo(100_000, 300_000, 900_000));
    JavaPeer receiver = peer("bob", true);
    Waits.until(
        "bob to receive the simulcast video",
        Duration.ofSeconds(45),
        () -> receiver.consumerSsrcs().size() == 1 && video(receiver).packets() > 100);
    String consumerId = receiver.consumerSsrcs().keySet().iterator().next();
    long ssrc = Integer.toUnsignedLong(receiver.consumerSsrcs().get(consumerId));
    assertEquals("simulcast", receiver.consumerTypes().get(consumerId));

    JsonObject stats = awaitLayers(receiver, consumerId, 2, 2);
    assertEquals(2, stats.getInteger("preferredSpatialLayer"), stats.encode());
    double[] top = window(receiver);
    System.out.printf("layer 2/2: %.0f bytes/packet, %.0f packets/s%n", top[0], top[1]);
    assertTrue(top[0] > 800, "900 kbps packets: " + top[0]);

    request(receiver, consumerId, 0, null);
    awaitLayers(receiver, consumerId, 0, 2);
    double[] low = window(receiver);
    System.out.printf("layer 0/2: %.0f bytes/packet, %.0f packets/s%n", low[0], low[1]);
    assertTrue(low[0] < 600, "100 kbps packets: " + low[0]);

    request(receiver, consumerId, 1, 0);
    awaitLayers(receiver, consumerId, 1, 0);
    double[] mid = window(receiver);
    System.out.printf("layer 1/0: %.0f bytes/packet, %.0f packets/s%n", mid[0], mid[1]);
    assertTrue(mid[0] > 500 && mid[0] < 800, "300 kbps packets: " + mid[0]);
    // 30 fps, two packets a frame; the base layer is every fourth frame: 15 packets/s, not 60.
    assertTrue(mid[1] < 30, "base temporal layer only: " + mid[1] + " packets/s");

    request(receiver, consumerId, 2, 2);
    awaitLayers(receiver, consumerId, 2, 2);
    Thread.sleep(500);

    Set<Long> media = new HashSet<>();
    for (TransportStats t : receiver.stats().transports()) {
      for (TransportStats.ReceivedStreamStats r : t.received()) {
        assertTrue(
            r.consumerId() != null && r.consumerId().startsWith(consumerId),
            "only the consumer's stream and its RTX: " + r);
        if (r.payloadType() == 101) {
          media.add(r.ssrc());
        }
      }
    }
    assertEquals(Set.of(ssrc), media, "one media SSRC throughout");
    // A gap in the consumer's sequence numbers would show as loss: there is none.
    assertEquals(0, video(receiver).lost(), video(receiver).toString());
    Map<String, Long> notifications = receiver.stats().notifications();
    assertTrue(
        notifications.getOrDefault("consumerLayersChanged", 0L) >= 3, notifications.toString());
    Waits.await(receiver.close());
    Waits.await(sender.close());
  }

  private static void request(JavaPeer peer, String consumerId, int spatial, Integer temporal) {
    JsonObject data = new JsonObject().put("consumerId", consumerId).put("spatialLayer", spatial);
    if (temporal != null) {
      data.put("temporalLayer", temporal);
    }
    Waits.await(peer.protoo().request("setConsumerPreferredLayers", data));
  }

  /** Waits for the consumer's current layers; answers its outbound-rtp stats entry. */
  private static JsonObject awaitLayers(
      JavaPeer peer, String consumerId, int spatial, int temporal) {
    JsonObject[] last = {null};
    Waits.until(
        "layers " + spatial + "/" + temporal,
        Duration.ofSeconds(20),
        () -> {
          JsonArray stats =
              (JsonArray)
                  Waits.await(
                      peer.protoo()
                          .requestValue(
                              "getConsumerStats", new JsonObject().put("consumerId", consumerId)));
          last[0] = stats.getJsonObject(0);
          return Integer.valueOf(spatial).equals(last[0].getInteger("currentSpatialLayer"))
              && Integer.valueOf(temporal).equals(last[0].getInteger("currentTemporalLayer"));
        });
    return last[0];
  }

  /** Bytes per packet and packets per second received over the next 1.5 s. */
  private static double[] window(JavaPeer peer) throws InterruptedException {
    Thread.sleep(300); // past the switch
    TransportStats.ReceivedStreamStats a = video(peer);
    long start = System.nanoTime();
    Thread.sleep(1500);
    TransportStats.ReceivedStreamStats b = video(peer);
    double seconds = (System.nanoTime() - start) / 1e9;
    long packets = b.packets() - a.packets();
    return new double[] {
      packets == 0 ? 0 : (double) (b.bytes() - a.bytes()) / packets, packets / seconds
    };
  }

  private static TransportStats.ReceivedStreamStats video(JavaPeer peer) {
    for (TransportStats t : peer.stats().transports()) {
      for (TransportStats.ReceivedStreamStats r : t.received()) {
        if (r.consumerId() != null && r.payloadType() == 101) {
          return r;
        }
      }
    }
    return new TransportStats.ReceivedStreamStats(0, null, 0, 0, 0, 0);
  }
}
