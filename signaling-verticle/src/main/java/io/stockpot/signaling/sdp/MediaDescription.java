package io.stockpot.signaling.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code m=} section (RFC 8866 §5.14) with its attributes, and typed readers of the attributes
 * WebRTC uses: {@code rtpmap}/{@code fmtp}/{@code rtcp-fb} (RFC 4566, RFC 4585), {@code extmap}
 * (RFC 8285), {@code ssrc}/{@code ssrc-group} (RFC 5576), {@code rid} (RFC 8851), {@code simulcast}
 * (RFC 8853), {@code mid} (RFC 9143). Every reader refuses malformed values with {@link
 * SdpException}: these bytes come from whoever posted them.
 *
 * @param media {@code audio}, {@code video}, {@code application}...
 * @param port the m-line's port (0: the section is rejected or disabled)
 * @param protocol e.g. {@code UDP/TLS/RTP/SAVPF}
 * @param formats the m-line's formats in preference order (payload types for RTP)
 * @param connection the section's {@code c=} value, or null
 */
public record MediaDescription(
    String media,
    int port,
    String protocol,
    List<String> formats,
    String connection,
    List<SessionDescription.Attribute> attributes) {

  public MediaDescription {
    formats = List.copyOf(formats);
    attributes = List.copyOf(attributes);
  }

  /** {@code a=rtpmap:<pt> <name>/<clock rate>[/<channels>]}. */
  public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {}

  /** {@code a=rtcp-fb:<pt|*> <type> [<parameter>]}; {@code parameter} is "" when absent. */
  public record RtcpFb(String type, String parameter) {}

  /** {@code a=extmap:<id>[/<direction>] <uri>}. */
  public record ExtMap(int id, String direction, String uri) {}

  /** {@code a=rid:<id> <send|recv> ...}. */
  public record Rid(String id, String direction) {}

  /** {@code a=ssrc-group:<semantics> <ssrc>...}. */
  public record SsrcGroup(String semantics, List<Long> ssrcs) {}

  /** The first value of attribute {@code name} ("" for a flag), or null. */
  public String attribute(String name) {
    return Attributes.first(attributes, name);
  }

  /** Every value of attribute {@code name}. */
  public List<String> attributes(String name) {
    return Attributes.all(attributes, name);
  }

  public boolean has(String name) {
    return attribute(name) != null;
  }

  public String mid() {
    return attribute("mid");
  }

  /** sendrecv, sendonly, recvonly or inactive (sendrecv when none is said, RFC 8866 §6.7). */
  public String direction() {
    for (String d : List.of("sendonly", "recvonly", "inactive", "sendrecv")) {
      if (has(d)) {
        return d;
      }
    }
    return "sendrecv";
  }

  /** Payload types of the m-line, in preference order. */
  public List<Integer> payloadTypes() {
    List<Integer> pts = new ArrayList<>();
    for (String f : formats) {
      pts.add(Numbers.payloadType(f));
    }
    return pts;
  }

  /** The rtpmap of each payload type that has one, by payload type. */
  public Map<Integer, RtpMap> rtpMaps() {
    Map<Integer, RtpMap> maps = new LinkedHashMap<>();
    for (String v : attributes("rtpmap")) {
      String[] parts = v.split(" ", 2);
      if (parts.length != 2) {
        throw new SdpException("malformed rtpmap: " + v);
      }
      String[] enc = parts[1].strip().split("/");
      if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
        throw new SdpException("malformed rtpmap: " + v);
      }
      int pt = Numbers.payloadType(parts[0]);
      int clock = Numbers.parseInt(enc[1], 1, 10_000_000, "rtpmap clock rate");
      int channels = enc.length == 3 ? Numbers.parseInt(enc[2], 1, 255, "rtpmap channels") : 1;
      maps.put(pt, new RtpMap(pt, enc[0], clock, channels));
    }
    return maps;
  }

  /**
   * The fmtp parameters of {@code pt} ({@code a=fmtp:<pt> k=v;k=v}), in their order; a parameter
   * without '=' maps to "".
   */
  public Map<String, String> fmtp(int pt) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String v : attributes("fmtp")) {
      String[] parts = v.split(" ", 2);
      if (parts.length != 2 || Numbers.payloadType(parts[0]) != pt) {
        continue;
      }
      for (String p : parts[1].split(";")) {
        String kv = p.strip();
        if (kv.isEmpty()) {
          continue;
        }
        int eq = kv.indexOf('=');
        params.put(
            eq < 0 ? kv : kv.substring(0, eq).strip(), eq < 0 ? "" : kv.substring(eq + 1).strip());
      }
    }
    return params;
  }

  /** The rtcp-fb lines for {@code pt}, including those for every payload type ({@code *}). */
  public List<RtcpFb> rtcpFb(int pt) {
    List<RtcpFb> out = new ArrayList<>();
    for (String v : attributes("rtcp-fb")) {
      String[] parts = v.strip().split(" +", 3);
      if (parts.length < 2) {
        throw new SdpException("malformed rtcp-fb: " + v);
      }
      if (parts[0].equals("*") || Numbers.payloadType(parts[0]) == pt) {
        RtcpFb fb = new RtcpFb(parts[1], parts.length == 3 ? parts[2] : "");
        if (!out.contains(fb)) {
          out.add(fb);
        }
      }
    }
    return out;
  }

  public List<ExtMap> extMaps() {
    List<ExtMap> out = new ArrayList<>();
    for (String v : attributes("extmap")) {
      String[] parts = v.strip().split(" +");
      if (parts.length < 2) {
        throw new SdpException("malformed extmap: " + v);
      }
      String[] idDir = parts[0].split("/", 2);
      int id = Numbers.parseInt(idDir[0], 1, 255, "extmap id");
      out.add(new ExtMap(id, idDir.length == 2 ? idDir[1] : "sendrecv", parts[1]));
    }
    return out;
  }

  /** SSRCs in order of first appearance, each with its {@code cname} ("" when not given). */
  public Map<Long, String> ssrcs() {
    Map<Long, String> out = new LinkedHashMap<>();
    for (String v : attributes("ssrc")) {
      String[] parts = v.strip().split(" ", 2);
      long ssrc = Numbers.ssrc(parts[0]);
      String cname = out.getOrDefault(ssrc, "");
      if (parts.length == 2 && parts[1].startsWith("cname:")) {
        cname = parts[1].substring("cname:".length()).strip();
      }
      out.put(ssrc, cname);
    }
    return out;
  }

  public List<SsrcGroup> ssrcGroups() {
    List<SsrcGroup> out = new ArrayList<>();
    for (String v : attributes("ssrc-group")) {
      String[] parts = v.strip().split(" +");
      List<Long> ssrcs = new ArrayList<>();
      for (int i = 1; i < parts.length; i++) {
        ssrcs.add(Numbers.ssrc(parts[i]));
      }
      out.add(new SsrcGroup(parts[0], ssrcs));
    }
    return out;
  }

  public List<Rid> rids() {
    List<Rid> out = new ArrayList<>();
    for (String v : attributes("rid")) {
      String[] parts = v.strip().split(" +");
      if (parts.length < 2 || !Numbers.isToken(parts[0])) {
        throw new SdpException("malformed rid: " + v);
      }
      out.add(new Rid(parts[0], parts[1]));
    }
    return out;
  }

  /**
   * The rids of {@code a=simulcast:send <rid>;<rid>...} (RFC 8853 §5.1), each alternative list's
   * first choice, without the paused marker {@code ~}; empty when the section has no simulcast.
   */
  public List<String> simulcastSendRids() {
    String v = attribute("simulcast");
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    String[] parts = v.strip().split(" +");
    for (int i = 0; i + 1 < parts.length; i += 2) {
      if (!parts[i].equals("send")) {
        continue;
      }
      for (String stream : parts[i + 1].split(";")) {
        String rid = stream.split(",")[0];
        rid = rid.startsWith("~") ? rid.substring(1) : rid;
        if (!Numbers.isToken(rid)) {
          throw new SdpException("malformed simulcast: " + v);
        }
        out.add(rid);
      }
    }
    return out;
  }

  /** Mutable while one section is read. */
  static final class Builder {
    private final String media;
    private final int port;
    private final String protocol;
    private final List<String> formats;
    final List<SessionDescription.Attribute> attributes = new ArrayList<>();
    String connection;

    private Builder(String media, int port, String protocol, List<String> formats) {
      this.media = media;
      this.port = port;
      this.protocol = protocol;
      this.formats = formats;
    }

    /** Reads {@code <media> <port>[/<count>] <proto> <fmt> ...}. */
    static Builder of(String mLine, int lineNumber) {
      String[] parts = mLine.strip().split(" +");
      if (parts.length < 3) {
        throw new SdpException("line " + lineNumber + ": malformed m= line");
      }
      int port = Numbers.parseInt(parts[1].split("/")[0], 0, 65535, "m= port");
      List<String> formats = new ArrayList<>(List.of(parts).subList(3, parts.length));
      return new Builder(parts[0], port, parts[2], formats);
    }

    MediaDescription build() {
      return new MediaDescription(media, port, protocol, formats, connection, attributes);
    }
  }
}
