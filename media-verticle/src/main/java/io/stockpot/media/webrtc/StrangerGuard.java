package io.stockpot.media.webrtc;

import io.stockpot.media.demux.PacketKind;

/**
 * What a room does with datagrams from sources ICE has not validated (strangers): they never reach
 * SRTP or DTLS, and only STUN checks naming one of the room's username fragments may go on to the
 * MESSAGE-INTEGRITY HMAC — at most {@link #DEFAULT_CHECKS_PER_SECOND} per second per room, from a
 * token bucket, so that a flood of forged checks costs a bounded number of HMACs. Everything else
 * is counted by kind and dropped. No state is kept per source: a flood from many ports grows
 * nothing.
 *
 * <p>Single-threaded (the room's event loop) and allocation-free.
 */
public final class StrangerGuard {
  /**
   * STUN checks from unvalidated sources sent on to ICE per second per room. A browser connecting
   * sends a check every 50 ms or so per candidate pair; this lets dozens join at once.
   */
  public static final int DEFAULT_CHECKS_PER_SECOND = 500;

  private static final PacketKind[] KINDS = PacketKind.values();

  private final double checksPerNano;
  private final double burst;
  private double tokens;
  private long lastRefillNanos;
  private final long[] dropped = new long[KINDS.length];
  private long malformedStun;
  private long unknownUsername;
  private long throttledChecks;
  private long admittedChecks;

  public StrangerGuard() {
    this(DEFAULT_CHECKS_PER_SECOND);
  }

  /**
   * @param checksPerSecond the bucket's rate; it also holds at most this many (one second).
   */
  public StrangerGuard(int checksPerSecond) {
    this.checksPerNano = checksPerSecond / 1e9;
    this.burst = checksPerSecond;
    this.tokens = burst;
    this.lastRefillNanos = System.nanoTime();
  }

  /** A stranger's datagram that is not STUN (RTP, RTCP, DTLS or anything else): dropped. */
  void dropped(PacketKind kind) {
    dropped[kind.ordinal()]++;
  }

  /** A stranger's STUN datagram that does not parse. */
  void malformedStun() {
    malformedStun++;
  }

  /** A stranger's STUN check naming no username fragment of this room. */
  void unknownUsername() {
    unknownUsername++;
  }

  /** Whether a stranger's check naming one of our fragments may be authenticated now. */
  boolean admitCheck(long nowNanos) {
    long elapsed = nowNanos - lastRefillNanos;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * checksPerNano);
      lastRefillNanos = nowNanos;
    }
    if (tokens < 1) {
      throttledChecks++;
      return false;
    }
    tokens -= 1;
    admittedChecks++;
    return true;
  }

  /** Every stranger datagram dropped, whatever the reason. */
  public long droppedTotal() {
    long sum = malformedStun + unknownUsername + throttledChecks;
    for (long d : dropped) {
      sum += d;
    }
    return sum;
  }

  public long throttledChecks() {
    return throttledChecks;
  }

  /** What strangers cost so far: dropped datagrams by kind, and the STUN checks' fate (counts). */
  public Totals totals() {
    return new Totals(
        dropped[PacketKind.RTP.ordinal()],
        dropped[PacketKind.RTCP.ordinal()],
        dropped[PacketKind.DTLS.ordinal()],
        dropped[PacketKind.UNKNOWN.ordinal()],
        malformedStun,
        unknownUsername,
        throttledChecks,
        admittedChecks,
        droppedTotal());
  }

  /**
   * A snapshot of {@link StrangerGuard}'s counters.
   *
   * @param stunAdmitted checks that went on to ICE (and its HMAC); every other field was dropped
   * @param dropped the sum of everything dropped
   */
  public record Totals(
      long rtp,
      long rtcp,
      long dtls,
      long other,
      long stunMalformed,
      long stunUnknownUsername,
      long stunThrottled,
      long stunAdmitted,
      long dropped) {}
}
