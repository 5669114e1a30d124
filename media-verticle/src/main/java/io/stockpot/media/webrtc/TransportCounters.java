package io.stockpot.media.webrtc;

import io.stockpot.media.router.DropCounters;
import io.stockpot.media.router.DropReason;

/**
 * What one WebRTC transport received and sent, step by step. Drops are counted once, in {@link
 * DropCounters} by {@link DropReason}; the older per-step names (stunRejected, srtpAuthFailures…)
 * are read from there; the room writes them into the stats as aliases.
 */
public final class TransportCounters {
  final DropCounters drops;

  long datagramsIn;
  long bytesIn;
  long stunIn;
  long dtlsIn;
  long rtpIn;
  long rtcpIn;
  long rtpOut;
  long rtcpOut;
  long bytesOut;

  TransportCounters(DropCounters roomDrops) {
    this.drops = new DropCounters(roomDrops);
  }

  /** Bytes sent on this transport so far: media, RTCP, STUN and DTLS. */
  public long bytesOut() {
    return bytesOut;
  }

  public long srtpAuthFailures() {
    return drops.get(DropReason.SRTP_AUTH);
  }

  public long srtpReplays() {
    return drops.get(DropReason.SRTP_REPLAY);
  }

  /** SRTP packets received and decrypted. */
  public long rtpIn() {
    return rtpIn;
  }

  /** Datagrams received on this transport, of every kind. */
  public long datagramsIn() {
    return datagramsIn;
  }

  /** Bytes received on this transport: media, RTCP, STUN and DTLS. */
  public long bytesIn() {
    return bytesIn;
  }

  /** STUN messages received. */
  public long stunIn() {
    return stunIn;
  }

  /** DTLS records received. */
  public long dtlsIn() {
    return dtlsIn;
  }

  /** SRTCP compounds received and decrypted. */
  public long rtcpIn() {
    return rtcpIn;
  }

  /** RTP packets sent. */
  public long rtpOut() {
    return rtpOut;
  }

  /** RTCP compounds sent. */
  public long rtcpOut() {
    return rtcpOut;
  }

  /** What this transport dropped, by reason (it rolls up into the room's). */
  public DropCounters drops() {
    return drops;
  }
}
