package io.stockpot.signaling.sdp;

/** An SDP text that does not parse, or that says something a receiver cannot take. */
public final class SdpException extends RuntimeException {
  public SdpException(String message) {
    super(message, null, false, false);
  }
}
