package io.stockpot.media.webrtc;

/**
 * A transport request the transport refuses. The room maps {@link Reason} to the error code the
 * client hears, so this package needs no signaling types.
 */
public final class TransportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  public enum Reason {
    /** {@code connect} was already called on this transport. */
    ALREADY_CONNECTED,
    /** The DTLS parameters (fingerprints, role) cannot be used. */
    BAD_PARAMETERS
  }

  private final Reason reason;

  public TransportException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
