package io.stockpot.media.dtls;

import java.time.Duration;

/**
 * Tunables of a {@link DtlsTransport}. {@link #defaults()} suits browsers; tests and unusual paths
 * adjust single fields with the {@code with*} methods.
 *
 * @param srtpProfiles SRTP protection profiles in order of preference
 * @param mtu largest datagram we send; handshake messages beyond it are fragmented
 * @param queueCapacity incoming datagrams held before further ones are dropped
 * @param handshakeTimeout how long the whole handshake may take
 * @param counters where transports add their figures; share one instance to aggregate
 */
public record DtlsOptions(
    int[] srtpProfiles,
    int mtu,
    int queueCapacity,
    Duration handshakeTimeout,
    DtlsCounters counters) {

  /** Leaves room under a 1280-byte IPv6 path MTU for TURN framing, as browsers do. */
  public static final int DEFAULT_MTU = 1200;

  /** A handshake is a few flights of a few datagrams; 64 absorbs bursts and retransmissions. */
  public static final int DEFAULT_QUEUE_CAPACITY = 64;

  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

  public DtlsOptions {
    if (srtpProfiles == null || srtpProfiles.length == 0) {
      throw new IllegalArgumentException("at least one SRTP profile is required");
    }
    srtpProfiles = srtpProfiles.clone();
    for (int profile : srtpProfiles) {
      SrtpKeySplit.keyLength(profile); // rejects profiles we cannot key
    }
    if (mtu < 64 || mtu > DtlsQueueTransport.RECEIVE_LIMIT) {
      throw new IllegalArgumentException("mtu out of range: " + mtu);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be positive");
    }
    if (handshakeTimeout == null || handshakeTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("handshakeTimeout must be positive");
    }
    if (counters == null) {
      throw new IllegalArgumentException("counters are required");
    }
  }

  /** GCM preferred, AES-CM as fallback; MTU 1200; 64 queued datagrams; 30 s; fresh counters. */
  public static DtlsOptions defaults() {
    return new DtlsOptions(
        new int[] {SrtpKeyMaterial.AEAD_AES_128_GCM, SrtpKeyMaterial.AES128_CM_HMAC_SHA1_80},
        DEFAULT_MTU,
        DEFAULT_QUEUE_CAPACITY,
        DEFAULT_HANDSHAKE_TIMEOUT,
        new DtlsCounters());
  }

  @Override
  public int[] srtpProfiles() {
    return srtpProfiles.clone();
  }

  public DtlsOptions withSrtpProfiles(int... profiles) {
    return new DtlsOptions(profiles, mtu, queueCapacity, handshakeTimeout, counters);
  }

  public DtlsOptions withMtu(int newMtu) {
    return new DtlsOptions(srtpProfiles, newMtu, queueCapacity, handshakeTimeout, counters);
  }

  public DtlsOptions withQueueCapacity(int capacity) {
    return new DtlsOptions(srtpProfiles, mtu, capacity, handshakeTimeout, counters);
  }

  public DtlsOptions withHandshakeTimeout(Duration timeout) {
    return new DtlsOptions(srtpProfiles, mtu, queueCapacity, timeout, counters);
  }

  public DtlsOptions withCounters(DtlsCounters shared) {
    return new DtlsOptions(srtpProfiles, mtu, queueCapacity, handshakeTimeout, shared);
  }
}
