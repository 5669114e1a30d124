package io.stockpot.media.ortc;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether two codec descriptions (a capability or a parameters entry, in either order) name the
 * same codec: same mimeType ignoring case, clock rate and channel count.
 *
 * <p>The loose match is enough to pick a router codec from configuration. The strict match, used
 * whenever a peer's codec meets the router's, also requires what makes the bitstreams
 * interchangeable: for H.264 the same packetization-mode and profile (levels may differ), for VP9
 * the same profile-id.
 */
public final class CodecMatcher {
  private CodecMatcher() {}

  /** RTX (RFC 4588) is a retransmission wrapper around another payload type, not a media codec. */
  public static boolean isRtx(JsonObject codec) {
    return codec.getString("mimeType", "").toLowerCase(Locale.ROOT).endsWith("/rtx");
  }

  /** The payload type an RTX codec retransmits (its {@code apt}), or null. */
  static Integer aptOf(JsonObject codec) {
    JsonObject parameters = codec.getJsonObject("parameters");
    Object apt = parameters == null ? null : parameters.getValue("apt");
    return apt instanceof Number n ? n.intValue() : null;
  }

  public static boolean matches(JsonObject a, JsonObject b, boolean strict) {
    String mimeType = a.getString("mimeType", "").toLowerCase(Locale.ROOT);
    if (!mimeType.equals(b.getString("mimeType", "").toLowerCase(Locale.ROOT))) {
      return false;
    }
    if (!Objects.equals(number(a, "clockRate"), number(b, "clockRate"))
        || !Objects.equals(number(a, "channels"), number(b, "channels"))) {
      return false;
    }
    if (!strict) {
      return true;
    }
    JsonObject pa = a.getJsonObject("parameters", new JsonObject());
    JsonObject pb = b.getJsonObject("parameters", new JsonObject());
    switch (mimeType) {
      case "video/h264", "video/h264-svc" -> {
        return JsonFields.intParameter(pa, "packetization-mode", 0)
                == JsonFields.intParameter(pb, "packetization-mode", 0)
            && H264Profile.isSameProfile(pa, pb);
      }
      case "video/vp9" -> {
        return JsonFields.intParameter(pa, "profile-id", 0)
            == JsonFields.intParameter(pb, "profile-id", 0);
      }
      case "audio/multiopus" -> {
        return JsonFields.intParameter(pa, "num_streams", -1)
                == JsonFields.intParameter(pb, "num_streams", -1)
            && JsonFields.intParameter(pa, "coupled_streams", -1)
                == JsonFields.intParameter(pb, "coupled_streams", -1);
      }
      default -> {
        return true;
      }
    }
  }

  /**
   * Numbers compared by value: JSON decoding may give an Integer on one side, a Long on the other.
   */
  private static Long number(JsonObject codec, String key) {
    Object value = codec.getValue(key);
    return value instanceof Number n ? n.longValue() : null;
  }
}
