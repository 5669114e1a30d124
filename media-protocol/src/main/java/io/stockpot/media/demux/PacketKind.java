package io.stockpot.media.demux;

/** What a datagram on a WebRTC transport's single UDP port carries. */
public enum PacketKind {
  STUN,
  DTLS,
  RTP,
  RTCP,
  /** Anything else (ZRTP, TURN channels, QUIC, garbage) or too short to be what it claims. */
  UNKNOWN
}
