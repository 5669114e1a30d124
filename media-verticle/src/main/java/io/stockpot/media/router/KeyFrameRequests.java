package io.stockpot.media.router;

/**
 * When a producer may be asked for a key frame again, like mediasoup's KeyFrameRequestManager: a
 * browser's PLI/FIR about a consumer is relayed at most once per {@link #RELAY_INTERVAL_MS} (a
 * decoder that lost a frame asks again and again while it waits); a consumer that starts or resumes
 * asks at once, only requests closer than {@link #START_INTERVAL_MS} merge (several consumers
 * joining together need one key frame). One per producer.
 */
final class KeyFrameRequests {
  /** Browsers' PLI/FIR reach a producer at most once a second. */
  static final long RELAY_INTERVAL_MS = 1_000;

  /** A new or resumed consumer waits at most this long for a request of its own. */
  static final long START_INTERVAL_MS = 100;

  /** Who asks for the key frame. */
  enum Source {
    /** A browser's PLI or FIR about one of the producer's consumers (RFC 4585 §6.3.1). */
    BROWSER,
    /** A consumer starts or resumes, or the producer's stream lost what NACK could repair. */
    CONSUMER_START,
    /** Packets asked for in vain: only a key frame repairs the stream now. */
    NACK_GIVEN_UP,
    /** A consumer still waits for its key frame (the request or the frame was lost). */
    STILL_WAITING
  }

  private long lastRequestMs = Long.MIN_VALUE;
  private long requested;
  private long merged;

  /** Whether a request from {@code source} at {@code nowMs} goes out; if so, notes it. */
  boolean allow(Source source, long nowMs) {
    long interval = source == Source.CONSUMER_START ? START_INTERVAL_MS : RELAY_INTERVAL_MS;
    if (lastRequestMs != Long.MIN_VALUE && nowMs - lastRequestMs < interval) {
      merged++;
      return false;
    }
    lastRequestMs = nowMs;
    requested++;
    return true;
  }

  /** Requests that went out. */
  long requested() {
    return requested;
  }

  /** Requests absorbed by an earlier one. */
  long merged() {
    return merged;
  }
}
