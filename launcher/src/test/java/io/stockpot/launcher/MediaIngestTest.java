package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.peer.JavaPeer;
import io.stockpot.peer.PeerOptions;
import io.stockpot.peer.PeerStats;
import io.stockpot.peer.RtcpCounters;
import io.stockpot.peer.TransportStats;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java peers against a real node over real UDP on loopback: ICE-lite, DTLS, SRTP; the producer's
 * stats count every packet sent, the peer gets receiver reports and transport-wide feedback, and a
 * second peer receives the first one's media through consumers.
 */
class MediaIngestTest {
  private Node node;

  @BeforeEach
  void start() {
    node =
        Waits.await(
            Node.start(
                Options.parse(
                    new String[] {
                      "--http-port",
                      "0",
                      "--http-host",
                      "127.0.0.1",
                      "--rtc-ports",
                      "45000-45099",
                      "--room-close-delay",
                      "300",
                      "--node-id",
                      "ingest-test"
                    },
                    Map.of())),
            Duration.ofSeconds(30));
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
            "ingest",
            id,
            PeerOptions.defaults().withConsume(consume)),
        Duration.ofSeconds(20));
  }

  private JsonArray producerStats(JavaPeer peer, String producerId) {
    return (JsonArray)
        Waits.await(
            peer.protoo()
                .requestValue("getProducerStats", new JsonObject().put("producerId", producerId)));
  }

  private static long packetCount(JsonArray stats) {
    return stats.stream().mapToLong(o -> ((JsonObject) o).getLong("packetCount")).sum();
  }

  @Test
  void producerCountsEveryPacketAndFeedbackFlows() throws Exception {
    JavaPeer sender = peer("sender", false);
    String audio = Waits.await(sender.produceAudio());
    String video = Waits.await(sender.produceVideo(800_000));
    Waits.until(
        "media to flow",
        Duration.ofSeconds(10),
        () -> packetCount(producerStats(sender, video)) > 200);
    Thread.sleep(1500);

    // Every packet sent before this point has reached the server a moment later.
    long sentBefore = sender.stats().sentPackets();
    Thread.sleep(300);
    long counted =
        packetCount(producerStats(sender, audio)) + packetCount(producerStats(sender, video));
    long sentAfter = sender.stats().sentPackets();
    assertTrue(
        counted >= sentBefore && counted <= sentAfter,
        "server counted " + counted + ", peer sent " + sentBefore + ".." + sentAfter);

    JsonObject videoStats = producerStats(sender, video).getJsonObject(0);
    assertEquals("video/VP8", videoStats.getString("mimeType"));
    assertEquals(0L, videoStats.getLong("packetsLost"), videoStats.encode());
    assertTrue(videoStats.getLong("bitrate") > 300_000, videoStats.encode());

    PeerStats stats = sender.stats();
    TransportStats send = stats.transports().get(0);
    Map<String, Long> rtcp = send.rtcpReceived();
    assertTrue(rtcp.getOrDefault(RtcpCounters.Kind.TRANSPORT_CC.name(), 0L) > 10, rtcp.toString());
    assertTrue(rtcp.getOrDefault(RtcpCounters.Kind.RR.name(), 0L) > 0, rtcp.toString());

    JsonArray transportStats =
        (JsonArray)
            Waits.await(
                sender
                    .protoo()
                    .requestValue(
                        "getTransportStats", new JsonObject().put("transportId", send.id())));
    JsonObject counters = transportStats.getJsonObject(0).getJsonObject("counters");
    assertEquals(0L, counters.getLong("srtpAuthFailures"), counters.encode());
    assertEquals("connected", transportStats.getJsonObject(0).getString("dtlsState"));
    assertEquals("completed", transportStats.getJsonObject(0).getString("iceState"));
    Waits.await(sender.close());
  }

  @Test
  void aSecondPeerReceivesTheFirstOnesMedia() {
    JavaPeer sender = peer("alice", true);
    Waits.await(sender.produceAudio());
    Waits.await(sender.produceVideo(500_000));
    JavaPeer receiver = peer("bob", true);
    Waits.until(
        "bob to receive alice's audio and video",
        Duration.ofSeconds(15),
        () -> receiver.stats().consumers() == 2 && receivedPerConsumer(receiver) > 100);
    Waits.await(receiver.close());
    Waits.await(sender.close());
  }

  private static long receivedPerConsumer(JavaPeer peer) {
    long min = Long.MAX_VALUE;
    int streams = 0;
    for (TransportStats t : peer.stats().transports()) {
      for (TransportStats.ReceivedStreamStats r : t.received()) {
        if (r.consumerId() != null) {
          min = Math.min(min, r.packets());
          streams++;
        }
      }
    }
    return streams < 2 ? 0 : min;
  }
}
