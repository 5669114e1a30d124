package io.stockpot.media.ice;

/**
 * What {@link IceServer#handle} made of one datagram: the outcome, the response to send back to the
 * sender (if any), and what changed. One instance is owned by the server and overwritten by the
 * next call, so read it (and send or copy the response) before handing in the next datagram.
 */
public final class IceCheckResult {
  /** How a datagram was classified; each has a counter on {@link IceServer}. */
  public enum Outcome {
    /** A valid Binding request, answered with a success response. */
    SUCCESS,
    /** A Binding request lacking USERNAME, MESSAGE-INTEGRITY or PRIORITY: 400 sent. */
    BAD_REQUEST,
    /** Unknown username fragment or failed MESSAGE-INTEGRITY: 401 sent. */
    UNAUTHORIZED,
    /** The peer claims the controlled role too (ICE-CONTROLLED): 487 sent. */
    ROLE_CONFLICT,
    /** Well-formed STUN that needs no answer: indications, responses, other methods, closed. */
    IGNORED,
    /** Not a valid STUN message, or a FINGERPRINT mismatch: dropped silently. */
    MALFORMED
  }

  private Outcome outcome = Outcome.IGNORED;
  private byte[] response;
  private int responseLength;
  private boolean nominated;
  private boolean selectedTupleChanged;
  private boolean stateChanged;
  private boolean consentRefreshed;

  IceCheckResult() {}

  void reset(Outcome outcome) {
    this.outcome = outcome;
    response = null;
    responseLength = 0;
    nominated = false;
    selectedTupleChanged = false;
    stateChanged = false;
    consentRefreshed = false;
  }

  void setResponse(byte[] buffer, int length) {
    response = buffer;
    responseLength = length;
  }

  void setNominated() {
    nominated = true;
  }

  void setSelectedTupleChanged() {
    selectedTupleChanged = true;
  }

  void setStateChanged() {
    stateChanged = true;
  }

  void setConsentRefreshed() {
    consentRefreshed = true;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** Whether a response must be sent back to the datagram's sender. */
  public boolean hasResponse() {
    return response != null;
  }

  /** The server's response buffer: send {@code responseBuffer()[0, responseLength())}. */
  public byte[] responseBuffer() {
    return response;
  }

  public int responseLength() {
    return responseLength;
  }

  /** A copy of the response, or null when there is none. */
  public byte[] responseBytes() {
    if (response == null) {
      return null;
    }
    byte[] copy = new byte[responseLength];
    System.arraycopy(response, 0, copy, 0, responseLength);
    return copy;
  }

  /** The request carried USE-CANDIDATE and passed every check. */
  public boolean nominated() {
    return nominated;
  }

  /** {@link IceServer#selectedTuple()} changed: send media there from now on. */
  public boolean selectedTupleChanged() {
    return selectedTupleChanged;
  }

  /** {@link IceServer#state()} changed. */
  public boolean stateChanged() {
    return stateChanged;
  }

  /** A valid check refreshed consent (RFC 7675) for the sender's tuple. */
  public boolean consentRefreshed() {
    return consentRefreshed;
  }
}
