package io.stockpot.signaling.whip;

import io.stockpot.signaling.sdp.MediaDescription;
import io.stockpot.signaling.sdp.SdpAnswer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A producer's mediasoup {@code rtpParameters} from an accepted m-section, as mediasoup-client's
 * {@code sdpCommonUtils.extractRtpCapabilities}/{@code getRtpEncodings} read a browser's offer:
 * codecs with the offer's payload types, fmtp parameters (numbers as numbers) and accepted {@code
 * rtcpFeedback}; header extensions with the offer's ids; encodings from {@code a=simulcast} rids
 * (RFC 8853), else the first SSRC with its RTX SSRC from {@code a=ssrc-group:FID} (RFC 5576 §4.3,
 * RFC 4588 §8); {@code rtcp.cname} from {@code a=ssrc:<ssrc> cname:}.
 */
final class RtpParametersBuilder {
  private RtpParametersBuilder() {}

  static JsonObject build(MediaDescription m, SdpAnswer.Media s, String defaultCname) {
    JsonArray codecs = new JsonArray();
    for (SdpAnswer.Codec c : s.codecs()) {
      JsonObject codec =
          new JsonObject()
              .put("mimeType", m.media() + "/" + c.encodingName())
              .put("payloadType", c.payloadType())
              .put("clockRate", c.clockRate())
              .put("parameters", parameters(c.fmtp()));
      if (m.media().equals("audio")) {
        codec.put("channels", c.channels());
      }
      JsonArray fb = new JsonArray();
      c.rtcpFb()
          .forEach(
              f -> fb.add(new JsonObject().put("type", f.type()).put("parameter", f.parameter())));
      codecs.add(codec.put("rtcpFeedback", fb));
    }
    JsonArray extensions = new JsonArray();
    for (MediaDescription.ExtMap e : s.extMaps()) {
      extensions.add(
          new JsonObject()
              .put("uri", e.uri())
              .put("id", e.id())
              .put("encrypt", false)
              .put("parameters", new JsonObject()));
    }
    Map<Long, String> ssrcs = m.ssrcs();
    String cname =
        ssrcs.values().stream().filter(v -> !v.isEmpty()).findFirst().orElse(defaultCname);
    return new JsonObject()
        .put("mid", m.mid())
        .put("codecs", codecs)
        .put("headerExtensions", extensions)
        .put("encodings", encodings(m, s, ssrcs))
        .put(
            "rtcp",
            new JsonObject()
                .put("cname", cname)
                .put("reducedSize", s.rtcpRsize())
                .put("mux", true));
  }

  private static JsonArray encodings(
      MediaDescription m, SdpAnswer.Media s, Map<Long, String> ssrcs) {
    JsonArray encodings = new JsonArray();
    if (!s.recvRids().isEmpty()) {
      s.recvRids().forEach(rid -> encodings.add(new JsonObject().put("rid", rid)));
      return encodings;
    }
    boolean rtx = s.codecs().stream().anyMatch(c -> c.encodingName().equalsIgnoreCase("rtx"));
    for (MediaDescription.SsrcGroup g : m.ssrcGroups()) {
      if (g.semantics().equals("FID") && g.ssrcs().size() == 2) {
        JsonObject enc = new JsonObject().put("ssrc", g.ssrcs().get(0));
        if (rtx) {
          enc.put("rtx", new JsonObject().put("ssrc", g.ssrcs().get(1)));
        }
        return encodings.add(enc);
      }
    }
    List<Long> list = List.copyOf(ssrcs.keySet());
    // No SSRC signalled: the stream is found by its MID header extension (RFC 9143 §15).
    return encodings.add(
        list.isEmpty() ? new JsonObject() : new JsonObject().put("ssrc", list.get(0)));
  }

  /**
   * fmtp parameters as sdp-transform gives them to mediasoup: integers as numbers, the rest as
   * strings; profile-level-id stays a string (its hex may be all digits, e.g. 420029).
   */
  private static JsonObject parameters(Map<String, String> fmtp) {
    JsonObject params = new JsonObject();
    fmtp.forEach(
        (k, v) -> {
          boolean number =
              !v.isEmpty() && v.length() < 10 && v.chars().allMatch(Character::isDigit);
          params.put(k, number && !k.equals("profile-level-id") ? (Object) Integer.valueOf(v) : v);
        });
    return params;
  }
}
