package io.stockpot.media.room;

import io.vertx.core.json.JsonObject;

/** How a room reaches its peers' signaling connections. */
public interface PeerChannel {
  /** Sends a complete protoo message to the peer's connection. */
  void push(Peer peer, JsonObject protooMessage);

  /** Closes a connection that no longer speaks for its peer (replaced, kicked). */
  void closeSession(String signalingNode, String sessionId, String reason);
}
