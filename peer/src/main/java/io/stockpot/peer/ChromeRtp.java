package io.stockpot.peer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The RTP descriptions a Chrome client signals through mediasoup-client: the device capabilities
 * sent with join, and the rtpParameters of an audio and a video producer. The extension ids match
 * what {@link ExtensionIds#CHROME_AUDIO} and {@link ExtensionIds#CHROME_VIDEO} write into packets.
 */
public final class ChromeRtp {
  public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
  public static final String ABS_SEND_TIME =
      "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
  public static final String TRANSPORT_WIDE_CC =
      "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
  public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

  private ChromeRtp() {}

  /**
   * Device capabilities: the router's codecs with their preferred payload types and its header
   * extensions with their preferred ids, all directions — what a Chrome that supports every codec
   * the router offers ends up sending.
   */
  public static JsonObject deviceCapabilities(JsonObject routerCapabilities) {
    JsonObject caps = new JsonObject();
    caps.put("codecs", routerCapabilities.getJsonArray("codecs", new JsonArray()).copy());
    caps.put(
        "headerExtensions",
        routerCapabilities.getJsonArray("headerExtensions", new JsonArray()).copy());
    return caps;
  }

  /** Opus at payload type 111 on MID "0" with one SSRC. */
  public static JsonObject audioParameters(String mid, int ssrc, String cname) {
    ExtensionIds ids = ExtensionIds.CHROME_AUDIO;
    JsonObject opus =
        new JsonObject()
            .put("mimeType", "audio/opus")
            .put("payloadType", AudioStream.OPUS_PAYLOAD_TYPE)
            .put("clockRate", AudioStream.CLOCK_RATE)
            .put("channels", 2)
            .put("parameters", new JsonObject().put("minptime", 10).put("useinbandfec", 1))
            .put("rtcpFeedback", new JsonArray().add(feedback("transport-cc", "")));
    JsonArray extensions =
        new JsonArray()
            .add(extension(MID, ids.mid()))
            .add(extension(TRANSPORT_WIDE_CC, ids.transportWideCc()))
            .add(extension(AUDIO_LEVEL, ids.audioLevel()));
    return new JsonObject()
        .put("mid", mid)
        .put("codecs", new JsonArray().add(opus))
        .put("headerExtensions", extensions)
        .put(
            "encodings",
            new JsonArray()
                .add(new JsonObject().put("ssrc", Integer.toUnsignedLong(ssrc)).put("dtx", false)))
        .put("rtcp", rtcp(cname));
  }

  /** VP8 at payload type 96 with RTX at 97, on one SSRC pair. */
  public static JsonObject videoParameters(String mid, int ssrc, int rtxSsrc, String cname) {
    ExtensionIds ids = ExtensionIds.CHROME_VIDEO;
    JsonObject vp8 =
        new JsonObject()
            .put("mimeType", "video/VP8")
            .put("payloadType", VideoStream.VP8_PAYLOAD_TYPE)
            .put("clockRate", VideoStream.CLOCK_RATE)
            .put("parameters", new JsonObject())
            .put(
                "rtcpFeedback",
                new JsonArray()
                    .add(feedback("goog-remb", ""))
                    .add(feedback("transport-cc", ""))
                    .add(feedback("ccm", "fir"))
                    .add(feedback("nack", ""))
                    .add(feedback("nack", "pli")));
    JsonObject rtx =
        new JsonObject()
            .put("mimeType", "video/rtx")
            .put("payloadType", VideoStream.RTX_PAYLOAD_TYPE)
            .put("clockRate", VideoStream.CLOCK_RATE)
            .put("parameters", new JsonObject().put("apt", VideoStream.VP8_PAYLOAD_TYPE))
            .put("rtcpFeedback", new JsonArray());
    JsonArray extensions =
        new JsonArray()
            .add(extension(MID, ids.mid()))
            .add(extension(ABS_SEND_TIME, ids.absSendTime()))
            .add(extension(TRANSPORT_WIDE_CC, ids.transportWideCc()));
    JsonObject encoding =
        new JsonObject()
            .put("ssrc", Integer.toUnsignedLong(ssrc))
            .put("rtx", new JsonObject().put("ssrc", Integer.toUnsignedLong(rtxSsrc)));
    return new JsonObject()
        .put("mid", mid)
        .put("codecs", new JsonArray().add(vp8).add(rtx))
        .put("headerExtensions", extensions)
        .put("encodings", new JsonArray().add(encoding))
        .put("rtcp", rtcp(cname));
  }

  private static JsonObject rtcp(String cname) {
    return new JsonObject().put("cname", cname).put("reducedSize", true);
  }

  private static JsonObject feedback(String type, String parameter) {
    return new JsonObject().put("type", type).put("parameter", parameter);
  }

  private static JsonObject extension(String uri, int id) {
    return new JsonObject()
        .put("uri", uri)
        .put("id", id)
        .put("encrypt", false)
        .put("parameters", new JsonObject());
  }
}
