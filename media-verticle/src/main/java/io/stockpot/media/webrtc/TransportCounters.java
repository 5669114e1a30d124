package io.stockpot.media.webrtc;

import io.vertx.core.json.JsonObject;

/**
 * What one WebRTC transport received, sent and dropped, step by step: every datagram that does not
 * make it through is counted under the reason it was dropped.
 */
public final class TransportCounters {
  long datagramsIn;
  long bytesIn;
  long stunIn;
  long stunRejected;
  long dtlsIn;
  long dtlsDropped;
  long rtpIn;
  long rtcpIn;
  long mediaBeforeSrtp;
  long srtpAuthFailures;
  long srtpReplays;
  long srtpOtherFailures;
  long unknownPackets;
  long rtpOut;
  long rtcpOut;
  long bytesOut;
  long protectFailures;

  /** Bytes sent on this transport so far: media, RTCP, STUN and DTLS. */
  public long bytesOut() {
    return bytesOut;
  }

  public long srtpAuthFailures() {
    return srtpAuthFailures;
  }

  public long srtpReplays() {
    return srtpReplays;
  }

  public long rtpIn() {
    return rtpIn;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("datagramsIn", datagramsIn)
        .put("bytesIn", bytesIn)
        .put("stunIn", stunIn)
        .put("stunRejected", stunRejected)
        .put("dtlsIn", dtlsIn)
        .put("dtlsDropped", dtlsDropped)
        .put("rtpIn", rtpIn)
        .put("rtcpIn", rtcpIn)
        .put("mediaBeforeSrtp", mediaBeforeSrtp)
        .put("srtpAuthFailures", srtpAuthFailures)
        .put("srtpReplays", srtpReplays)
        .put("srtpOtherFailures", srtpOtherFailures)
        .put("unknownPackets", unknownPackets)
        .put("rtpOut", rtpOut)
        .put("rtcpOut", rtcpOut)
        .put("bytesOut", bytesOut)
        .put("protectFailures", protectFailures);
  }
}
