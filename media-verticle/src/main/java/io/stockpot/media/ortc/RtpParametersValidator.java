package io.stockpot.media.ortc;

import static io.stockpot.media.ortc.JsonFields.codecParameters;
import static io.stockpot.media.ortc.JsonFields.object;
import static io.stockpot.media.ortc.JsonFields.optionalArray;
import static io.stockpot.media.ortc.JsonFields.optionalBoolean;
import static io.stockpot.media.ortc.JsonFields.optionalLong;
import static io.stockpot.media.ortc.JsonFields.optionalObject;
import static io.stockpot.media.ortc.JsonFields.optionalString;
import static io.stockpot.media.ortc.JsonFields.requiredLong;
import static io.stockpot.media.ortc.JsonFields.requiredString;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the RTP capabilities and RTP parameters a client sends, in mediasoup's shapes.
 *
 * <p>Each method returns a normalized copy and leaves its input untouched: optional fields get
 * mediasoup's defaults (empty parameters and feedback, {@code channels: 1} for audio, {@code
 * reducedSize: true}, ...), and fields Stockpot does not know are dropped, so only checked values
 * travel on. Anything malformed throws {@link OrtcException} with reason {@code INVALID}.
 */
public final class RtpParametersValidator {
  private static final Pattern MIME_TYPE =
      Pattern.compile("^(audio|video)/(.+)$", Pattern.CASE_INSENSITIVE);
  private static final Set<String> DIRECTIONS =
      Set.of("sendrecv", "sendonly", "recvonly", "inactive");
  private static final long MAX_SSRC = 0xFFFF_FFFFL;
  private static final int MAX_PAYLOAD_TYPE = 127;
  // One-byte header extensions use 1-14, two-byte ones up to 255.
  private static final int MAX_EXTENSION_ID = 255;

  private RtpParametersValidator() {}

  /** {@code {codecs: [...], headerExtensions: [...]}}, both optional in the input. */
  public static JsonObject validateRtpCapabilities(Object caps) {
    JsonObject in = object(caps, "rtpCapabilities");
    JsonArray codecs = new JsonArray();
    for (Object codec : optionalArray(in, "codecs", "rtpCapabilities.codecs")) {
      codecs.add(validateRtpCodecCapability(codec));
    }
    JsonArray extensions = new JsonArray();
    for (Object ext : optionalArray(in, "headerExtensions", "rtpCapabilities.headerExtensions")) {
      extensions.add(validateHeaderExtensionCapability(ext));
    }
    return new JsonObject().put("codecs", codecs).put("headerExtensions", extensions);
  }

  /** One codec of a capabilities list; its kind is taken from the mimeType. */
  public static JsonObject validateRtpCodecCapability(Object codecValue) {
    JsonObject in = object(codecValue, "codec");
    String mimeType = requiredString(in, "mimeType", "codec.mimeType");
    String kind = kindOf(mimeType);
    JsonObject out = new JsonObject().put("kind", kind).put("mimeType", mimeType);
    Long pt =
        optionalLong(in, "preferredPayloadType", "codec.preferredPayloadType", 0, MAX_PAYLOAD_TYPE);
    if (pt != null) {
      out.put("preferredPayloadType", pt.intValue());
    }
    out.put("clockRate", clockRate(in));
    putChannels(in, kind, out);
    out.put("parameters", codecParameters(in, "parameters", "codec.parameters"));
    out.put("rtcpFeedback", rtcpFeedback(in));
    return out;
  }

  private static JsonObject validateHeaderExtensionCapability(Object extValue) {
    JsonObject in = object(extValue, "headerExtension");
    Object kind = in.getValue("kind");
    if (!"audio".equals(kind) && !"video".equals(kind)) {
      throw OrtcException.invalid("invalid headerExtension.kind");
    }
    String uri = requiredString(in, "uri", "headerExtension.uri");
    long id = requiredLong(in, "preferredId", "headerExtension.preferredId", 1, MAX_EXTENSION_ID);
    boolean encrypt =
        optionalBoolean(in, "preferredEncrypt", "headerExtension.preferredEncrypt", false);
    String direction = optionalString(in, "direction", "headerExtension.direction");
    if (direction == null) {
      direction = "sendrecv";
    } else if (!DIRECTIONS.contains(direction)) {
      throw OrtcException.invalid("invalid headerExtension.direction [" + direction + "]");
    }
    return new JsonObject()
        .put("kind", kind)
        .put("uri", uri)
        .put("preferredId", (int) id)
        .put("preferredEncrypt", encrypt)
        .put("direction", direction);
  }

  /**
   * A producer's (or consumer's) RTP parameters: {@code codecs} is required, {@code mid}, {@code
   * headerExtensions}, {@code encodings} and {@code rtcp} are optional. Payload types must be
   * unique.
   */
  public static JsonObject validateRtpParameters(Object params) {
    JsonObject in = object(params, "rtpParameters");
    JsonObject out = new JsonObject();
    String mid = optionalString(in, "mid", "rtpParameters.mid");
    if (mid != null) {
      out.put("mid", mid);
    }
    if (in.getValue("codecs") == null) {
      throw OrtcException.invalid("missing rtpParameters.codecs");
    }
    JsonArray codecs = new JsonArray();
    Set<Integer> payloadTypes = new HashSet<>();
    for (Object codec : JsonFields.array(in.getValue("codecs"), "rtpParameters.codecs")) {
      JsonObject checked = validateRtpCodecParameters(codec);
      if (!payloadTypes.add(checked.getInteger("payloadType"))) {
        throw OrtcException.invalid(
            "duplicated codec.payloadType [" + checked.getInteger("payloadType") + "]");
      }
      codecs.add(checked);
    }
    out.put("codecs", codecs);
    JsonArray extensions = new JsonArray();
    for (Object ext : optionalArray(in, "headerExtensions", "rtpParameters.headerExtensions")) {
      extensions.add(validateHeaderExtensionParameters(ext));
    }
    out.put("headerExtensions", extensions);
    JsonArray encodings = new JsonArray();
    for (Object encoding : optionalArray(in, "encodings", "rtpParameters.encodings")) {
      encodings.add(validateEncoding(encoding));
    }
    out.put("encodings", encodings);
    out.put("rtcp", validateRtcp(optionalObject(in, "rtcp", "rtpParameters.rtcp")));
    return out;
  }

  private static JsonObject validateRtpCodecParameters(Object codecValue) {
    JsonObject in = object(codecValue, "codec");
    String mimeType = requiredString(in, "mimeType", "codec.mimeType");
    String kind = kindOf(mimeType);
    long pt = requiredLong(in, "payloadType", "codec.payloadType", 0, MAX_PAYLOAD_TYPE);
    JsonObject out =
        new JsonObject()
            .put("mimeType", mimeType)
            .put("payloadType", (int) pt)
            .put("clockRate", clockRate(in));
    putChannels(in, kind, out);
    out.put("parameters", codecParameters(in, "parameters", "codec.parameters"));
    out.put("rtcpFeedback", rtcpFeedback(in));
    return out;
  }

  private static JsonObject validateHeaderExtensionParameters(Object extValue) {
    JsonObject in = object(extValue, "headerExtension");
    String uri = requiredString(in, "uri", "headerExtension.uri");
    long id = requiredLong(in, "id", "headerExtension.id", 1, MAX_EXTENSION_ID);
    boolean encrypt = optionalBoolean(in, "encrypt", "headerExtension.encrypt", false);
    JsonObject parameters = optionalObject(in, "parameters", "headerExtension.parameters");
    JsonObject checkedParameters = new JsonObject();
    for (var e : parameters) {
      Object value = e.getValue() == null ? "" : e.getValue();
      if (!(value instanceof String) && !(value instanceof Number)) {
        throw OrtcException.invalid("invalid headerExtension.parameters [key:" + e.getKey() + "]");
      }
      checkedParameters.put(e.getKey(), value);
    }
    return new JsonObject()
        .put("uri", uri)
        .put("id", (int) id)
        .put("encrypt", encrypt)
        .put("parameters", checkedParameters);
  }

  private static JsonObject validateEncoding(Object encodingValue) {
    JsonObject in = object(encodingValue, "encoding");
    JsonObject out = new JsonObject();
    Long ssrc = optionalLong(in, "ssrc", "encoding.ssrc", 0, MAX_SSRC);
    if (ssrc != null) {
      out.put("ssrc", ssrc);
    }
    String rid = optionalString(in, "rid", "encoding.rid");
    if (rid != null) {
      out.put("rid", rid);
    }
    Long codecPt =
        optionalLong(in, "codecPayloadType", "encoding.codecPayloadType", 0, MAX_PAYLOAD_TYPE);
    if (codecPt != null) {
      out.put("codecPayloadType", codecPt.intValue());
    }
    if (in.getValue("rtx") != null) {
      JsonObject rtx = object(in.getValue("rtx"), "encoding.rtx");
      out.put(
          "rtx",
          new JsonObject()
              .put("ssrc", requiredLong(rtx, "ssrc", "encoding.rtx.ssrc", 0, MAX_SSRC)));
    }
    out.put("dtx", optionalBoolean(in, "dtx", "encoding.dtx", false));
    String scalabilityMode = optionalString(in, "scalabilityMode", "encoding.scalabilityMode");
    if (scalabilityMode != null) {
      out.put("scalabilityMode", scalabilityMode);
    }
    Long maxBitrate = optionalLong(in, "maxBitrate", "encoding.maxBitrate", 0, Long.MAX_VALUE);
    if (maxBitrate != null) {
      out.put("maxBitrate", maxBitrate);
    }
    Object scale = in.getValue("scaleResolutionDownBy");
    if (scale != null) {
      if (!(scale instanceof Number n) || !(n.doubleValue() >= 1.0)) {
        throw OrtcException.invalid("invalid encoding.scaleResolutionDownBy");
      }
      out.put("scaleResolutionDownBy", n.doubleValue());
    }
    return out;
  }

  private static JsonObject validateRtcp(JsonObject in) {
    JsonObject out = new JsonObject();
    String cname = optionalString(in, "cname", "rtcp.cname");
    if (cname != null) {
      out.put("cname", cname);
    }
    out.put("reducedSize", optionalBoolean(in, "reducedSize", "rtcp.reducedSize", true));
    out.put("mux", optionalBoolean(in, "mux", "rtcp.mux", true));
    return out;
  }

  private static String kindOf(String mimeType) {
    Matcher m = MIME_TYPE.matcher(mimeType);
    if (!m.matches()) {
      throw OrtcException.invalid("invalid codec.mimeType [" + mimeType + "]");
    }
    return m.group(1).toLowerCase(Locale.ROOT);
  }

  private static int clockRate(JsonObject in) {
    return (int) requiredLong(in, "clockRate", "codec.clockRate", 1, Integer.MAX_VALUE);
  }

  /** Audio codecs always carry channels (1 when absent); video codecs never do. */
  private static void putChannels(JsonObject in, String kind, JsonObject out) {
    if ("audio".equals(kind)) {
      Long channels = optionalLong(in, "channels", "codec.channels", 1, 255);
      out.put("channels", channels == null ? 1 : channels.intValue());
    }
  }

  private static JsonArray rtcpFeedback(JsonObject in) {
    JsonArray out = new JsonArray();
    for (Object fbValue : optionalArray(in, "rtcpFeedback", "codec.rtcpFeedback")) {
      JsonObject fb = object(fbValue, "rtcpFeedback");
      String type = requiredString(fb, "type", "rtcpFeedback.type");
      String parameter = optionalString(fb, "parameter", "rtcpFeedback.parameter");
      out.add(
          new JsonObject().put("type", type).put("parameter", parameter == null ? "" : parameter));
    }
    return out;
  }
}
