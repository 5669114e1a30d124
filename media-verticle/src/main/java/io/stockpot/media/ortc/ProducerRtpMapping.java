package io.stockpot.media.ortc;

import static io.stockpot.media.ortc.CodecMatcher.aptOf;
import static io.stockpot.media.ortc.JsonFields.copyIfPresent;
import static io.stockpot.media.ortc.JsonFields.objects;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The producer half of the router's ORTC negotiation, as in mediasoup: how a producer's RTP is
 * translated into the router's payload types and SSRCs.
 *
 * <p>Flow: a producer's {@code rtpParameters} (checked with {@link
 * RtpParametersValidator#validateRtpParameters}) are mapped onto the router's capabilities with
 * {@link #getProducerRtpParametersMapping}; {@link #getConsumableRtpParameters} then describes the
 * producer's media in router terms, which {@link ConsumerRtpParameters} narrows for each consumer.
 *
 * <p>All values are mediasoup-shaped JSON, as the client signals them; {@link RtpParametersJson}
 * reads the results into the typed records the router takes.
 */
public final class ProducerRtpMapping {
  private ProducerRtpMapping() {}

  /**
   * Maps a producer's payload types and encodings onto the router's.
   *
   * @param rtpParameters the producer's parameters, as returned by the validator
   * @param routerCapabilities the router's capabilities ({@link RouterCapabilities#build})
   * @return {@code {codecs: [{payloadType, mappedPayloadType}], encodings: [{ssrc?, rid?,
   *     scalabilityMode?, mappedSsrc}]}}; mapped SSRCs are consecutive from a random start
   * @throws OrtcException UNSUPPORTED when a media codec or its RTX has no router counterpart,
   *     INVALID when there is no encoding, no media codec, or an RTX codec whose apt names no media
   *     codec of the producer
   */
  public static JsonObject getProducerRtpParametersMapping(
      JsonObject rtpParameters, JsonObject routerCapabilities) {
    JsonArray codecs = rtpParameters.getJsonArray("codecs", new JsonArray());
    JsonArray encodings = rtpParameters.getJsonArray("encodings", new JsonArray());
    List<JsonObject> routerCodecs = objects(routerCapabilities.getJsonArray("codecs"));
    if (encodings.isEmpty()) {
      throw OrtcException.invalid("rtpParameters.encodings is empty");
    }

    // Producer payload type -> router payload type; media codecs first, then their RTX.
    Map<Integer, Integer> mappedPayloadTypes = new LinkedHashMap<>();
    for (JsonObject codec : objects(codecs)) {
      if (CodecMatcher.isRtx(codec)) {
        continue;
      }
      JsonObject routerCodec =
          routerCodecs.stream()
              .filter(c -> CodecMatcher.matches(codec, c, true))
              .findFirst()
              .orElseThrow(
                  () ->
                      OrtcException.unsupported(
                          "unsupported codec [mimeType:"
                              + codec.getString("mimeType")
                              + ", payloadType:"
                              + codec.getInteger("payloadType")
                              + "]"));
      mappedPayloadTypes.put(
          codec.getInteger("payloadType"), routerCodec.getInteger("preferredPayloadType"));
    }
    if (mappedPayloadTypes.isEmpty()) {
      throw OrtcException.invalid("rtpParameters.codecs has no media codec");
    }
    for (JsonObject codec : objects(codecs)) {
      if (!CodecMatcher.isRtx(codec)) {
        continue;
      }
      int pt = codec.getInteger("payloadType");
      Integer apt = aptOf(codec);
      Integer routerMediaPt = apt == null ? null : mappedPayloadTypes.get(apt);
      if (routerMediaPt == null) {
        throw OrtcException.invalid(
            "RTX payload type " + pt + " has apt " + apt + ", not a media codec of the producer");
      }
      JsonObject routerRtx =
          routerCodecs.stream()
              .filter(c -> CodecMatcher.isRtx(c) && routerMediaPt.equals(aptOf(c)))
              .findFirst()
              .orElseThrow(
                  () ->
                      OrtcException.unsupported(
                          "no RTX codec for router payload type " + routerMediaPt));
      mappedPayloadTypes.put(pt, routerRtx.getInteger("preferredPayloadType"));
    }

    JsonArray codecMapping = new JsonArray();
    mappedPayloadTypes.forEach(
        (pt, mapped) ->
            codecMapping.add(
                new JsonObject().put("payloadType", pt).put("mappedPayloadType", mapped)));
    JsonArray encodingMapping = new JsonArray();
    long mappedSsrc = randomSsrc();
    for (JsonObject encoding : objects(encodings)) {
      JsonObject entry = new JsonObject();
      copyIfPresent(encoding, entry, "ssrc");
      copyIfPresent(encoding, entry, "rid");
      copyIfPresent(encoding, entry, "scalabilityMode");
      encodingMapping.add(entry.put("mappedSsrc", mappedSsrc++));
    }
    return new JsonObject().put("codecs", codecMapping).put("encodings", encodingMapping);
  }

  /**
   * What a producer's stream looks like inside the router, the base of every consumer: router
   * payload types with the router's RTCP feedback (and the producer's codec parameters), the
   * router's header extensions for {@code kind} that the router may send, one encoding per producer
   * encoding with its mapped SSRC, and {@code rtcp {cname, reducedSize: true, mux: true}}.
   */
  public static JsonObject getConsumableRtpParameters(
      String kind, JsonObject rtpParameters, JsonObject routerCapabilities, JsonObject mapping) {
    List<JsonObject> routerCodecs = objects(routerCapabilities.getJsonArray("codecs"));
    Map<Integer, Integer> mappedPayloadTypes = new LinkedHashMap<>();
    for (JsonObject entry : objects(mapping.getJsonArray("codecs"))) {
      mappedPayloadTypes.put(
          entry.getInteger("payloadType"), entry.getInteger("mappedPayloadType"));
    }

    JsonArray codecs = new JsonArray();
    for (JsonObject codec : objects(rtpParameters.getJsonArray("codecs"))) {
      if (CodecMatcher.isRtx(codec)) {
        continue;
      }
      Integer routerPt = mappedPayloadTypes.get(codec.getInteger("payloadType"));
      JsonObject routerCodec = byPreferredPayloadType(routerCodecs, routerPt);
      JsonObject consumable =
          new JsonObject()
              .put("mimeType", routerCodec.getString("mimeType"))
              .put("payloadType", routerPt)
              .put("clockRate", routerCodec.getInteger("clockRate"));
      copyIfPresent(routerCodec, consumable, "channels");
      // The producer's fmtp describes its actual bitstream, so it travels on unchanged.
      consumable.put("parameters", codec.getJsonObject("parameters", new JsonObject()).copy());
      consumable.put(
          "rtcpFeedback", routerCodec.getJsonArray("rtcpFeedback", new JsonArray()).copy());
      codecs.add(consumable);
      for (JsonObject rtx : routerCodecs) {
        if (CodecMatcher.isRtx(rtx) && routerPt.equals(aptOf(rtx))) {
          codecs.add(
              new JsonObject()
                  .put("mimeType", rtx.getString("mimeType"))
                  .put("payloadType", rtx.getInteger("preferredPayloadType"))
                  .put("clockRate", rtx.getInteger("clockRate"))
                  .put("parameters", rtx.getJsonObject("parameters").copy())
                  .put("rtcpFeedback", rtx.getJsonArray("rtcpFeedback", new JsonArray()).copy()));
          break;
        }
      }
    }

    JsonArray extensions = new JsonArray();
    for (JsonObject ext : objects(routerCapabilities.getJsonArray("headerExtensions"))) {
      String direction = ext.getString("direction", "sendrecv");
      if (kind.equals(ext.getString("kind"))
          && (direction.equals("sendrecv") || direction.equals("sendonly"))) {
        extensions.add(
            new JsonObject()
                .put("uri", ext.getString("uri"))
                .put("id", ext.getInteger("preferredId"))
                .put("encrypt", ext.getBoolean("preferredEncrypt", false))
                .put("parameters", new JsonObject()));
      }
    }

    JsonArray encodings = new JsonArray();
    List<JsonObject> producerEncodings = objects(rtpParameters.getJsonArray("encodings"));
    List<JsonObject> mappedEncodings = objects(mapping.getJsonArray("encodings"));
    for (int i = 0; i < producerEncodings.size(); i++) {
      JsonObject encoding = producerEncodings.get(i).copy();
      // Inside the router a stream is known by its mapped SSRC alone.
      encoding.remove("rid");
      encoding.remove("rtx");
      encoding.remove("codecPayloadType");
      encoding.put("ssrc", mappedEncodings.get(i).getLong("mappedSsrc"));
      encodings.add(encoding);
    }

    JsonObject rtcp = new JsonObject();
    JsonObject producerRtcp = rtpParameters.getJsonObject("rtcp", new JsonObject());
    copyIfPresent(producerRtcp, rtcp, "cname");
    rtcp.put("reducedSize", true).put("mux", true);
    return new JsonObject()
        .put("codecs", codecs)
        .put("headerExtensions", extensions)
        .put("encodings", encodings)
        .put("rtcp", rtcp);
  }

  /**
   * A random SSRC in mediasoup's range: nine decimal digits, leaving room for the consecutive
   * values given to further encodings and to RTX without passing 2^32.
   */
  static long randomSsrc() {
    return ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L);
  }

  private static JsonObject byPreferredPayloadType(List<JsonObject> routerCodecs, Integer pt) {
    for (JsonObject codec : routerCodecs) {
      if (codec.getInteger("preferredPayloadType").equals(pt)) {
        return codec;
      }
    }
    throw new IllegalArgumentException("mapping names no router payload type " + pt);
  }
}
