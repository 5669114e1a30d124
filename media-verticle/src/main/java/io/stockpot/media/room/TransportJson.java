package io.stockpot.media.room;

import io.stockpot.media.bwe.SendSideBandwidthEstimator;
import io.stockpot.media.bwe.TransportCongestionControlClient;
import io.stockpot.media.dtls.DtlsFingerprint;
import io.stockpot.media.router.DropCounters;
import io.stockpot.media.router.DropReason;
import io.stockpot.media.webrtc.TransportCounters;
import io.stockpot.media.webrtc.WebRtcTransport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;

/**
 * A WebRTC transport as the client and the status read it, in mediasoup's shapes. The transport
 * only keeps the figures; the JSON is written here, at the signaling edge.
 */
public final class TransportJson {
  private TransportJson() {}

  /** What {@code createWebRtcTransport} answers: id, ICE and DTLS parameters, one candidate. */
  static JsonObject parameters(WebRtcTransport t) {
    DtlsFingerprint fp = t.localFingerprint();
    return new JsonObject()
        .put("id", t.id())
        .put("iceParameters", iceParameters(t))
        .put(
            "iceCandidates",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("foundation", "udpcandidate")
                        .put("priority", 1076302079L)
                        .put("ip", t.announcedIp())
                        .put("address", t.announcedIp())
                        .put("protocol", "udp")
                        .put("port", t.port())
                        .put("type", "host")))
        .put(
            "dtlsParameters",
            new JsonObject()
                .put("role", "auto")
                .put(
                    "fingerprints",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("algorithm", fp.algorithm())
                                .put("value", fp.value()))))
        .putNull("sctpParameters");
  }

  /** The transport's current ICE credentials; ICE-lite always. */
  static JsonObject iceParameters(WebRtcTransport t) {
    return new JsonObject()
        .put("usernameFragment", t.iceUsernameFragment())
        .put("password", t.icePassword())
        .put("iceLite", true);
  }

  /**
   * {@code getTransportStats}: mediasoup's WebRtcTransport stats at {@code nowMs} (bitrates in
   * bit/s over the last rate window), plus Stockpot's counters.
   */
  public static JsonObject stats(WebRtcTransport t, long nowMs) {
    TransportCounters counters = t.counters();
    JsonObject stats =
        new JsonObject()
            .put("type", "webrtc-transport")
            .put("transportId", t.id())
            .put("timestamp", nowMs)
            .put("iceRole", "controlled")
            .put("iceState", t.iceState())
            .put("dtlsState", t.dtlsState())
            .put("bytesReceived", counters.bytesIn())
            .put("recvBitrate", t.recvBitrate(nowMs))
            .put("bytesSent", counters.bytesOut())
            .put("sendBitrate", t.sendBitrate(nowMs))
            .put("availableOutgoingBitrate", t.availableOutgoingBitrate())
            .put("congestionControl", congestionControl(t.congestionControl()))
            .put("counters", counters(counters));
    InetSocketAddress tuple = t.selectedTuple();
    if (tuple != null) {
      stats.put(
          "iceSelectedTuple",
          new JsonObject()
              .put("localIp", t.announcedIp())
              .put("localPort", t.selectedPort())
              .put("remoteIp", tuple.getAddress().getHostAddress())
              .put("remotePort", tuple.getPort())
              .put("protocol", "udp"));
    }
    return stats;
  }

  /**
   * The transport's counters; the older per-step drop names (stunRejected, srtpAuthFailures…) are
   * read from its drop counters and kept as aliases, since dashboards read them.
   */
  static JsonObject counters(TransportCounters c) {
    DropCounters drops = c.drops();
    return new JsonObject()
        .put("datagramsIn", c.datagramsIn())
        .put("bytesIn", c.bytesIn())
        .put("stunIn", c.stunIn())
        .put("stunRejected", drops.get(DropReason.STUN_REJECTED))
        .put("dtlsIn", c.dtlsIn())
        .put("dtlsDropped", drops.get(DropReason.DTLS_NOT_READY))
        .put("rtpIn", c.rtpIn())
        .put("rtcpIn", c.rtcpIn())
        .put("mediaBeforeSrtp", drops.get(DropReason.MEDIA_BEFORE_SRTP))
        .put("srtpAuthFailures", drops.get(DropReason.SRTP_AUTH))
        .put("srtpReplays", drops.get(DropReason.SRTP_REPLAY))
        .put("srtpOtherFailures", drops.get(DropReason.SRTP_OTHER))
        .put("unknownPackets", drops.get(DropReason.UNKNOWN_PACKET))
        .put("rtpOut", c.rtpOut())
        .put("rtcpOut", c.rtcpOut())
        .put("bytesOut", c.bytesOut())
        .put("protectFailures", drops.get(DropReason.PROTECT_FAILED))
        .put("drops", drops(drops));
  }

  /**
   * The send-side estimation's state (bps, packets, feedback packets): what the estimate is made
   * of, and what could not be used.
   */
  static JsonObject congestionControl(TransportCongestionControlClient cc) {
    SendSideBandwidthEstimator e = cc.estimator();
    return new JsonObject()
        .put("delayBasedBitrate", e.delayBasedBitrate())
        .put("acknowledgedBitrate", e.acknowledgedBitrate())
        .put("lossFraction", e.lossFraction())
        .put("bandwidthUsage", e.usage().name().toLowerCase(java.util.Locale.ROOT))
        .put("minimumAvailableOutgoingBitrate", e.limits().minimumBps())
        .put("packetsNumbered", cc.packetsNumbered())
        .put("packetsWithoutSequence", cc.packetsWithoutSequence())
        .put("feedbackReceived", cc.feedbackReceived())
        .put("feedbackInvalid", cc.feedbackInvalid())
        .put("packetsAcknowledged", cc.packetsAcknowledged())
        .put("packetsLost", cc.packetsLost())
        .put("packetsUnmatched", cc.packetsUnmatched())
        .put("rembReceived", cc.rembReceived())
        .put("probeClusters", cc.probeClustersSent())
        .put("probeResults", e.probeResults())
        .put("retransmissionsRefused", cc.retransmissionsRefused());
  }

  /** {@code {reason: count}} for every reason counted at least once, in path order. */
  public static JsonObject drops(DropCounters drops) {
    JsonObject json = new JsonObject();
    for (DropReason r : DropCounters.reasons()) {
      long n = drops.get(r);
      if (n > 0) {
        json.put(r.label(), n);
      }
    }
    return json;
  }
}
