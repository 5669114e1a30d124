package io.stockpot.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed SDP (RFC 8866): the session-level attributes and the media descriptions, in order. Only
 * what WebRTC offers use is kept: {@code m=}, {@code c=} and {@code a=} lines; other lines are
 * checked for shape ({@code x=value}) and skipped.
 *
 * @param attributes session-level {@code a=} lines
 * @param media the {@code m=} sections, in the offer's order
 */
public record SessionDescription(List<Attribute> attributes, List<MediaDescription> media) {
  /** More lines than any real offer has (Chromium's with simulcast: ~150). */
  public static final int MAX_LINES = 4000;

  /** More m-sections than a WHIP publisher sends (one audio, one video, usually). */
  public static final int MAX_MEDIA = 16;

  public SessionDescription {
    attributes = List.copyOf(attributes);
    media = List.copyOf(media);
  }

  /** One {@code a=name[:value]} line; {@code value} is null for a flag such as {@code rtcp-mux}. */
  public record Attribute(String name, String value) {}

  /**
   * Parses an SDP text (CRLF or LF line ends).
   *
   * @throws SdpException when it is not SDP: no {@code v=0} first, a line that is not {@code
   *     x=value}, a malformed {@code m=} line, too many lines or sections
   */
  public static SessionDescription parse(String text) {
    return parse(text, true);
  }

  /**
   * Parses an SDP fragment ({@code application/trickle-ice-sdpfrag}, RFC 8840 §9): the same lines
   * without the {@code v=0} session header.
   */
  public static SessionDescription parseFragment(String text) {
    return parse(text, false);
  }

  private static SessionDescription parse(String text, boolean full) {
    if (text == null || text.isBlank()) {
      throw new SdpException(full ? "empty SDP" : "empty SDP fragment");
    }
    String[] lines = text.split("\r?\n", -1);
    if (lines.length > MAX_LINES) {
      throw new SdpException("SDP has more than " + MAX_LINES + " lines");
    }
    if (full && !lines[0].strip().equals("v=0")) {
      throw new SdpException("SDP must start with v=0");
    }
    List<Attribute> session = new ArrayList<>();
    List<MediaDescription> media = new ArrayList<>();
    MediaDescription.Builder current = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
        throw new SdpException("line " + (i + 1) + " is not type=value");
      }
      String value = line.substring(2);
      switch (line.charAt(0)) {
        case 'm' -> {
          if (current != null) {
            media.add(current.build());
          }
          if (media.size() >= MAX_MEDIA) {
            throw new SdpException("more than " + MAX_MEDIA + " media sections");
          }
          current = MediaDescription.Builder.of(value, i + 1);
        }
        case 'a' -> {
          int colon = value.indexOf(':');
          Attribute a =
              colon < 0
                  ? new Attribute(value, null)
                  : new Attribute(value.substring(0, colon), value.substring(colon + 1));
          if (current == null) {
            session.add(a);
          } else {
            current.attributes.add(a);
          }
        }
        case 'c' -> {
          if (current != null) {
            current.connection = value;
          }
        }
        default -> {
          // v, o, s, t, b, i...: nothing a WHIP answer depends on.
        }
      }
    }
    if (current != null) {
      media.add(current.build());
    }
    return new SessionDescription(session, media);
  }

  /** The first session-level value of attribute {@code name}, or null. */
  public String attribute(String name) {
    return Attributes.first(attributes, name);
  }

  /** Every session-level value of attribute {@code name}. */
  public List<String> attributes(String name) {
    return Attributes.all(attributes, name);
  }
}
