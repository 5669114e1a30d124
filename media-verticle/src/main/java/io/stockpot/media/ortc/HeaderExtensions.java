package io.stockpot.media.ortc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** RTP header extensions the router offers, with mediasoup's ids and directions. */
public final class HeaderExtensions {
  public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
  public static final String RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
  public static final String REPAIRED_RTP_STREAM_ID =
      "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
  public static final String ABS_SEND_TIME =
      "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
  public static final String TRANSPORT_WIDE_CC =
      "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

  /**
   * The transport-wide sequence number's id in the router's capabilities, hence in every consumer
   * that carries it: the transport numbers its outgoing packets under this id.
   */
  public static final int TRANSPORT_WIDE_CC_ID = 5;

  public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
  public static final String VIDEO_ORIENTATION = "urn:3gpp:video-orientation";
  public static final String TOFFSET = "urn:ietf:params:rtp-hdrext:toffset";
  public static final String ABS_CAPTURE_TIME =
      "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time";
  public static final String PLAYOUT_DELAY =
      "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay";

  private HeaderExtensions() {}

  public static JsonArray routerExtensions() {
    JsonArray list = new JsonArray();
    add(list, "audio", MID, 1, "sendrecv");
    add(list, "video", MID, 1, "sendrecv");
    add(list, "video", RTP_STREAM_ID, 2, "recvonly");
    add(list, "video", REPAIRED_RTP_STREAM_ID, 3, "recvonly");
    add(list, "audio", ABS_SEND_TIME, 4, "sendrecv");
    add(list, "video", ABS_SEND_TIME, 4, "sendrecv");
    add(list, "audio", TRANSPORT_WIDE_CC, TRANSPORT_WIDE_CC_ID, "recvonly");
    add(list, "video", TRANSPORT_WIDE_CC, TRANSPORT_WIDE_CC_ID, "sendrecv");
    add(list, "audio", AUDIO_LEVEL, 10, "sendrecv");
    add(list, "video", VIDEO_ORIENTATION, 11, "sendrecv");
    add(list, "video", TOFFSET, 12, "sendrecv");
    add(list, "audio", ABS_CAPTURE_TIME, 13, "sendrecv");
    add(list, "video", ABS_CAPTURE_TIME, 13, "sendrecv");
    add(list, "video", PLAYOUT_DELAY, 14, "sendrecv");
    return list;
  }

  private static void add(JsonArray list, String kind, String uri, int id, String direction) {
    list.add(
        new JsonObject()
            .put("kind", kind)
            .put("uri", uri)
            .put("preferredId", id)
            .put("preferredEncrypt", false)
            .put("direction", direction));
  }
}
