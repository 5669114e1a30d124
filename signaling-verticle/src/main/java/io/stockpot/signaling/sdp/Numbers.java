package io.stockpot.signaling.sdp;

import java.util.regex.Pattern;

/** Bounded number parsing for SDP fields: a malformed or out-of-range value is an SdpException. */
final class Numbers {
  /** RFC 8851 §10: rid-id = 1*(alpha-numeric / "-" / "_"); bounded to keep ids short. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]{1,32}");

  private Numbers() {}

  static int parseInt(String s, int min, int max, String what) {
    long v = parseLong(s, what);
    if (v < min || v > max) {
      throw new SdpException(what + " out of range: " + s);
    }
    return (int) v;
  }

  static long parseLong(String s, String what) {
    String t = s.strip();
    if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(Character::isDigit)) {
      throw new SdpException("malformed " + what + ": " + s);
    }
    return Long.parseLong(t);
  }

  /** RTP payload types are 7 bits (RFC 3550 §5.1). */
  static int payloadType(String s) {
    return parseInt(s, 0, 127, "payload type");
  }

  static long ssrc(String s) {
    long v = parseLong(s, "ssrc");
    if (v > 0xFFFF_FFFFL) {
      throw new SdpException("ssrc out of range: " + s);
    }
    return v;
  }

  static boolean isToken(String s) {
    return TOKEN.matcher(s).matches();
  }
}
