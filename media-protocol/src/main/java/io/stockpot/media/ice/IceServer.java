package io.stockpot.media.ice;

import io.stockpot.media.ice.IceCheckResult.Outcome;
import io.stockpot.media.stun.MessageIntegrity;
import io.stockpot.media.stun.StunHeader;
import io.stockpot.media.stun.StunMessage;
import io.stockpot.media.stun.StunMessageWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server side of ICE-lite (RFC 8445 §2.5): Stockpot has only host candidates, never sends
 * checks of its own and is always the controlled agent. It answers the browser's Binding requests,
 * learns which remote addresses (tuples) passed a check, and follows the browser's nomination
 * (USE-CANDIDATE) to pick the tuple media goes to. Consent (RFC 7675) lapses when the selected
 * tuple sends no valid check for {@link #CONSENT_TIMEOUT_MILLIS} (or {@link
 * #setConsentTimeoutMillis}); {@link #tick} notices.
 *
 * <p>Single-threaded, like the rest of a room's packet path, and allocation-light: the request
 * reader, response writer, HMACs and the result are reused for every datagram.
 */
public final class IceServer {
  /** RFC 7675 §5.1: consent expires 30 s after the last successful check. */
  public static final long CONSENT_TIMEOUT_MILLIS = 30_000;

  /** Remote addresses remembered at once; the least recently seen spare one is evicted. */
  public static final int MAX_TUPLES = 8;

  /** One generation of local credentials; an ICE restart starts a new one. */
  private static final class Credentials {
    final String ufrag;
    final String password;
    final byte[] usernamePrefix; // "ufrag:" as the USERNAME of a check addressed to us starts
    final MessageIntegrity integrity;
    byte[] remoteUfrag; // checked only when signaling told us

    Credentials(String ufrag, String password) {
      if (!IceCredentials.isIceString(ufrag, IceCredentials.MIN_USERNAME_FRAGMENT_LENGTH)) {
        throw new IllegalArgumentException("invalid ICE username fragment");
      }
      if (!IceCredentials.isIceString(password, IceCredentials.MIN_PASSWORD_LENGTH)) {
        throw new IllegalArgumentException("invalid ICE password");
      }
      this.ufrag = ufrag;
      this.password = password;
      this.usernamePrefix = (ufrag + ":").getBytes(StandardCharsets.US_ASCII);
      this.integrity = MessageIntegrity.shortTerm(password);
    }
  }

  private final StunMessage request = new StunMessage();
  private final StunMessageWriter writer = new StunMessageWriter();
  private final IceCheckResult result = new IceCheckResult();
  private final InetSocketAddress[] tuples = new InetSocketAddress[MAX_TUPLES];
  private final long[] tupleLastCheck = new long[MAX_TUPLES];
  private int tupleCount;
  private long consentTimeoutMillis = CONSENT_TIMEOUT_MILLIS;
  private InetSocketAddress selectedTuple;
  private IceState state = IceState.NEW;
  private Credentials current;
  private Credentials previous; // kept after a restart until the new credentials are used

  private long requests;
  private long successes;
  private long badRequests;
  private long unauthorized;
  private long roleConflicts;
  private long ignored;
  private long malformed;

  /** A server with fresh random credentials. */
  public IceServer() {
    this(IceCredentials.randomUsernameFragment(), IceCredentials.randomPassword());
  }

  /** A server with the given local credentials (ice-chars; ufrag ≥ 4, password ≥ 22 long). */
  public IceServer(String usernameFragment, String password) {
    current = new Credentials(usernameFragment, password);
  }

  public String usernameFragment() {
    return current.ufrag;
  }

  public String password() {
    return current.password;
  }

  /** The peer's ufrag from signaling; when set, checks must name it after the colon. */
  public void setRemoteUsernameFragment(String remoteUfrag) {
    current.remoteUfrag = remoteUfrag == null ? null : remoteUfrag.getBytes(StandardCharsets.UTF_8);
  }

  /** ICE restart with fresh random credentials. */
  public void restart() {
    restart(IceCredentials.randomUsernameFragment(), IceCredentials.randomPassword());
  }

  /**
   * ICE restart: new local credentials. The browser keeps sending checks with the old ones until it
   * has applied the new remote description, so they keep working until the first request
   * authenticated with the new ones arrives; then they are dropped.
   */
  public void restart(String usernameFragment, String password) {
    Credentials next = new Credentials(usernameFragment, password);
    previous = current;
    current = next;
  }

  /**
   * How long a tuple keeps consent without a valid check, in milliseconds (mediasoup's {@code
   * iceConsentTimeout}); 0 or less: consent never expires.
   */
  public void setConsentTimeoutMillis(long millis) {
    consentTimeoutMillis = millis;
  }

  public long consentTimeoutMillis() {
    return consentTimeoutMillis;
  }

  public void close() {
    state = IceState.CLOSED;
    selectedTuple = null;
    tupleCount = 0;
    previous = null;
  }

  /**
   * Handles one datagram (already classified as STUN) from {@code from}. The returned result is
   * reused by the next call; see {@link IceCheckResult}.
   */
  public IceCheckResult handle(
      byte[] buf, int off, int len, InetSocketAddress from, long nowMillis) {
    if (state == IceState.CLOSED) {
      ignored++;
      result.reset(Outcome.IGNORED);
      return result;
    }
    if (!request.read(buf, off, len) || (request.hasFingerprint() && !request.checkFingerprint())) {
      malformed++;
      result.reset(Outcome.MALFORMED);
      return result;
    }
    if (request.messageClass() != StunHeader.CLASS_REQUEST
        || request.method() != StunHeader.METHOD_BINDING) {
      ignored++; // indications (keepalives), responses, methods ICE does not use
      result.reset(Outcome.IGNORED);
      return result;
    }
    requests++;
    if (!request.hasUsername() || !request.hasMessageIntegrity() || !request.hasPriority()) {
      badRequests++;
      return error(Outcome.BAD_REQUEST, 400, "Bad Request", null);
    }
    Credentials credentials = authenticate();
    if (credentials == null) {
      unauthorized++;
      return error(Outcome.UNAUTHORIZED, 401, "Unauthorized", null);
    }
    if (request.hasIceControlled()) {
      // Both sides claim the controlled role; a lite agent never switches (RFC 8445 §7.3.1.1).
      roleConflicts++;
      return error(Outcome.ROLE_CONFLICT, 487, "Role Conflict", credentials);
    }
    if (credentials == current) {
      previous = null; // the peer has moved to the restarted credentials
    }
    successes++;
    result.reset(Outcome.SUCCESS);
    writer
        .beginSuccessResponse(request)
        .addXorMappedAddress(from)
        .addMessageIntegrity(credentials.integrity)
        .addFingerprint();
    result.setResponse(writer.buffer(), writer.length());
    onValidCheck(from, request.hasUseCandidate(), nowMillis);
    return result;
  }

  /** The credential generation USERNAME and MESSAGE-INTEGRITY match, or null. */
  private Credentials authenticate() {
    if (matches(current)) {
      return current;
    }
    // A restart may keep the ufrag and change only the password: try the old generation too.
    return previous != null && matches(previous) ? previous : null;
  }

  private boolean matches(Credentials credentials) {
    return request.usernameStartsWith(credentials.usernamePrefix)
        && remoteUfragMatches(credentials)
        && request.checkIntegrity(credentials.integrity);
  }

  private boolean remoteUfragMatches(Credentials credentials) {
    byte[] expected = credentials.remoteUfrag;
    if (expected == null) {
      return true;
    }
    // USERNAME is "localUfrag:remoteUfrag"; the prefix already matched.
    return request.usernameLength() == credentials.usernamePrefix.length + expected.length
        && request.usernameEndsWith(expected);
  }

  private IceCheckResult error(Outcome outcome, int code, String reason, Credentials signer) {
    result.reset(outcome);
    writer.beginErrorResponse(request).addErrorCode(code, reason);
    if (signer != null) {
      // RFC 5389 §10.1.2: once a request authenticated, error responses carry integrity too.
      writer.addMessageIntegrity(signer.integrity);
    }
    writer.addFingerprint();
    result.setResponse(writer.buffer(), writer.length());
    return result;
  }

  private void onValidCheck(InetSocketAddress from, boolean useCandidate, long nowMillis) {
    rememberTuple(from, nowMillis);
    result.setConsentRefreshed();
    if (useCandidate) {
      result.setNominated();
    }
    switch (state) {
      case NEW, DISCONNECTED -> {
        select(from);
        setState(useCandidate ? IceState.COMPLETED : IceState.CONNECTED);
      }
      case CONNECTED -> {
        if (useCandidate) {
          select(from);
          setState(IceState.COMPLETED);
        }
      }
      case COMPLETED -> {
        if (useCandidate) {
          select(from); // a later nomination moves media to another tuple
        }
      }
      case CLOSED -> {}
    }
  }

  private void select(InetSocketAddress tuple) {
    if (!tuple.equals(selectedTuple)) {
      selectedTuple = tuple;
      result.setSelectedTupleChanged();
    }
  }

  private void setState(IceState next) {
    if (state != next) {
      state = next;
      result.setStateChanged();
    }
  }

  private void rememberTuple(InetSocketAddress from, long nowMillis) {
    int index = indexOf(from);
    if (index < 0) {
      if (tupleCount == MAX_TUPLES) {
        removeTuple(oldestSpareTuple());
      }
      index = tupleCount++;
      tuples[index] = from;
    }
    tupleLastCheck[index] = nowMillis;
  }

  private int oldestSpareTuple() {
    int oldest = -1;
    for (int i = 0; i < tupleCount; i++) {
      if (!tuples[i].equals(selectedTuple)
          && (oldest < 0 || tupleLastCheck[i] < tupleLastCheck[oldest])) {
        oldest = i;
      }
    }
    return oldest;
  }

  private void removeTuple(int index) {
    tupleCount--;
    tuples[index] = tuples[tupleCount];
    tupleLastCheck[index] = tupleLastCheck[tupleCount];
    tuples[tupleCount] = null;
  }

  private int indexOf(InetSocketAddress address) {
    for (int i = 0; i < tupleCount; i++) {
      if (tuples[i].equals(address)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Checks consent freshness: call it periodically (every second or so). Forgets tuples with no
   * valid check for the consent timeout; when that is the selected tuple, consent is lost, the
   * state becomes {@link IceState#DISCONNECTED} and there is no selected tuple any more (media must
   * stop, RFC 7675 §5.1). A valid check afterwards reconnects. Answers whether the state changed.
   */
  public boolean tick(long nowMillis) {
    if (state == IceState.CLOSED || consentTimeoutMillis <= 0) {
      return false;
    }
    for (int i = tupleCount - 1; i >= 0; i--) {
      if (nowMillis - tupleLastCheck[i] >= consentTimeoutMillis) {
        if (tuples[i].equals(selectedTuple)) {
          selectedTuple = null;
        }
        removeTuple(i);
      }
    }
    boolean lost =
        selectedTuple == null && (state == IceState.CONNECTED || state == IceState.COMPLETED);
    if (lost) {
      state = IceState.DISCONNECTED;
      tupleCount = 0;
      Arrays.fill(tuples, null);
    }
    return lost;
  }

  public IceState state() {
    return state;
  }

  /** Where media goes, or null before the first valid check and after consent is lost. */
  public InetSocketAddress selectedTuple() {
    return selectedTuple;
  }

  /** Whether {@code address} passed a check and may send media (allocation-free). */
  public boolean isValidTuple(InetSocketAddress address) {
    return indexOf(address) >= 0;
  }

  /** A copy of the remembered tuples. */
  public List<InetSocketAddress> tuples() {
    List<InetSocketAddress> out = new ArrayList<>(tupleCount);
    for (int i = 0; i < tupleCount; i++) {
      out.add(tuples[i]);
    }
    return out;
  }

  /** Binding requests received, whatever their outcome. */
  public long requests() {
    return requests;
  }

  public long successes() {
    return successes;
  }

  public long badRequests() {
    return badRequests;
  }

  public long unauthorized() {
    return unauthorized;
  }

  public long roleConflicts() {
    return roleConflicts;
  }

  public long ignored() {
    return ignored;
  }

  public long malformed() {
    return malformed;
  }
}
