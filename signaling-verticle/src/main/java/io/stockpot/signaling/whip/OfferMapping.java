package io.stockpot.signaling.whip;

import io.stockpot.signaling.sdp.MediaDescription;
import io.stockpot.signaling.sdp.MediaDescription.RtcpFb;
import io.stockpot.signaling.sdp.MediaDescription.RtpMap;
import io.stockpot.signaling.sdp.SdpAnswer;
import io.stockpot.signaling.sdp.SessionDescription;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a WHIP offer against the router's RTP capabilities: what to {@code produce} for each
 * m-section (mediasoup's {@code rtpParameters}, as mediasoup-client's {@code RemoteSdp}/{@code
 * sdpCommonUtils} build them from a browser's SDP), and what the answer says of each (accepted
 * codecs, feedback, header extensions, rids). The room checks the parameters again ({@code
 * RtpParametersValidator}, {@code ProducerRtpMapping}); this choice only keeps what the router can
 * take, so that a publisher offering several codecs gets one it can send.
 */
public final class OfferMapping {
  /** HTTP status of an offer that parses but cannot be served (RFC 9110 §15.5.21). */
  public static final int UNPROCESSABLE = 422;

  /** One producer to create: its kind, its section's mid, its mediasoup rtpParameters. */
  public record Produce(String kind, String mid, JsonObject rtpParameters) {}

  /**
   * What the offer comes to: the producers, the answer's sections, the DTLS and ICE parameters.
   *
   * @param remoteRole the publisher's DTLS role as mediasoup's {@code connectWebRtcTransport} reads
   *     it ({@code client} for {@code a=setup:actpass|active})
   * @param answerSetup our {@code a=setup} value
   * @param fingerprints the publisher's certificate fingerprints (RFC 8122)
   * @param answerMedia each offered section as the answer writes it, in offer order
   */
  public record Result(
      List<Produce> produces,
      List<SdpAnswer.Media> answerMedia,
      String remoteRole,
      String answerSetup,
      List<SdpAnswer.Fingerprint> fingerprints,
      String iceUfrag,
      String icePwd) {}

  private OfferMapping() {}

  /**
   * Maps an offer (RFC 8829 §5.3: one answer section per offered section, in order).
   *
   * @param cname the RTCP CNAME to use where the offer names none
   * @throws WhipException 400 for an offer WebRTC forbids (no ICE credentials, no fingerprint, no
   *     rtcp-mux, no mid, sections outside BUNDLE), 422 when no audio or video section can be
   *     received (no such section, or none with a codec the router supports)
   */
  public static Result map(SessionDescription offer, JsonObject routerCaps, String cname) {
    List<Produce> produces = new ArrayList<>();
    List<SdpAnswer.Media> answer = new ArrayList<>();
    MediaDescription transport = null;
    List<String> bundle = bundleMids(offer);
    List<String> refusals = new ArrayList<>();
    for (MediaDescription m : offer.media()) {
      String kind = m.media();
      boolean rtp = (kind.equals("audio") || kind.equals("video")) && m.protocol().contains("RTP");
      String why = !rtp ? kind + " is not audio or video RTP" : unusable(m);
      SdpAnswer.Media section = why == null ? section(m, routerCaps, refusals) : null;
      if (section == null) {
        if (why != null) {
          refusals.add(why);
        }
        answer.add(rejected(m));
        continue;
      }
      if (m.mid() == null || m.mid().isEmpty()) {
        throw new WhipException(400, kind + " section has no a=mid (RFC 9143 needs one)");
      }
      if (!m.has("rtcp-mux")) {
        throw new WhipException(400, "section " + m.mid() + " lacks a=rtcp-mux (RFC 8829 §5.1.3)");
      }
      if (transport != null && !bundle.contains(m.mid())) {
        throw new WhipException(400, "sections must share one transport: a=group:BUNDLE needed");
      }
      transport = transport == null ? m : transport;
      answer.add(section);
      produces.add(new Produce(kind, m.mid(), rtpParameters(m, section, cname)));
    }
    if (offer.media().stream()
        .noneMatch(m -> m.media().equals("audio") || m.media().equals("video"))) {
      throw new WhipException(UNPROCESSABLE, "the offer has no audio or video section");
    }
    if (produces.isEmpty()) {
      throw new WhipException(UNPROCESSABLE, "no section can be received: " + refusals);
    }
    return transport(offer, transport, produces, answer);
  }

  private static Result transport(
      SessionDescription offer,
      MediaDescription m,
      List<Produce> produces,
      List<SdpAnswer.Media> answer) {
    String ufrag = orSession(m.attribute("ice-ufrag"), offer.attribute("ice-ufrag"));
    String pwd = orSession(m.attribute("ice-pwd"), offer.attribute("ice-pwd"));
    if (ufrag == null || pwd == null || ufrag.isBlank() || pwd.isBlank()) {
      throw new WhipException(400, "the offer has no a=ice-ufrag/a=ice-pwd");
    }
    List<String> fps = m.attributes("fingerprint");
    fps = fps.isEmpty() ? offer.attributes("fingerprint") : fps;
    List<SdpAnswer.Fingerprint> fingerprints = new ArrayList<>();
    for (String fp : fps) {
      String[] parts = fp.strip().split(" +");
      if (parts.length != 2) {
        throw new WhipException(400, "malformed a=fingerprint: " + fp);
      }
      fingerprints.add(new SdpAnswer.Fingerprint(parts[0].toLowerCase(Locale.ROOT), parts[1]));
    }
    if (fingerprints.isEmpty()) {
      throw new WhipException(400, "the offer has no a=fingerprint (RFC 8827 needs DTLS-SRTP)");
    }
    String setup = orSession(m.attribute("setup"), offer.attribute("setup"));
    setup = setup == null ? "actpass" : setup.strip();
    // RFC 5763 §5: the answerer to actpass chooses; as ICE-lite (controlled) we take the server
    // role, the usual WebRTC choice, so the publisher's DTLS client starts once ICE completes.
    return switch (setup) {
      case "actpass", "active" ->
          new Result(produces, answer, "client", "passive", fingerprints, ufrag, pwd);
      case "passive" -> new Result(produces, answer, "server", "active", fingerprints, ufrag, pwd);
      default -> throw new WhipException(400, "unsupported a=setup:" + setup);
    };
  }

  private static String orSession(String media, String session) {
    return media != null ? media : session;
  }

  private static List<String> bundleMids(SessionDescription offer) {
    for (String group : offer.attributes("group")) {
      String[] parts = group.strip().split(" +");
      if (parts.length > 0 && parts[0].equals("BUNDLE")) {
        return List.of(parts).subList(1, parts.length);
      }
    }
    return List.of();
  }

  /** Why a section cannot be received whatever its codecs, or null. */
  private static String unusable(MediaDescription m) {
    if (m.port() == 0 && !m.has("bundle-only")) {
      return m.media() + " section is disabled (port 0)";
    }
    String direction = m.direction();
    if (!direction.equals("sendonly") && !direction.equals("sendrecv")) {
      return m.media() + " section is " + direction + ": nothing to receive";
    }
    return null;
  }

  private static SdpAnswer.Media rejected(MediaDescription m) {
    String format = m.formats().isEmpty() ? "0" : m.formats().get(0);
    return new SdpAnswer.Media(
        m.media(), m.mid(), m.protocol(), format, List.of(), List.of(), List.of(), false);
  }

  /** The accepted codecs etc. of one section, or null (and a refusal) when none fits. */
  private static SdpAnswer.Media section(
      MediaDescription m, JsonObject routerCaps, List<String> refusals) {
    Map<Integer, RtpMap> maps = m.rtpMaps();
    JsonArray routerCodecs = routerCaps.getJsonArray("codecs", new JsonArray());
    List<SdpAnswer.Codec> codecs = new ArrayList<>();
    for (int pt : m.payloadTypes()) {
      RtpMap map = maps.get(pt);
      JsonObject routerCodec = map == null ? null : RouterCodecs.match(m, map, routerCodecs);
      if (routerCodec == null) {
        continue;
      }
      codecs.add(codec(m, map, RouterCodecs.acceptedFeedback(m.rtcpFb(pt), routerCodec)));
      RtpMap rtx = rtxFor(m, maps, pt);
      if (rtx != null && RouterCodecs.hasRtx(routerCodecs, m.media())) {
        codecs.add(codec(m, rtx, List.of()));
      }
      break;
    }
    if (codecs.isEmpty()) {
      List<String> offered = new ArrayList<>();
      maps.values().forEach(r -> offered.add(r.encodingName() + "/" + r.clockRate()));
      refusals.add(m.media() + ": no codec the room supports among " + offered);
      return null;
    }
    List<MediaDescription.ExtMap> extMaps = new ArrayList<>();
    for (MediaDescription.ExtMap e : m.extMaps()) {
      if (RouterCodecs.hasExtension(routerCaps, m.media(), e.uri())) {
        extMaps.add(e);
      }
    }
    List<String> rids = simulcastRids(m);
    return new SdpAnswer.Media(
        m.media(), m.mid(), m.protocol(), null, codecs, extMaps, rids, m.has("rtcp-rsize"));
  }

  private static SdpAnswer.Codec codec(MediaDescription m, RtpMap map, List<RtcpFb> fb) {
    return new SdpAnswer.Codec(
        map.payloadType(),
        map.encodingName(),
        map.clockRate(),
        map.channels(),
        m.fmtp(map.payloadType()),
        fb);
  }

  /** The rtx format whose {@code apt} is {@code pt} (RFC 4588 §8.6), or null. */
  private static RtpMap rtxFor(MediaDescription m, Map<Integer, RtpMap> maps, int pt) {
    for (RtpMap r : maps.values()) {
      if (r.encodingName().equalsIgnoreCase("rtx")
          && String.valueOf(pt).equals(m.fmtp(r.payloadType()).get("apt"))) {
        return r;
      }
    }
    return null;
  }

  /** The rids of {@code a=simulcast:send} that an {@code a=rid:<id> send} declares. */
  private static List<String> simulcastRids(MediaDescription m) {
    List<String> declared = new ArrayList<>();
    m.rids().stream().filter(r -> r.direction().equals("send")).forEach(r -> declared.add(r.id()));
    List<String> rids = new ArrayList<>();
    for (String rid : m.simulcastSendRids()) {
      if (declared.contains(rid) && !rids.contains(rid)) {
        rids.add(rid);
      }
    }
    return rids;
  }

  private static JsonObject rtpParameters(MediaDescription m, SdpAnswer.Media s, String cname) {
    return RtpParametersBuilder.build(m, s, cname);
  }
}
