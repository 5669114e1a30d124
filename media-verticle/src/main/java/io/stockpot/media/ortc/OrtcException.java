package io.stockpot.media.ortc;

/**
 * A client's RTP capabilities or parameters that the router cannot accept. Signaling answers it
 * with an error carrying {@link #getMessage()}; {@link #reason()} tells a malformed request from a
 * well-formed one the router simply does not support.
 */
public final class OrtcException extends RuntimeException {
  /** Why the request was refused. */
  public enum Reason {
    /** A field is missing or has the wrong type or range. */
    INVALID,
    /** Well-formed, but no codec or extension of the router fits it. */
    UNSUPPORTED
  }

  private final Reason reason;

  public OrtcException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  static OrtcException invalid(String message) {
    return new OrtcException(Reason.INVALID, message);
  }

  static OrtcException unsupported(String message) {
    return new OrtcException(Reason.UNSUPPORTED, message);
  }

  public Reason reason() {
    return reason;
  }
}
