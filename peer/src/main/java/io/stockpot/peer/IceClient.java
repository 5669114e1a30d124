package io.stockpot.peer;

import io.stockpot.media.ice.IceRequests;
import io.stockpot.media.stun.MessageIntegrity;
import io.stockpot.media.stun.StunHeader;
import io.stockpot.media.stun.StunMessage;
import io.stockpot.media.stun.StunMessageWriter;
import java.security.SecureRandom;

/**
 * The controlling side of ICE towards an ICE-lite server with one host candidate, as a browser
 * behaves: Binding requests with USE-CANDIDATE every {@link #CHECK_INTERVAL_NANOS} until one is
 * answered, then a consent check every {@link #CONSENT_INTERVAL_NANOS}; consent is lost when none
 * is answered for {@link #CONSENT_TIMEOUT_NANOS} (RFC 7675). Single-threaded, allocation-free after
 * construction.
 */
public final class IceClient {
  public static final long CHECK_INTERVAL_NANOS = 50_000_000L;
  public static final long CONSENT_INTERVAL_NANOS = 2_000_000_000L;
  public static final long CONSENT_TIMEOUT_NANOS = 30_000_000_000L;

  /** A peer-reflexive candidate's priority (type preference 110, RFC 8445 §5.1.2.1). */
  private static final long PRIORITY = (110L << 24) | (65535L << 8) | 255;

  /** Transactions remembered, so a late answer to a retransmitted check still counts. */
  private static final int OUTSTANDING = 8;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String serverUfrag;
  private final String localUfrag;
  private final MessageIntegrity serverIntegrity;
  private final long tieBreaker = RANDOM.nextLong();
  private final StunMessageWriter writer = new StunMessageWriter();
  private final StunMessage response = new StunMessage();
  private final byte[][] transactions = new byte[OUTSTANDING][StunHeader.TRANSACTION_ID_LENGTH];
  private int nextTransaction;
  private boolean everConnected;
  private long lastCheckNanos;
  private long lastSuccessNanos;
  private boolean checkSent;

  private volatile long checksSent;
  private volatile long successes;
  private volatile long errorResponses;
  private volatile long rejected;

  public IceClient(String serverUfrag, String serverPassword, String localUfrag) {
    this.serverUfrag = serverUfrag;
    this.localUfrag = localUfrag;
    this.serverIntegrity = MessageIntegrity.shortTerm(serverPassword);
  }

  /** When the next check is due: soon while checking, every couple of seconds once connected. */
  public long nextCheckNanos(long nowNanos) {
    if (!checkSent) {
      return nowNanos;
    }
    return lastCheckNanos + (everConnected ? CONSENT_INTERVAL_NANOS : CHECK_INTERVAL_NANOS);
  }

  /**
   * Writes the next check (fresh transaction id) into this client's buffer; send {@code buffer()[0,
   * length)} where length is the answer.
   */
  public int writeCheck(long nowNanos) {
    byte[] id = transactions[nextTransaction];
    nextTransaction = (nextTransaction + 1) % OUTSTANDING;
    RANDOM.nextBytes(id);
    IceRequests.writeCheck(
        writer, id, serverUfrag, localUfrag, serverIntegrity, PRIORITY, tieBreaker, true);
    lastCheckNanos = nowNanos;
    checkSent = true;
    checksSent++;
    return writer.length();
  }

  public byte[] buffer() {
    return writer.buffer();
  }

  /**
   * Handles a STUN datagram from the server; answers true for a success response to one of our
   * checks that carries the server's MESSAGE-INTEGRITY and a valid FINGERPRINT.
   */
  public boolean onStun(byte[] buf, int off, int len, long nowNanos) {
    if (!response.read(buf, off, len)
        || response.method() != StunHeader.METHOD_BINDING
        || !isOurs(buf)
        || !response.hasMessageIntegrity()
        || (response.hasFingerprint() && !response.checkFingerprint())
        || !response.checkIntegrity(serverIntegrity)) {
      rejected++;
      return false;
    }
    if (response.messageClass() == StunHeader.CLASS_ERROR_RESPONSE) {
      errorResponses++;
      return false;
    }
    if (response.messageClass() != StunHeader.CLASS_SUCCESS_RESPONSE) {
      rejected++;
      return false;
    }
    successes++;
    everConnected = true;
    lastSuccessNanos = nowNanos;
    return true;
  }

  private boolean isOurs(byte[] buf) {
    int at = response.transactionIdOffset(); // into buf, which read() just validated
    for (byte[] id : transactions) {
      if (matches(id, buf, at)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] id, byte[] buf, int at) {
    for (int i = 0; i < id.length; i++) {
      if (buf[at + i] != id[i]) {
        return false;
      }
    }
    return true;
  }

  /** A check was answered within the consent timeout. */
  public boolean connected(long nowNanos) {
    return everConnected && nowNanos - lastSuccessNanos < CONSENT_TIMEOUT_NANOS;
  }

  public boolean everConnected() {
    return everConnected;
  }

  public String localUfrag() {
    return localUfrag;
  }

  public long checksSent() {
    return checksSent;
  }

  public long successes() {
    return successes;
  }

  public long errorResponses() {
    return errorResponses;
  }

  /** STUN datagrams that were not an authentic answer to one of our checks. */
  public long rejected() {
    return rejected;
  }
}
