package io.stockpot.media.ortc;

import static io.stockpot.media.ortc.CodecMatcher.aptOf;
import static io.stockpot.media.ortc.JsonFields.objects;
import static io.stockpot.media.ortc.ProducerRtpMapping.randomSsrc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The consumer half of the router's ORTC negotiation, as in mediasoup: whether an endpoint can
 * receive a producer, and with which RTP parameters, starting from the producer's consumable
 * parameters ({@link ProducerRtpMapping#getConsumableRtpParameters}).
 */
public final class ConsumerRtpParameters {
  private static final String TRANSPORT_CC_FEEDBACK = "transport-cc";
  private static final String REMB_FEEDBACK = "goog-remb";

  private ConsumerRtpParameters() {}

  /**
   * Whether an endpoint with {@code remoteRtpCapabilities} can receive a producer: true when any of
   * its media (non-RTX) codecs strictly matches one of the endpoint's.
   *
   * @throws OrtcException INVALID when the capabilities are malformed
   */
  public static boolean canConsume(
      JsonObject consumableRtpParameters, Object remoteRtpCapabilities) {
    JsonObject caps = RtpParametersValidator.validateRtpCapabilities(remoteRtpCapabilities);
    List<JsonObject> capCodecs = objects(caps.getJsonArray("codecs"));
    for (JsonObject codec : objects(consumableRtpParameters.getJsonArray("codecs"))) {
      if (!CodecMatcher.isRtx(codec)
          && capCodecs.stream().anyMatch(c -> CodecMatcher.matches(c, codec, true))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A consumer's RTP parameters: the consumable codecs the endpoint supports, each with the RTCP
   * feedback both sides support (NACK dropped when {@code enableRtx} is false); RTX kept only with
   * its media codec; the consumable header extensions the endpoint lists for this kind, under the
   * endpoint's ids; then either transport-cc or REMB feedback, whichever the extensions allow.
   *
   * <p>Unless {@code pipe}, one encoding with a fresh random SSRC (and {@code rtx.ssrc = ssrc + 1}
   * when RTX survives), the producer's highest maxBitrate, and a scalabilityMode that counts
   * simulcast streams as spatial layers. With {@code pipe}, every consumable encoding is kept under
   * new SSRCs. The {@code mid} is left for the transport to assign.
   *
   * @throws OrtcException UNSUPPORTED when no media codec is left, INVALID for malformed
   *     capabilities
   */
  public static JsonObject getConsumerRtpParameters(
      JsonObject consumableRtpParameters,
      Object remoteRtpCapabilities,
      boolean pipe,
      boolean enableRtx) {
    JsonObject caps = RtpParametersValidator.validateRtpCapabilities(remoteRtpCapabilities);
    List<JsonObject> capCodecs = objects(caps.getJsonArray("codecs"));

    List<JsonObject> codecs = new ArrayList<>();
    for (JsonObject consumable : objects(consumableRtpParameters.getJsonArray("codecs"))) {
      if (!enableRtx && CodecMatcher.isRtx(consumable)) {
        continue;
      }
      JsonObject capCodec =
          capCodecs.stream()
              .filter(c -> CodecMatcher.matches(c, consumable, true))
              .findFirst()
              .orElse(null);
      if (capCodec != null) {
        JsonObject codec = consumable.copy();
        codec.put("rtcpFeedback", commonFeedback(consumable, capCodec, enableRtx));
        codecs.add(codec);
      }
    }
    Set<Integer> mediaPayloadTypes = new HashSet<>();
    for (JsonObject codec : codecs) {
      if (!CodecMatcher.isRtx(codec)) {
        mediaPayloadTypes.add(codec.getInteger("payloadType"));
      }
    }
    codecs.removeIf(c -> CodecMatcher.isRtx(c) && !mediaPayloadTypes.contains(aptOf(c)));
    boolean rtxSupported = codecs.stream().anyMatch(CodecMatcher::isRtx);
    if (codecs.isEmpty() || CodecMatcher.isRtx(codecs.get(0))) {
      throw OrtcException.unsupported("no compatible media codecs");
    }

    JsonArray extensions =
        endpointExtensions(
            consumableRtpParameters, caps, kindOf(codecs.get(0).getString("mimeType")));
    applyCongestionControlFeedback(codecs, extensions);

    JsonArray encodings = new JsonArray();
    List<JsonObject> consumableEncodings =
        objects(consumableRtpParameters.getJsonArray("encodings", new JsonArray()));
    if (!pipe) {
      encodings.add(singleEncoding(consumableEncodings, rtxSupported));
    } else {
      long baseSsrc = randomSsrc();
      long baseRtxSsrc = randomSsrc();
      for (int i = 0; i < consumableEncodings.size(); i++) {
        JsonObject encoding = consumableEncodings.get(i).copy().put("ssrc", baseSsrc + i);
        encoding.remove("rtx");
        if (rtxSupported) {
          encoding.put("rtx", new JsonObject().put("ssrc", baseRtxSsrc + i));
        }
        encodings.add(encoding);
      }
    }
    return new JsonObject()
        .put("codecs", new JsonArray(new ArrayList<>(codecs)))
        .put("headerExtensions", extensions)
        .put("encodings", encodings)
        .put("rtcp", consumableRtpParameters.getJsonObject("rtcp", new JsonObject()).copy());
  }

  /**
   * Feedback both the router (consumable codec) and the endpoint (capability codec) list, in the
   * endpoint's order. Without RTX plain NACK is useless, so it goes too.
   */
  private static JsonArray commonFeedback(
      JsonObject consumable, JsonObject capCodec, boolean enableRtx) {
    Set<String> routerFeedback = new HashSet<>();
    for (JsonObject fb : objects(consumable.getJsonArray("rtcpFeedback", new JsonArray()))) {
      routerFeedback.add(fb.getString("type") + " " + fb.getString("parameter", ""));
    }
    JsonArray out = new JsonArray();
    for (JsonObject fb : objects(capCodec.getJsonArray("rtcpFeedback"))) {
      String type = fb.getString("type");
      String parameter = fb.getString("parameter", "");
      boolean plainNack = type.equals("nack") && parameter.isEmpty();
      if (routerFeedback.contains(type + " " + parameter) && (enableRtx || !plainNack)) {
        out.add(fb.copy());
      }
    }
    return out;
  }

  /** The consumable extensions the endpoint lists for {@code kind}, under the endpoint's ids. */
  private static JsonArray endpointExtensions(
      JsonObject consumableRtpParameters, JsonObject caps, String kind) {
    List<JsonObject> capExtensions = objects(caps.getJsonArray("headerExtensions"));
    JsonArray out = new JsonArray();
    Set<Integer> usedIds = new HashSet<>();
    for (JsonObject ext :
        objects(consumableRtpParameters.getJsonArray("headerExtensions", new JsonArray()))) {
      for (JsonObject capExt : capExtensions) {
        if (kind.equals(capExt.getString("kind"))
            && ext.getString("uri").equals(capExt.getString("uri"))
            && usedIds.add(capExt.getInteger("preferredId"))) {
          out.add(ext.copy().put("id", capExt.getInteger("preferredId")));
          break;
        }
      }
    }
    return out;
  }

  /**
   * A consumer gets one kind of send-side bandwidth estimation: transport-cc when the
   * transport-wide sequence number extension is negotiated, else REMB when abs-send-time (which
   * REMB needs) is, else neither.
   */
  private static void applyCongestionControlFeedback(
      List<JsonObject> codecs, JsonArray extensions) {
    Set<String> uris = new HashSet<>();
    for (JsonObject ext : objects(extensions)) {
      uris.add(ext.getString("uri"));
    }
    boolean keepTransportCc = uris.contains(HeaderExtensions.TRANSPORT_WIDE_CC);
    boolean keepRemb = !keepTransportCc && uris.contains(HeaderExtensions.ABS_SEND_TIME);
    for (JsonObject codec : codecs) {
      JsonArray kept = new JsonArray();
      for (JsonObject fb : objects(codec.getJsonArray("rtcpFeedback"))) {
        String type = fb.getString("type");
        if ((type.equals(TRANSPORT_CC_FEEDBACK) && !keepTransportCc)
            || (type.equals(REMB_FEEDBACK) && !keepRemb)) {
          continue;
        }
        kept.add(fb);
      }
      codec.put("rtcpFeedback", kept);
    }
  }

  private static JsonObject singleEncoding(List<JsonObject> consumableEncodings, boolean rtx) {
    long ssrc = randomSsrc();
    JsonObject encoding = new JsonObject().put("ssrc", ssrc);
    if (rtx) {
      encoding.put("rtx", new JsonObject().put("ssrc", ssrc + 1));
    }
    String scalabilityMode =
        consumableEncodings.stream()
            .map(e -> e.getString("scalabilityMode"))
            .filter(m -> m != null)
            .findFirst()
            .orElse(null);
    // Simulcast streams reach the consumer one at a time, as if they were spatial layers.
    if (consumableEncodings.size() > 1) {
      int temporalLayers = ScalabilityMode.parse(scalabilityMode).temporalLayers();
      scalabilityMode = "L" + consumableEncodings.size() + "T" + temporalLayers;
    }
    if (scalabilityMode != null) {
      encoding.put("scalabilityMode", scalabilityMode);
    }
    long maxBitrate = 0;
    for (JsonObject e : consumableEncodings) {
      Long bitrate = e.getLong("maxBitrate");
      if (bitrate != null && bitrate > maxBitrate) {
        maxBitrate = bitrate;
      }
    }
    if (maxBitrate > 0) {
      encoding.put("maxBitrate", maxBitrate);
    }
    return encoding;
  }

  private static String kindOf(String mimeType) {
    return mimeType.regionMatches(true, 0, "audio/", 0, 6) ? "audio" : "video";
  }
}
