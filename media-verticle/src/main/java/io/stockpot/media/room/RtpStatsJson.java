package io.stockpot.media.room;

import io.stockpot.media.router.Consumer;
import io.stockpot.media.router.Producer;
import io.stockpot.media.router.RtpStreamRecv;
import io.stockpot.media.router.SimulcastConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Producers' and consumers' scores and stats as the client and the status read them, in mediasoup's
 * shapes; the router keeps only the figures. Bitrates are bit/s over the last rate window, times
 * are ms of the room's clock.
 */
public final class RtpStatsJson {
  private RtpStatsJson() {}

  /** The score of each encoding, mediasoup's {@code producerScore} shape. */
  static JsonArray producerScore(Producer p) {
    JsonArray scores = new JsonArray();
    RtpStreamRecv[] streams = p.streams();
    for (int i = 0; i < streams.length; i++) {
      if (streams[i] != null) {
        JsonObject s =
            new JsonObject()
                .put("encodingIdx", i)
                .put("ssrc", streams[i].ssrc())
                .put("score", streams[i].score());
        if (p.rid(i) != null) {
          s.put("rid", p.rid(i));
        }
        scores.add(s);
      }
    }
    return scores;
  }

  /** {@code getProducerStats}: one mediasoup {@code inbound-rtp} entry per stream. */
  public static JsonArray producerStats(Producer p, long nowMs) {
    JsonArray stats = new JsonArray();
    RtpStreamRecv[] streams = p.streams();
    for (int i = 0; i < streams.length; i++) {
      RtpStreamRecv s = streams[i];
      if (s == null) {
        continue;
      }
      JsonObject entry =
          new JsonObject()
              .put("type", "inbound-rtp")
              .put("timestamp", nowMs)
              .put("ssrc", s.ssrc())
              .put("kind", p.kind())
              .put("mimeType", p.mimeType())
              .put("packetCount", s.packetCount())
              .put("byteCount", s.byteCount())
              .put("bitrate", s.bitrate(nowMs))
              .put("packetsLost", s.packetsLost())
              .put("fractionLost", s.fractionLost())
              .put("packetsDiscarded", p.packetsDiscarded())
              .put("packetsRetransmitted", s.retransmittedCount())
              .put("rtxPacketCount", s.rtxPacketCount())
              .put("jitter", s.jitter())
              .put("nackCount", s.nackCount())
              .put("pliCount", s.pliCount())
              .put("firCount", 0)
              .put("score", s.score());
      if (p.rtxSsrc(i) != 0) {
        entry.put("rtxSsrc", p.rtxSsrc(i));
      }
      if (p.rid(i) != null) {
        entry.put("rid", p.rid(i));
      }
      stats.add(entry);
    }
    return stats;
  }

  /** {@code getConsumerStats}: mediasoup's {@code outbound-rtp} entry, then the producer's. */
  public static JsonArray consumerStats(Consumer c, long nowMs) {
    JsonObject out =
        new JsonObject()
            .put("type", "outbound-rtp")
            .put("timestamp", nowMs)
            .put("ssrc", c.ssrc())
            .put("kind", c.kind())
            .put("packetCount", c.packetsSent())
            .put("byteCount", c.bytesSent())
            .put("bitrate", c.bitrate(nowMs))
            .put("packetsRetransmitted", c.packetsRetransmitted())
            .put("nackCount", c.nackCount())
            .put("pliCount", c.pliCount())
            .put("fractionLost", c.fractionLost())
            .put("score", c.score());
    if (c.roundTripTimeMs() >= 0) {
      // mediasoup reports the round trip in seconds.
      out.put("roundTripTime", c.roundTripTimeMs() / 1000.0);
    }
    if (c.rtxSsrc() != 0) {
      out.put("rtxSsrc", c.rtxSsrc());
    }
    if (c instanceof SimulcastConsumer s) {
      // The layers as mediasoup's SimulcastConsumer dump names them (current: null before the
      // first key frame).
      out.put("preferredSpatialLayer", s.preferredSpatialLayer())
          .put("preferredTemporalLayer", s.preferredTemporalLayer())
          .put("targetSpatialLayer", s.targetSpatialLayer())
          .put("targetTemporalLayer", s.targetTemporalLayer())
          .put("currentSpatialLayer", s.currentSpatialLayer() < 0 ? null : s.currentSpatialLayer())
          .put(
              "currentTemporalLayer",
              s.currentTemporalLayer() < 0 ? null : s.currentTemporalLayer());
    }
    JsonArray stats = new JsonArray().add(out);
    producerStats(c.producer(), nowMs).forEach(stats::add);
    return stats;
  }
}
