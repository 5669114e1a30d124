package io.stockpot.media.router;

/**
 * Why a packet died, in the order of the packet path (see the package documentation). Every drop on
 * the receive and send paths is counted under exactly one of these, per transport and per room
 * ({@link DropCounters}). The names are Prometheus label values ({@code
 * stockpot_drops_total{reason="srtp_auth"}}).
 */
public enum DropReason {
  /** The datagram is larger than the room's scratch buffer (1500 bytes). */
  OVERSIZED("oversized"),
  /**
   * No transport has the datagram's source tuple and it is not a STUN message (a stranger's RTP,
   * RTCP, DTLS or noise: {@code StrangerGuard}), or it is STUN that does not parse.
   */
  UNKNOWN_TUPLE("unknown_tuple"),
  /** A stranger's STUN check naming none of the room's username fragments (RFC 8445 §7.3). */
  STUN_UNKNOWN_USERNAME("stun_unknown_username"),
  /**
   * A stranger's STUN check over the room's rate for checks from unvalidated sources ({@code
   * StrangerGuard}): dropped before its MESSAGE-INTEGRITY HMAC is computed.
   */
  STUN_THROTTLED("stun_throttled"),
  /** The handling of a datagram threw: a bug costs one packet, never the room. */
  HANDLER_FAILED("handler_failed"),
  /** The first byte is none of STUN, DTLS, RTP/RTCP (RFC 7983 §7). */
  UNKNOWN_PACKET("unknown_packet"),
  /** A STUN message the ICE server rejected (RFC 8445 §7.3: bad credentials, integrity…). */
  STUN_REJECTED("stun_rejected"),
  /** A DTLS record before connect(), from an unchecked tuple, or with the handshake queue full. */
  DTLS_NOT_READY("dtls_not_ready"),
  /** RTP or RTCP before SRTP keys exist, or from a tuple ICE has not validated. */
  MEDIA_BEFORE_SRTP("media_before_srtp"),
  /** SRTP/SRTCP authentication failed (RFC 3711 §3.3). */
  SRTP_AUTH("srtp_auth"),
  /** SRTP replay: index seen already or older than the window (RFC 3711 §3.3.2). */
  SRTP_REPLAY("srtp_replay"),
  /** Any other SRTP unprotect failure (too short, no context). */
  SRTP_OTHER("srtp_other"),
  /** The decrypted RTP header does not parse (RFC 3550 §5.1). */
  RTP_INVALID("rtp_invalid"),
  /** No producer owns the SSRC, MID or RID (mediasoup's RtpListener). */
  NO_PRODUCER("no_producer"),
  /** An RTX packet without a known apt or too short to hold its OSN (RFC 4588 §4). */
  RTX_UNWRAP_FAILED("rtx_unwrap_failed"),
  /** A duplicate, or a sequence number too far from the stream's (RFC 3550 Appendix A.1). */
  DUPLICATE_OR_TOO_OLD("duplicate_or_too_old"),
  /** The producer is paused: its packets are counted, not forwarded. */
  PRODUCER_PAUSED("producer_paused"),
  /** The consumer is paused, closed, or its transport not connected yet. */
  CONSUMER_INACTIVE("consumer_inactive"),
  /** A video consumer (re)starts on a key frame; earlier packets cannot be decoded. */
  WAITING_FOR_KEY_FRAME("waiting_for_key_frame"),
  /** The copy could not be rewritten (its header no longer parses). */
  REWRITE_FAILED("rewrite_failed"),
  /** SRTP protect failed, or the transport refused the send. */
  PROTECT_FAILED("protect_failed"),
  /** An RTCP compound that does not parse (RFC 3550 §6.1). */
  RTCP_MALFORMED("rtcp_malformed");

  private final String label;

  DropReason(String label) {
    this.label = label;
  }

  /** The snake_case name used in JSON and metrics. */
  public String label() {
    return label;
  }
}
