package io.stockpot.registry;

/** A failure with an {@link ErrorCodes} code, for callers that turn it into a protoo error. */
public final class RequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int code;

  public RequestException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
