package io.stockpot.registry;

/** Protoo method names (mediasoup-demo's) and the internal methods between nodes. */
public final class Methods {
  // Requests from a browser, relayed to the room.
  public static final String GET_ROUTER_RTP_CAPABILITIES = "getRouterRtpCapabilities";
  public static final String JOIN = "join";
  public static final String CHANGE_DISPLAY_NAME = "changeDisplayName";
  public static final String CREATE_WEBRTC_TRANSPORT = "createWebRtcTransport";
  public static final String CONNECT_WEBRTC_TRANSPORT = "connectWebRtcTransport";
  public static final String RESTART_ICE = "restartIce";
  public static final String GET_TRANSPORT_STATS = "getTransportStats";
  public static final String PRODUCE = "produce";
  public static final String CLOSE_PRODUCER = "closeProducer";
  public static final String PAUSE_PRODUCER = "pauseProducer";
  public static final String RESUME_PRODUCER = "resumeProducer";
  public static final String GET_PRODUCER_STATS = "getProducerStats";
  public static final String PAUSE_CONSUMER = "pauseConsumer";
  public static final String RESUME_CONSUMER = "resumeConsumer";
  public static final String REQUEST_CONSUMER_KEY_FRAME = "requestConsumerKeyFrame";
  public static final String GET_CONSUMER_STATS = "getConsumerStats";

  /**
   * {@code {consumerId, spatialLayer, temporalLayer?}}: the layers a simulcast consumer should
   * receive when it can (mediasoup's setPreferredLayers); a simple consumer ignores it.
   */
  public static final String SET_CONSUMER_PREFERRED_LAYERS = "setConsumerPreferredLayers";

  // Notifications from the room to its peers.
  public static final String NEW_PEER = "newPeer";
  public static final String PEER_CLOSED = "peerClosed";
  public static final String PEER_DISPLAY_NAME_CHANGED = "peerDisplayNameChanged";
  public static final String CONSUMER_CLOSED = "consumerClosed";
  public static final String CONSUMER_PAUSED = "consumerPaused";
  public static final String CONSUMER_RESUMED = "consumerResumed";
  public static final String CONSUMER_SCORE = "consumerScore";

  /**
   * {@code {consumerId, spatialLayer, temporalLayer}}: the layers a simulcast consumer's browser
   * now receives (both null while it receives none), as mediasoup-demo relays layerschange.
   */
  public static final String CONSUMER_LAYERS_CHANGED = "consumerLayersChanged";

  public static final String PRODUCER_SCORE = "producerScore";

  /**
   * The peer's room is moving to another media node (its node left the cluster, or is draining),
   * with {@code {roomId, reason}}. The room's state there starts empty: the client keeps its
   * signaling connection, closes its transports, producers and consumers, and joins again
   * (createWebRtcTransport, join, produce); the next request places the room on a live node.
   */
  public static final String ROOM_MOVED = "roomMoved";

  /**
   * Sent to a connection right before the server closes it, with {@code {code, reason}}: SockJS
   * transports do not all carry a close reason, and a client must know not to reconnect when it was
   * replaced by a newer connection of its own peer.
   */
  public static final String SESSION_CLOSED = "sessionClosed";

  // Requests from the room to a peer (protoo requests the browser answers).
  public static final String NEW_CONSUMER = "newConsumer";

  // Internal: signaling relays a peer's response to one of the room's requests.
  public static final String PEER_RESPONSE = "stockpot.peerResponse";

  // Internal: signaling tells the room that a peer's connection is gone.
  public static final String PEER_LEFT = "stockpot.peerLeft";

  // Internal: room → signaling node commands.
  public static final String PUSH = "push";
  public static final String CLOSE_SESSION = "closeSession";

  // Internal: signaling → media node commands.
  public static final String OPEN_ROOM = "openRoom";
  public static final String NODE_STATUS = "status";

  // Internal: admin → room. The "stockpot." prefix keeps them out of browsers' reach.
  public static final String ROOM_STATUS = "stockpot.roomStatus";
  public static final String CLOSE_ROOM = "stockpot.closeRoom";
  public static final String KICK_PEER = "stockpot.kickPeer";

  // Internal: admin → media node. Draining: placement skips the node; its rooms stay.
  public static final String DRAIN_NODE = "stockpot.drainNode";

  /**
   * Internal: marks a media node draining. It takes no new rooms, tells each room's peers to move
   * ({@link #ROOM_MOVED}) and closes its rooms; the reply comes once every room is closed, with
   * {@code {nodeId, movedRooms}}.
   */
  public static final String DRAIN = "drain";

  private Methods() {}
}
