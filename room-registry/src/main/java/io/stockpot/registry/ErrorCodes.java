package io.stockpot.registry;

/**
 * Error codes carried as event-bus failure codes and as protoo {@code errorCode}s. They follow
 * HTTP's meanings so that a client can tell its own mistakes (4xx) from the server's (5xx).
 */
public final class ErrorCodes {
  public static final int BAD_REQUEST = 400;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int TOO_LARGE = 413;
  public static final int TOO_MANY_REQUESTS = 429;
  public static final int INTERNAL = 500;
  public static final int UNAVAILABLE = 503;
  public static final int TIMEOUT = 504;

  /** The room is closing or moved: the signaling side places it again and retries. */
  public static final int ROOM_GONE = 410;

  private ErrorCodes() {}
}
