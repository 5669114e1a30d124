package io.stockpot.media.ice;

/** The ICE-lite server's state, named as mediasoup names a WebRtcTransport's iceState. */
public enum IceState {
  /** No valid connectivity check yet. */
  NEW,
  /** A valid check arrived; its tuple is provisionally selected, none nominated yet. */
  CONNECTED,
  /** The controlling peer nominated a tuple (USE-CANDIDATE): the selected tuple is final. */
  COMPLETED,
  /** Consent expired: no valid check on the selected tuple for the consent timeout. */
  DISCONNECTED,
  /** Closed for good; every datagram is ignored. */
  CLOSED
}
