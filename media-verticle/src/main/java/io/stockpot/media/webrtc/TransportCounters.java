package io.stockpot.media.webrtc;

import io.stockpot.media.router.DropCounters;
import io.stockpot.media.router.DropReason;
import io.vertx.core.json.JsonObject;

/**
 * What one WebRTC transport received and sent, step by step. Drops are counted once, in {@link
 * DropCounters} by {@link DropReason}; the older per-step names (stunRejected, srtpAuthFailures…)
 * are read from there and stay in the JSON as aliases.
 */
public final class TransportCounters {
  final DropCounters drops;

  long datagramsIn;
  long bytesIn;
  long stunIn;
  long dtlsIn;
  long rtpIn;
  long rtcpIn;
  long rtpOut;
  long rtcpOut;
  long bytesOut;

  TransportCounters(DropCounters roomDrops) {
    this.drops = new DropCounters(roomDrops);
  }

  /** Bytes sent on this transport so far: media, RTCP, STUN and DTLS. */
  public long bytesOut() {
    return bytesOut;
  }

  public long srtpAuthFailures() {
    return drops.get(DropReason.SRTP_AUTH);
  }

  public long srtpReplays() {
    return drops.get(DropReason.SRTP_REPLAY);
  }

  public long rtpIn() {
    return rtpIn;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("datagramsIn", datagramsIn)
        .put("bytesIn", bytesIn)
        .put("stunIn", stunIn)
        .put("stunRejected", drops.get(DropReason.STUN_REJECTED))
        .put("dtlsIn", dtlsIn)
        .put("dtlsDropped", drops.get(DropReason.DTLS_NOT_READY))
        .put("rtpIn", rtpIn)
        .put("rtcpIn", rtcpIn)
        .put("mediaBeforeSrtp", drops.get(DropReason.MEDIA_BEFORE_SRTP))
        .put("srtpAuthFailures", drops.get(DropReason.SRTP_AUTH))
        .put("srtpReplays", drops.get(DropReason.SRTP_REPLAY))
        .put("srtpOtherFailures", drops.get(DropReason.SRTP_OTHER))
        .put("unknownPackets", drops.get(DropReason.UNKNOWN_PACKET))
        .put("rtpOut", rtpOut)
        .put("rtcpOut", rtcpOut)
        .put("bytesOut", bytesOut)
        .put("protectFailures", drops.get(DropReason.PROTECT_FAILED))
        .put("drops", dropsJson(drops));
  }

  /** {@code {reason: count}} for every reason counted at least once, in path order. */
  public static JsonObject dropsJson(DropCounters drops) {
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
