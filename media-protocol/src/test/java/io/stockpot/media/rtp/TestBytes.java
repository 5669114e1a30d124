package io.stockpot.media.rtp;

/** Hex literals for packet tests. */
public final class TestBytes {
  private TestBytes() {}

  /** Bytes from hex digits, whitespace ignored. */
  public static byte[] hex(String s) {
    String digits = s.replaceAll("\\s+", "");
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
