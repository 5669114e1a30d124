package io.stockpot.signaling.whip;

import io.stockpot.signaling.sdp.MediaDescription;
import io.stockpot.signaling.sdp.MediaDescription.RtcpFb;
import io.stockpot.signaling.sdp.MediaDescription.RtpMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Questions about the router's RTP capabilities (mediasoup's shape: {@code codecs}, {@code
 * headerExtensions}) asked of an SDP offer.
 */
final class RouterCodecs {
  private RouterCodecs() {}

  /**
   * The router codec an offered format can be produced as, or null: same MIME type and clock rate
   * (and channels for audio); for H.264 also packetization-mode and profile (RFC 6184 §8.1: the
   * profile_idc and, for baseline, the constrained bit; levels may differ), as mediasoup's {@code
   * ortc.matchCodecs} requires.
   */
  static JsonObject match(MediaDescription m, RtpMap map, JsonArray routerCodecs) {
    if (map.encodingName().equalsIgnoreCase("rtx")) {
      // A repair format, not a media codec: it goes with the codec its apt names.
      return null;
    }
    String mime = m.media() + "/" + map.encodingName();
    for (Object o : routerCodecs) {
      if (!(o instanceof JsonObject codec)) {
        continue;
      }
      if (!mime.equalsIgnoreCase(codec.getString("mimeType", ""))
          || codec.getInteger("clockRate", 0) != map.clockRate()) {
        continue;
      }
      if (m.media().equals("audio") && codec.getInteger("channels", 1) != map.channels()) {
        continue;
      }
      if (mime.equalsIgnoreCase("video/H264") && !sameH264(m.fmtp(map.payloadType()), codec)) {
        continue;
      }
      return codec;
    }
    return null;
  }

  private static boolean sameH264(Map<String, String> offered, JsonObject codec) {
    JsonObject params = codec.getJsonObject("parameters", new JsonObject());
    String mode = offered.getOrDefault("packetization-mode", "0");
    if (!mode.equals(String.valueOf(params.getValue("packetization-mode", 0)))) {
      return false;
    }
    String a = offered.getOrDefault("profile-level-id", "42001f").toLowerCase(Locale.ROOT);
    String b =
        String.valueOf(params.getValue("profile-level-id", "42001f")).toLowerCase(Locale.ROOT);
    if (a.length() != 6 || b.length() != 6 || !a.substring(0, 2).equals(b.substring(0, 2))) {
      return false;
    }
    try {
      int iopA = Integer.parseInt(a.substring(2, 4), 16);
      int iopB = Integer.parseInt(b.substring(2, 4), 16);
      // constraint_set1_flag tells constrained baseline from baseline (RFC 6184 Table 5).
      return !a.startsWith("42") || (iopA & 0x40) == (iopB & 0x40);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static boolean hasRtx(JsonArray routerCodecs, String kind) {
    for (Object o : routerCodecs) {
      if (o instanceof JsonObject c && (kind + "/rtx").equalsIgnoreCase(c.getString("mimeType"))) {
        return true;
      }
    }
    return false;
  }

  static boolean hasExtension(JsonObject routerCaps, String kind, String uri) {
    for (Object o : routerCaps.getJsonArray("headerExtensions", new JsonArray())) {
      if (o instanceof JsonObject e
          && kind.equals(e.getString("kind"))
          && uri.equals(e.getString("uri"))
          && !"inactive".equals(e.getString("direction"))) {
        return true;
      }
    }
    return false;
  }

  /** The offered feedback the router codec also lists (type and parameter alike). */
  static List<RtcpFb> acceptedFeedback(List<RtcpFb> offered, JsonObject routerCodec) {
    List<RtcpFb> out = new ArrayList<>();
    JsonArray supported = routerCodec.getJsonArray("rtcpFeedback", new JsonArray());
    for (RtcpFb fb : offered) {
      for (Object o : supported) {
        if (o instanceof JsonObject s
            && fb.type().equals(s.getString("type"))
            && fb.parameter().equals(s.getString("parameter", ""))) {
          out.add(fb);
          break;
        }
      }
    }
    return out;
  }
}
