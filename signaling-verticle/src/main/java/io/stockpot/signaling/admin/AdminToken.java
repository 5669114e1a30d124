package io.stockpot.signaling.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The node's admin token: REST calls present it as {@code Authorization: Bearer <token>}, the
 * dashboard's event-bus socket as {@code ?token=} in its SockJS URL. Compared in constant time.
 */
final class AdminToken {
  private final byte[] token;

  AdminToken(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("the admin token must not be empty");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }

  /** The token of an {@code Authorization} header's Bearer credentials, or null. */
  static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return value.substring(7).trim();
  }
}
