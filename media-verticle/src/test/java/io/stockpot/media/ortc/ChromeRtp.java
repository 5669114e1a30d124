package io.stockpot.media.ortc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** RTP parameters and capabilities shaped as a Chrome endpoint signals them. */
final class ChromeRtp {
  private ChromeRtp() {}

  static JsonObject routerCapabilities() {
    return RouterCapabilities.build(MediaCodecs.defaults());
  }

  /** Opus on PT 111 with mid, abs-send-time, transport-cc and audio-level extensions. */
  static JsonObject opusProducer() {
    return new JsonObject(
        """
        {"mid": "0",
         "codecs": [{"mimeType": "audio/opus", "payloadType": 111, "clockRate": 48000,
                     "channels": 2, "parameters": {"minptime": 10, "useinbandfec": 1},
                     "rtcpFeedback": [{"type": "transport-cc", "parameter": ""}]}],
         "headerExtensions": [
           {"uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "id": 4},
           {"uri": "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", "id": 2},
           {"uri": "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "id": 3},
           {"uri": "urn:ietf:params:rtp-hdrext:ssrc-audio-level", "id": 1}],
         "encodings": [{"ssrc": 1234567890, "dtx": false}],
         "rtcp": {"cname": "chromeCname01", "reducedSize": true}}
        """);
  }

  /** VP8 on PT 96 with RTX on 97, one encoding whose SSRCs exceed 2^31. */
  static JsonObject vp8Producer() {
    return new JsonObject(
        """
        {"mid": "1",
         "codecs": [
           {"mimeType": "video/VP8", "payloadType": 96, "clockRate": 90000,
            "rtcpFeedback": [{"type": "goog-remb", "parameter": ""},
                             {"type": "transport-cc", "parameter": ""},
                             {"type": "ccm", "parameter": "fir"},
                             {"type": "nack", "parameter": ""},
                             {"type": "nack", "parameter": "pli"}]},
           {"mimeType": "video/rtx", "payloadType": 97, "clockRate": 90000,
            "parameters": {"apt": 96}}],
         "headerExtensions": [
           {"uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "id": 4},
           {"uri": "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "id": 3}],
         "encodings": [{"ssrc": 2712345678, "rtx": {"ssrc": 2712345679},
                        "maxBitrate": 900000, "scalabilityMode": "L1T3"}],
         "rtcp": {"cname": "chromeCname01"}}
        """);
  }

  /** VP8 simulcast: three rid-identified encodings as Chrome sends them before SSRCs are known. */
  static JsonObject vp8SimulcastProducer() {
    JsonObject params = vp8Producer();
    params.put(
        "encodings",
        new JsonObject(
                """
                {"list": [
                  {"rid": "r0", "maxBitrate": 100000, "scalabilityMode": "L1T3",
                   "scaleResolutionDownBy": 4},
                  {"rid": "r1", "maxBitrate": 300000, "scalabilityMode": "L1T3",
                   "scaleResolutionDownBy": 2},
                  {"rid": "r2", "maxBitrate": 900000, "scalabilityMode": "L1T3"}]}
                """)
            .getJsonArray("list"));
    return params;
  }

  /** H264 Constrained Baseline with packetization-mode 1, PT 102 with RTX 103. */
  static JsonObject h264Producer(String profileLevelId, int packetizationMode) {
    return new JsonObject(
        """
        {"mid": "2",
         "codecs": [
           {"mimeType": "video/H264", "payloadType": 102, "clockRate": 90000,
            "parameters": {"level-asymmetry-allowed": 1, "packetization-mode": %d,
                           "profile-level-id": "%s"},
            "rtcpFeedback": [{"type": "nack"}, {"type": "nack", "parameter": "pli"}]},
           {"mimeType": "video/rtx", "payloadType": 103, "clockRate": 90000,
            "parameters": {"apt": 102}}],
         "encodings": [{"ssrc": 55555555, "rtx": {"ssrc": 55555556}}],
         "rtcp": {"cname": "chromeCname01"}}
        """
            .formatted(packetizationMode, profileLevelId));
  }

  /**
   * A receiving Chrome's capabilities: opus, VP8 with RTX and H264, the router's extension ids
   * except toffset which this endpoint numbers 7.
   */
  static JsonObject receiverCapabilities() {
    return new JsonObject(
        """
        {"codecs": [
           {"kind": "audio", "mimeType": "audio/opus", "preferredPayloadType": 100,
            "clockRate": 48000, "channels": 2, "parameters": {"minptime": 10},
            "rtcpFeedback": [{"type": "transport-cc", "parameter": ""}]},
           {"kind": "video", "mimeType": "video/VP8", "preferredPayloadType": 101,
            "clockRate": 90000,
            "rtcpFeedback": [{"type": "goog-remb", "parameter": ""},
                             {"type": "transport-cc", "parameter": ""},
                             {"type": "ccm", "parameter": "fir"},
                             {"type": "nack", "parameter": ""},
                             {"type": "nack", "parameter": "pli"},
                             {"type": "foo", "parameter": "FOO"}]},
           {"kind": "video", "mimeType": "video/rtx", "preferredPayloadType": 102,
            "clockRate": 90000, "parameters": {"apt": 101}},
           {"kind": "video", "mimeType": "video/H264", "preferredPayloadType": 107,
            "clockRate": 90000,
            "parameters": {"packetization-mode": 1, "profile-level-id": "42e01f"},
            "rtcpFeedback": [{"type": "nack"}, {"type": "nack", "parameter": "pli"}]}],
         "headerExtensions": [
           {"kind": "audio", "uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "preferredId": 1},
           {"kind": "video", "uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "preferredId": 1},
           {"kind": "audio", "uri": "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "preferredId": 4},
           {"kind": "video", "uri": "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "preferredId": 4},
           {"kind": "video",
            "uri": "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "preferredId": 5},
           {"kind": "audio", "uri": "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "preferredId": 10},
           {"kind": "video", "uri": "urn:ietf:params:rtp-hdrext:toffset", "preferredId": 7}]}
        """);
  }

  /** {@link #receiverCapabilities()} without the extensions of {@code uris}. */
  static JsonObject receiverCapabilitiesWithout(String... uris) {
    JsonObject caps = receiverCapabilities();
    JsonArray kept = new JsonArray();
    for (int i = 0; i < caps.getJsonArray("headerExtensions").size(); i++) {
      JsonObject ext = caps.getJsonArray("headerExtensions").getJsonObject(i);
      if (!List.of(uris).contains(ext.getString("uri"))) {
        kept.add(ext);
      }
    }
    return caps.put("headerExtensions", kept);
  }
}
