package io.stockpot.media.ice;

import java.security.SecureRandom;

/**
 * Random ICE credentials (RFC 8839 §5.4): the username fragment and password are strings of
 * ice-chars (ALPHA / DIGIT / "+" / "/"), at least 4 and 22 characters long. Stockpot uses 16 and 32
 * so that the password carries 192 bits of entropy.
 */
public final class IceCredentials {
  public static final int USERNAME_FRAGMENT_LENGTH = 16;
  public static final int PASSWORD_LENGTH = 32;
  public static final int MIN_USERNAME_FRAGMENT_LENGTH = 4;
  public static final int MIN_PASSWORD_LENGTH = 22;
  public static final int MAX_LENGTH = 256;

  private static final String ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final SecureRandom RANDOM = new SecureRandom();

  private IceCredentials() {}

  public static String randomUsernameFragment() {
    return random(USERNAME_FRAGMENT_LENGTH);
  }

  public static String randomPassword() {
    return random(PASSWORD_LENGTH);
  }

  /** Whether {@code s} is made of ice-chars only and is between min and 256 characters long. */
  public static boolean isIceString(String s, int minLength) {
    if (s == null || s.length() < minLength || s.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (ICE_CHARS.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length()));
    }
    return new String(out);
  }
}
