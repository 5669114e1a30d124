package io.stockpot.signaling.whip;

/** A WHIP request refused with an HTTP status (4xx for the client's mistakes) and a reason. */
public final class WhipException extends RuntimeException {
  private final int status;

  public WhipException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }
}
