package io.stockpot.media.ortc;

import static io.stockpot.media.ortc.JsonFields.objects;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed RTP parameters to and from mediasoup's JSON. Reads only JSON that {@link
 * RtpParametersValidator} or this package's negotiation wrote (all fields checked there), and
 * writes the same shape back, for the client.
 */
public final class RtpParametersJson {
  private RtpParametersJson() {}

  /** Reads checked parameters ({@link RtpParametersValidator#validateRtpParameters} shape). */
  public static RtpParameters fromJson(JsonObject json) {
    List<RtpCodecParameters> codecs = new ArrayList<>();
    for (JsonObject c : objects(json.getJsonArray("codecs", new JsonArray()))) {
      List<RtcpFeedback> feedback = new ArrayList<>();
      for (JsonObject fb : objects(c.getJsonArray("rtcpFeedback", new JsonArray()))) {
        feedback.add(new RtcpFeedback(fb.getString("type"), fb.getString("parameter", "")));
      }
      codecs.add(
          new RtpCodecParameters(
              c.getString("mimeType"),
              c.getInteger("payloadType"),
              c.getInteger("clockRate"),
              c.getInteger("channels"),
              c.getJsonObject("parameters", new JsonObject()).getMap(),
              feedback));
    }
    List<RtpHeaderExtensionParameters> extensions = new ArrayList<>();
    for (JsonObject e : objects(json.getJsonArray("headerExtensions", new JsonArray()))) {
      extensions.add(
          new RtpHeaderExtensionParameters(
              e.getString("uri"),
              e.getInteger("id"),
              e.getBoolean("encrypt", false),
              e.getJsonObject("parameters", new JsonObject()).getMap()));
    }
    List<RtpEncodingParameters> encodings = new ArrayList<>();
    for (JsonObject e : objects(json.getJsonArray("encodings", new JsonArray()))) {
      JsonObject rtx = e.getJsonObject("rtx");
      encodings.add(
          new RtpEncodingParameters(
              e.getLong("ssrc"),
              e.getString("rid"),
              e.getInteger("codecPayloadType"),
              rtx == null ? null : rtx.getLong("ssrc"),
              e.getBoolean("dtx"),
              e.getString("scalabilityMode"),
              e.getLong("maxBitrate"),
              e.getDouble("scaleResolutionDownBy")));
    }
    JsonObject rtcp = json.getJsonObject("rtcp", new JsonObject());
    return new RtpParameters(
        json.getString("mid"),
        codecs,
        extensions,
        encodings,
        new RtcpParameters(
            rtcp.getString("cname"),
            rtcp.getBoolean("reducedSize", true),
            rtcp.getBoolean("mux", true)));
  }

  /** Writes {@code p} in mediasoup's shape; absent (null) fields are left out. */
  public static JsonObject toJson(RtpParameters p) {
    JsonArray codecs = new JsonArray();
    for (RtpCodecParameters c : p.codecs()) {
      JsonObject codec =
          new JsonObject()
              .put("mimeType", c.mimeType())
              .put("payloadType", c.payloadType())
              .put("clockRate", c.clockRate());
      if (c.channels() != null) {
        codec.put("channels", c.channels());
      }
      JsonArray feedback = new JsonArray();
      for (RtcpFeedback fb : c.rtcpFeedback()) {
        feedback.add(new JsonObject().put("type", fb.type()).put("parameter", fb.parameter()));
      }
      codecs.add(
          codec
              .put("parameters", new JsonObject(new java.util.LinkedHashMap<>(c.parameters())))
              .put("rtcpFeedback", feedback));
    }
    JsonArray extensions = new JsonArray();
    for (RtpHeaderExtensionParameters e : p.headerExtensions()) {
      extensions.add(
          new JsonObject()
              .put("uri", e.uri())
              .put("id", e.id())
              .put("encrypt", e.encrypt())
              .put("parameters", new JsonObject(new java.util.LinkedHashMap<>(e.parameters()))));
    }
    JsonArray encodings = new JsonArray();
    for (RtpEncodingParameters e : p.encodings()) {
      JsonObject encoding = new JsonObject();
      putIfPresent(encoding, "ssrc", e.ssrc());
      putIfPresent(encoding, "rid", e.rid());
      putIfPresent(encoding, "codecPayloadType", e.codecPayloadType());
      if (e.rtxSsrc() != null) {
        encoding.put("rtx", new JsonObject().put("ssrc", e.rtxSsrc()));
      }
      putIfPresent(encoding, "dtx", e.dtx());
      putIfPresent(encoding, "scalabilityMode", e.scalabilityMode());
      putIfPresent(encoding, "maxBitrate", e.maxBitrate());
      putIfPresent(encoding, "scaleResolutionDownBy", e.scaleResolutionDownBy());
      encodings.add(encoding);
    }
    JsonObject rtcp = new JsonObject();
    putIfPresent(rtcp, "cname", p.rtcp().cname());
    rtcp.put("reducedSize", p.rtcp().reducedSize()).put("mux", p.rtcp().mux());
    JsonObject out = new JsonObject();
    putIfPresent(out, "mid", p.mid());
    return out.put("codecs", codecs)
        .put("headerExtensions", extensions)
        .put("encodings", encodings)
        .put("rtcp", rtcp);
  }

  /** Reads a mapping ({@link ProducerRtpMapping#getProducerRtpParametersMapping} shape). */
  public static RtpMapping mappingFromJson(JsonObject json) {
    List<RtpMapping.Codec> codecs = new ArrayList<>();
    for (JsonObject c : objects(json.getJsonArray("codecs", new JsonArray()))) {
      codecs.add(
          new RtpMapping.Codec(c.getInteger("payloadType"), c.getInteger("mappedPayloadType")));
    }
    List<RtpMapping.Encoding> encodings = new ArrayList<>();
    for (JsonObject e : objects(json.getJsonArray("encodings", new JsonArray()))) {
      encodings.add(
          new RtpMapping.Encoding(
              e.getLong("ssrc"),
              e.getString("rid"),
              e.getString("scalabilityMode"),
              e.getLong("mappedSsrc")));
    }
    return new RtpMapping(codecs, encodings);
  }

  private static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
