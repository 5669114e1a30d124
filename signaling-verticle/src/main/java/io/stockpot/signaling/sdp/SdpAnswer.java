package io.stockpot.signaling.sdp;

import java.util.List;
import java.util.Map;

/**
 * What an ICE-lite, receive-only answerer (RFC 8829 §5.3, RFC 8445 §2.5) says back to an offer, and
 * its text ({@link #write}). Every accepted section shares one BUNDLE transport (RFC 9143): the
 * same ICE credentials, fingerprint, setup role and candidates.
 *
 * @param iceUfrag the transport's ICE username fragment
 * @param icePwd the transport's ICE password
 * @param fingerprints the DTLS certificate's fingerprints; every one is listed, and the sha-256 one
 *     last, because some clients (aiortc 1.4) read only the last and verify only sha-256
 * @param setup {@code passive} (we are the DTLS server) or {@code active} (RFC 5763 §5)
 * @param candidates the transport's host candidates
 * @param media one entry per offered m-section, in the offer's order (RFC 8829 §5.3.1)
 */
public record SdpAnswer(
    String iceUfrag,
    String icePwd,
    List<Fingerprint> fingerprints,
    String setup,
    List<Candidate> candidates,
    List<Media> media) {

  /** {@code a=fingerprint:<algorithm> <value>} (RFC 8122 §5). */
  public record Fingerprint(String algorithm, String value) {}

  /** A host UDP candidate (RFC 8839 §5.1); {@code priority} per RFC 8445 §5.1.2. */
  public record Candidate(String foundation, long priority, String ip, int port) {}

  /** An accepted codec: the offer's payload type and format, and what we accept of its feedback. */
  public record Codec(
      int payloadType,
      String encodingName,
      int clockRate,
      int channels,
      Map<String, String> fmtp,
      List<MediaDescription.RtcpFb> rtcpFb) {}

  /**
   * One answered m-section. A rejected one ({@code codecs} empty) is written with port 0 (RFC 8829
   * §5.3.1).
   *
   * @param recvRids the rids accepted for simulcast ({@code a=rid:<id> recv}, {@code
   *     a=simulcast:recv}), empty without simulcast
   */
  public record Media(
      String media,
      String mid,
      String protocol,
      String rejectedFormat,
      List<Codec> codecs,
      List<MediaDescription.ExtMap> extMaps,
      List<String> recvRids,
      boolean rtcpRsize) {
    public boolean accepted() {
      return !codecs.isEmpty();
    }
  }

  /** The answer's SDP text, CRLF line ends (RFC 8866 §5). */
  public String write(long sessionId) {
    StringBuilder sb = new StringBuilder();
    line(sb, "v=0");
    line(sb, "o=- " + sessionId + " 2 IN IP4 127.0.0.1");
    line(sb, "s=-");
    line(sb, "t=0 0");
    line(sb, "a=ice-lite");
    StringBuilder bundle = new StringBuilder("a=group:BUNDLE");
    media.stream().filter(Media::accepted).forEach(m -> bundle.append(' ').append(m.mid()));
    line(sb, bundle.toString());
    line(sb, "a=msid-semantic: WMS *");
    for (Media m : media) {
      writeMedia(sb, m);
    }
    return sb.toString();
  }

  private void writeMedia(StringBuilder sb, Media m) {
    if (!m.accepted()) {
      line(sb, "m=" + m.media() + " 0 " + m.protocol() + " " + m.rejectedFormat());
      line(sb, "c=IN IP4 0.0.0.0");
      if (m.mid() != null) {
        line(sb, "a=mid:" + m.mid());
      }
      line(sb, "a=inactive");
      return;
    }
    Candidate first = candidates.isEmpty() ? null : candidates.get(0);
    StringBuilder mLine =
        new StringBuilder("m=" + m.media() + " " + (first == null ? 9 : first.port()) + " ");
    mLine.append(m.protocol());
    m.codecs().forEach(c -> mLine.append(' ').append(c.payloadType()));
    line(sb, mLine.toString());
    line(sb, "c=IN IP4 " + (first == null ? "0.0.0.0" : first.ip()));
    line(sb, "a=rtcp:9 IN IP4 0.0.0.0");
    line(sb, "a=ice-ufrag:" + iceUfrag);
    line(sb, "a=ice-pwd:" + icePwd);
    for (Fingerprint fp : fingerprints) {
      line(sb, "a=fingerprint:" + fp.algorithm() + " " + fp.value());
    }
    line(sb, "a=setup:" + setup);
    line(sb, "a=mid:" + m.mid());
    for (MediaDescription.ExtMap e : m.extMaps()) {
      line(sb, "a=extmap:" + e.id() + " " + e.uri());
    }
    line(sb, "a=recvonly");
    line(sb, "a=rtcp-mux");
    if (m.rtcpRsize()) {
      line(sb, "a=rtcp-rsize");
    }
    for (Codec c : m.codecs()) {
      String channels = c.channels() > 1 ? "/" + c.channels() : "";
      line(
          sb,
          "a=rtpmap:" + c.payloadType() + " " + c.encodingName() + "/" + c.clockRate() + channels);
      for (MediaDescription.RtcpFb fb : c.rtcpFb()) {
        String param = fb.parameter().isEmpty() ? "" : " " + fb.parameter();
        line(sb, "a=rtcp-fb:" + c.payloadType() + " " + fb.type() + param);
      }
      if (!c.fmtp().isEmpty()) {
        StringBuilder f = new StringBuilder();
        c.fmtp()
            .forEach(
                (k, v) ->
                    f.append(f.isEmpty() ? "" : ";").append(k).append(v.isEmpty() ? "" : "=" + v));
        line(sb, "a=fmtp:" + c.payloadType() + " " + f);
      }
    }
    for (String rid : m.recvRids()) {
      line(sb, "a=rid:" + rid + " recv");
    }
    if (!m.recvRids().isEmpty()) {
      line(sb, "a=simulcast:recv " + String.join(";", m.recvRids()));
    }
    writeCandidates(sb);
  }

  private void writeCandidates(StringBuilder sb) {
    for (Candidate c : candidates) {
      line(
          sb,
          "a=candidate:"
              + c.foundation()
              + " 1 udp "
              + c.priority()
              + " "
              + c.ip()
              + " "
              + c.port()
              + " typ host");
    }
    line(sb, "a=end-of-candidates");
  }

  /**
   * The {@code application/trickle-ice-sdpfrag} body answering an ICE restart (RFC 9725 §4.3.2, RFC
   * 8840 §9): the new credentials, then the first bundled section's candidates.
   */
  public String writeRestartFragment() {
    StringBuilder sb = new StringBuilder();
    line(sb, "a=ice-lite");
    line(sb, "a=ice-ufrag:" + iceUfrag);
    line(sb, "a=ice-pwd:" + icePwd);
    for (Media m : media) {
      if (m.accepted()) {
        line(sb, "m=" + m.media() + " 9 " + m.protocol() + " " + m.codecs().get(0).payloadType());
        line(sb, "a=mid:" + m.mid());
        writeCandidates(sb);
        break;
      }
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String line) {
    sb.append(line).append("\r\n");
  }
}
