package io.stockpot.signaling.auth;

/**
 * Why a room token was refused. {@link #closeCode()} is what the signaling connection closes with:
 * {@link #UNAUTHORIZED} (no valid token: get a new one) or {@link #FORBIDDEN} (a valid token that
 * does not allow this connection).
 */
public final class TokenException extends RuntimeException {
  /** Close code of a connection without a valid token (missing, expired, bad signature). */
  public static final int UNAUTHORIZED = 4401;

  /** Close code of a connection whose valid token is for another room or peer. */
  public static final int FORBIDDEN = 4403;

  private final int closeCode;

  public TokenException(int closeCode, String message) {
    super(message, null, false, false);
    this.closeCode = closeCode;
  }

  public int closeCode() {
    return closeCode;
  }

  /** The matching HTTP status (401 or 403), for a refused WebSocket upgrade. */
  public int httpStatus() {
    return closeCode - 4000;
  }

  static TokenException missing() {
    return new TokenException(
        UNAUTHORIZED, "token missing: this server admits only peers with a room token (?token=)");
  }

  static TokenException expired() {
    return new TokenException(UNAUTHORIZED, "token expired: ask for a new one");
  }

  static TokenException invalid(String why) {
    return new TokenException(UNAUTHORIZED, "token invalid: " + why);
  }

  static TokenException forbidden(String why) {
    return new TokenException(FORBIDDEN, "token refused: " + why);
  }
}
