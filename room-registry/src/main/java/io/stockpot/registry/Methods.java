package io.stockpot.registry;

/** Protoo method names (mediasoup-demo's) and the internal methods between nodes. */
public final class Methods {
  // Requests from a browser, relayed to the room.
  public static final String GET_ROUTER_RTP_CAPABILITIES = "getRouterRtpCapabilities";
  public static final String JOIN = "join";

  // Notifications from the room to its peers.
  public static final String NEW_PEER = "newPeer";
  public static final String PEER_CLOSED = "peerClosed";

  // Internal: signaling tells the room that a peer's connection is gone.
  public static final String PEER_LEFT = "stockpot.peerLeft";

  // Internal: room → signaling node commands.
  public static final String PUSH = "push";
  public static final String CLOSE_SESSION = "closeSession";

  // Internal: signaling → media node commands.
  public static final String OPEN_ROOM = "openRoom";
  public static final String NODE_STATUS = "status";

  private Methods() {}
}
