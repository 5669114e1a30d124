package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.peer.JavaPeer;
import io.stockpot.peer.PeerOptions;
import io.stockpot.peer.PeerStats;
import io.stockpot.peer.RtcpCounters;
import io.stockpot.peer.TransportStats;
import io.stockpot.testkit.TestNode;
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
    node = TestNode.start("ingest-test", "45000-45099", "--room-close-delay", "300");
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
        Duration.ofSeconds(60));
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
        Duration.ofSeconds(30),
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
  void badDatagramsAreCountedAndTheTransportGoesOn() throws Exception {
    JavaPeer sender = peer("victim", false);
    String video = Waits.await(sender.produceVideo(300_000));
    Waits.until(
        "media to flow",
        Duration.ofSeconds(30),
        () -> packetCount(producerStats(sender, video)) > 50);
    var transport = sender.transports().get(0);
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 300; i++) {
      byte[] junk = new byte[1 + random.nextInt(1200)];
      random.nextBytes(junk);
      switch (i % 4) {
        case 0 -> junk[0] = (byte) 0x80; // RTP with a bad tag
        case 1 -> junk[0] = (byte) 22; // DTLS junk
        case 2 -> junk[0] = 0; // STUN-looking garbage
        default -> {} // anything
      }
      if (i % 4 == 0 && junk.length > 1) {
        junk[1] = (byte) 96;
      }
      transport.sendDatagram(junk);
    }
    // A stranger's datagrams reach no transport at all.
    try (java.net.DatagramSocket stranger = new java.net.DatagramSocket()) {
      int port =
          Waits.await(node.status())
              .getJsonArray("rooms")
              .getJsonObject(0)
              .getJsonArray("ports")
              .getInteger(0);
      for (int i = 0; i < 50; i++) {
        byte[] junk = new byte[100];
        random.nextBytes(junk);
        stranger.send(
            new java.net.DatagramPacket(
                junk, junk.length, java.net.InetAddress.getLoopbackAddress(), port));
      }
    }
    long before = packetCount(producerStats(sender, video));
    Waits.until(
        "media to keep flowing",
        Duration.ofSeconds(30),
        () -> packetCount(producerStats(sender, video)) > before + 50);
    JsonObject counters =
        ((JsonArray)
                Waits.await(
                    sender
                        .protoo()
                        .requestValue(
                            "getTransportStats",
                            new JsonObject().put("transportId", transport.id()))))
            .getJsonObject(0)
            .getJsonObject("counters");
    assertTrue(counters.getLong("srtpAuthFailures") > 0, counters.encode());
    assertEquals(
        counters.getLong("srtpAuthFailures"),
        counters.getJsonObject("drops").getLong("srtp_auth"),
        "one count, two names: " + counters.encode());
    assertTrue(
        counters.getLong("stunRejected") + counters.getLong("unknownPackets") > 0,
        counters.encode());
    assertTrue(counters.getLong("dtlsIn") > 0, counters.encode());
    JsonObject room = Waits.await(node.status()).getJsonArray("rooms").getJsonObject(0);
    assertTrue(room.getLong("unroutedDatagrams") >= 50, room.encode());
    // The room's drops keep what its transports dropped, and what reached no transport.
    JsonObject drops = room.getJsonObject("drops");
    assertTrue(drops.getLong("unknown_tuple") >= 50, drops.encode());
    assertTrue(drops.getLong("srtp_auth") >= counters.getLong("srtpAuthFailures"), drops.encode());
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
        Duration.ofSeconds(45),
        () -> receiver.stats().consumers() == 2 && receivedPerConsumer(receiver) > 100);
    // Sender reports for the consumers' streams, carrying the sender's clock mapping.
    Waits.until(
        "sender reports for bob's consumers",
        Duration.ofSeconds(20),
        () ->
            receiver.stats().transports().stream()
                    .mapToLong(t -> t.rtcpReceived().getOrDefault(RtcpCounters.Kind.SR.name(), 0L))
                    .sum()
                >= 2);
    Waits.await(receiver.close());
    Waits.await(sender.close());
  }

  @Test
  void pauseAndResumeKeepTheConsumersSequenceNumbersContinuous() throws Exception {
    JavaPeer sender = peer("carol", true);
    Waits.await(sender.produceVideo(400_000));
    JavaPeer receiver = peer("dave", true);
    Waits.until(
        "dave receives video",
        Duration.ofSeconds(45),
        () -> video(receiver) != null && video(receiver).packets() > 50);
    String consumerId = video(receiver).consumerId();
    JsonObject id = new JsonObject().put("consumerId", consumerId);
    Waits.await(receiver.protoo().request("pauseConsumer", id));
    Thread.sleep(300);
    long paused = video(receiver).packets();
    Thread.sleep(700);
    assertTrue(video(receiver).packets() - paused < 5, "nothing arrives while paused");
    Waits.await(receiver.protoo().request("resumeConsumer", id));
    Waits.until(
        "video again", Duration.ofSeconds(30), () -> video(receiver).packets() > paused + 50);
    // A gap in the consumer's sequence numbers would show as loss: there is none.
    assertEquals(0, video(receiver).lost(), video(receiver).toString());
    Waits.await(receiver.close());
    Waits.await(sender.close());
  }

  /** The receiver's stream of the other peer's video (the router's VP8 payload type, 101). */
  private static TransportStats.ReceivedStreamStats video(JavaPeer peer) {
    for (TransportStats t : peer.stats().transports()) {
      for (TransportStats.ReceivedStreamStats r : t.received()) {
        if (r.consumerId() != null && r.payloadType() == 101) {
          return r;
        }
      }
    }
    return null;
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
