package io.stockpot.media;

import io.stockpot.media.room.Peer;
import io.stockpot.media.room.RtpStatsJson;
import io.stockpot.media.room.TransportJson;
import io.stockpot.media.router.Consumer;
import io.stockpot.media.router.Producer;
import io.stockpot.media.webrtc.WebRtcTransport;
import io.stockpot.registry.StatsFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;

/**
 * What an operator sees of a room: each peer with its transports, producers and consumers (bitrate,
 * loss, score), and the room's totals. Built once a second on the room's event loop, off the packet
 * path, so it may allocate freely.
 *
 * <p>Totals are sums over the live transports and consumers: they drop when one closes. Readers
 * that need monotonic counters (the metrics) add up the positive steps between snapshots.
 */
final class RoomSnapshot {
  private long bitrateIn;
  private long bitrateOut;
  private int producers;
  private int consumers;
  private double lossSum;
  private int lossCount;
  private int minScore = 10;
  private long packetsIn;
  private long bytesIn;
  private long packetsOut;
  private long bytesOut;
  private long retransmissions;
  private long srtpFailures;
  private long stunFailures;
  private long rttSum;
  private int rttCount;

  private RoomSnapshot() {}

  /**
   * @param dtlsHandshakes DTLS handshakes the room's transports completed since it opened
   */
  static JsonObject build(
      JsonObject base, Collection<Peer> joined, long dtlsHandshakes, long nowMs) {
    RoomSnapshot s = new RoomSnapshot();
    JsonArray peers = new JsonArray();
    for (Peer peer : joined) {
      peers.add(s.peer(peer, nowMs));
    }
    return base.put(StatsFields.PEER_STATS, peers)
        .put(StatsFields.PRODUCERS, s.producers)
        .put(StatsFields.CONSUMERS, s.consumers)
        .put(StatsFields.BITRATE_IN, s.bitrateIn)
        .put(StatsFields.BITRATE_OUT, s.bitrateOut)
        .put(StatsFields.FRACTION_LOST, s.lossCount == 0 ? 0.0 : s.lossSum / s.lossCount)
        .put(StatsFields.SCORE, s.producers + s.consumers == 0 ? null : s.minScore)
        .put(StatsFields.RTT, s.rttCount == 0 ? null : s.rttSum / s.rttCount)
        .put(
            StatsFields.TOTALS,
            new JsonObject()
                .put(StatsFields.PACKETS_IN, s.packetsIn)
                .put(StatsFields.BYTES_IN, s.bytesIn)
                .put(StatsFields.PACKETS_OUT, s.packetsOut)
                .put(StatsFields.BYTES_OUT, s.bytesOut)
                .put(StatsFields.RETRANSMISSIONS, s.retransmissions)
                .put(StatsFields.SRTP_FAILURES, s.srtpFailures)
                .put(StatsFields.STUN_FAILURES, s.stunFailures)
                .put(StatsFields.DTLS_HANDSHAKES, dtlsHandshakes));
  }

  private JsonObject peer(Peer peer, long nowMs) {
    JsonArray transports = new JsonArray();
    for (WebRtcTransport t : peer.transports().values()) {
      JsonObject stats = TransportJson.stats(t, nowMs);
      JsonObject c = stats.getJsonObject("counters");
      packetsIn += c.getLong("rtpIn", 0L) + c.getLong("rtcpIn", 0L);
      bytesIn += c.getLong("bytesIn", 0L);
      packetsOut += c.getLong("rtpOut", 0L) + c.getLong("rtcpOut", 0L);
      bytesOut += c.getLong("bytesOut", 0L);
      srtpFailures +=
          c.getLong("srtpAuthFailures", 0L)
              + c.getLong("srtpReplays", 0L)
              + c.getLong("srtpOtherFailures", 0L);
      stunFailures += c.getLong("stunRejected", 0L);
      transports.add(
          new JsonObject()
              .put("id", t.id())
              .put("iceState", stats.getString("iceState"))
              .put("dtlsState", stats.getString("dtlsState"))
              .put("recvBitrate", stats.getLong("recvBitrate"))
              .put("sendBitrate", stats.getLong("sendBitrate"))
              .put(StatsFields.AVAILABLE_OUTGOING_BITRATE, t.availableOutgoingBitrate())
              .put("tuple", stats.getJsonObject("iceSelectedTuple"))
              .put("drops", c.getJsonObject("drops")));
    }
    JsonArray producerList = new JsonArray();
    for (Producer p : peer.producers().values()) {
      producerList.add(producer(p, nowMs));
    }
    JsonArray consumerList = new JsonArray();
    for (Consumer c : peer.consumers().values()) {
      consumerList.add(consumer(c, nowMs));
    }
    return new JsonObject()
        .put("id", peer.id())
        .put("displayName", peer.displayName())
        .put("transports", transports)
        .put("producers", producerList)
        .put("consumers", consumerList);
  }

  private JsonObject producer(Producer p, long nowMs) {
    producers++;
    long bitrate = 0;
    long packets = 0;
    long lost = 0;
    double fractionLost = 0;
    int score = 10;
    for (Object o : RtpStatsJson.producerStats(p, nowMs)) {
      JsonObject st = (JsonObject) o;
      bitrate += st.getLong("bitrate", 0L);
      packets += st.getLong("packetCount", 0L);
      lost += st.getLong("packetsLost", 0L);
      fractionLost = Math.max(fractionLost, st.getDouble("fractionLost", 0.0));
      score = Math.min(score, st.getInteger("score", 10));
    }
    bitrateIn += bitrate;
    lossSum += fractionLost;
    lossCount++;
    minScore = Math.min(minScore, score);
    return new JsonObject()
        .put("id", p.id())
        .put("kind", p.kind())
        .put("paused", p.paused())
        .put("bitrate", bitrate)
        .put("packets", packets)
        .put("packetsLost", lost)
        .put("fractionLost", fractionLost)
        .put("score", score);
  }

  private JsonObject consumer(Consumer c, long nowMs) {
    consumers++;
    JsonObject out = RtpStatsJson.consumerStats(c, nowMs).getJsonObject(0);
    long bitrate = out.getLong("bitrate", 0L);
    bitrateOut += bitrate;
    retransmissions += out.getLong("packetsRetransmitted", 0L);
    if (c.roundTripTimeMs() >= 0) {
      rttSum += c.roundTripTimeMs();
      rttCount++;
    }
    minScore = Math.min(minScore, c.score());
    return new JsonObject()
        .put("id", c.id())
        .put("kind", c.kind())
        .put("producerId", c.producer().id())
        .put("producerPeerId", c.producer().peerId())
        .put("paused", c.paused())
        .put("bitrate", bitrate)
        .put("packets", c.packetsSent())
        .put("fractionLost", out.getValue("fractionLost"))
        .put("rtt", c.roundTripTimeMs() < 0 ? null : c.roundTripTimeMs())
        .put("score", c.score());
  }
}
