package io.stockpot.registry;

import java.util.List;

/**
 * The field names of a media node's snapshot, published every second on {@link
 * Addresses#MEDIA_STATS} and answered to {@link Methods#ROOM_STATUS}: written by the media node
 * ({@code MediaNodeVerticle}, {@code RoomVerticle}, {@code RoomSnapshot}) and read by every
 * signaling node (the {@code stockpot_*} metrics, the admin REST API and dashboard).
 *
 * <p>Shape: {@code {nodeId, draining, rooms: [room…], portSlices, freePortSlices, portsPerRoom,
 * rtcPortMin, rtcPortMax, timestamp}}; each room {@code {roomId, nodeId, peers: [peerId…], ports,
 * peerStats, router, producers, consumers, bitrateIn, bitrateOut, fractionLost, score, rtt,
 * totals}}; {@code totals} holds the room's counters ({@link #TOTAL_COUNTERS}).
 */
public final class StatsFields {
  // The node.

  /** The media node's id. */
  public static final String NODE_ID = "nodeId";

  /** Whether the node is draining (placement skips it). */
  public static final String DRAINING = "draining";

  /** The node's rooms, one object each. */
  public static final String ROOMS = "rooms";

  /** UDP port slices of the node's range, in all. */
  public static final String PORT_SLICES = "portSlices";

  /** UDP port slices not taken by a room. */
  public static final String FREE_PORT_SLICES = "freePortSlices";

  /** A room's (or transport's) dropped packets by drop reason: {reason: count}. */
  public static final String DROPS = "drops";

  /** Rooms this node refused to open because it hosts its maximum already (count). */
  public static final String REFUSED_ROOMS = "refusedRooms";

  /** UDP ports in one room's slice. */
  public static final String PORTS_PER_ROOM = "portsPerRoom";

  /** First UDP port of the node's media range. */
  public static final String RTC_PORT_MIN = "rtcPortMin";

  /** Last UDP port of the node's media range. */
  public static final String RTC_PORT_MAX = "rtcPortMax";

  /** When the snapshot was taken, ms since the epoch. */
  public static final String TIMESTAMP = "timestamp";

  // A room.

  /** The room's id. */
  public static final String ROOM_ID = RoomMessages.ROOM_ID;

  /** Ids of the joined peers. */
  public static final String PEERS = "peers";

  /** The room's UDP ports. */
  public static final String PORTS = "ports";

  /** Each joined peer with its transports, producers and consumers. */
  public static final String PEER_STATS = "peerStats";

  /**
   * A transport's (in {@link #PEER_STATS}) available outgoing bitrate in bits per second: the
   * send-side bandwidth estimate toward its browser (mediasoup's {@code availableOutgoingBitrate}).
   */
  public static final String AVAILABLE_OUTGOING_BITRATE = "availableOutgoingBitrate";

  /** The router's counters (unknown SSRCs, key-frame requests…). */
  public static final String ROUTER = "router";

  /** Producers in the room. */
  public static final String PRODUCERS = "producers";

  /** Consumers in the room. */
  public static final String CONSUMERS = "consumers";

  /** Bits per second received from the room's producers. */
  public static final String BITRATE_IN = "bitrateIn";

  /** Bits per second forwarded to the room's consumers. */
  public static final String BITRATE_OUT = "bitrateOut";

  /** Mean of the producers' fraction lost, 0..1. */
  public static final String FRACTION_LOST = "fractionLost";

  /** Lowest producer or consumer score, 0..10; null without streams. */
  public static final String SCORE = "score";

  /** Mean round-trip time of the consumers in ms; null until known. */
  public static final String RTT = "rtt";

  /** The room's counters: sums over its live transports and consumers. */
  public static final String TOTALS = "totals";

  // A room's totals.

  /** RTP and RTCP packets received from peers. */
  public static final String PACKETS_IN = "packetsIn";

  /** UDP payload bytes received on media transports. */
  public static final String BYTES_IN = "bytesIn";

  /** RTP and RTCP packets sent to peers. */
  public static final String PACKETS_OUT = "packetsOut";

  /** UDP payload bytes sent on media transports. */
  public static final String BYTES_OUT = "bytesOut";

  /** RTP packets resent to consumers after NACKs. */
  public static final String RETRANSMISSIONS = "retransmissions";

  /** SRTP/SRTCP packets refused: authentication, replay, other. */
  public static final String SRTP_FAILURES = "srtpFailures";

  /** STUN messages rejected by ICE. */
  public static final String STUN_FAILURES = "stunFailures";

  /** DTLS handshakes the room's transports completed since it opened. */
  public static final String DTLS_HANDSHAKES = "dtlsHandshakes";

  /** Every field of {@link #TOTALS}, in the order the media node writes them. */
  public static final List<String> TOTAL_COUNTERS =
      List.of(
          PACKETS_IN,
          BYTES_IN,
          PACKETS_OUT,
          BYTES_OUT,
          RETRANSMISSIONS,
          SRTP_FAILURES,
          STUN_FAILURES,
          DTLS_HANDSHAKES);

  private StatsFields() {}
}
