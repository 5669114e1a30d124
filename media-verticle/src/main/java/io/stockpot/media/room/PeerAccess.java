package io.stockpot.media.room;

import io.stockpot.registry.RoomMessages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Who a signaling session proved to be and what it may do, as its signaling node vouches ({@link
 * RoomMessages#SUBJECT}, {@link RoomMessages#GRANTS}).
 *
 * @param subject the room token's subject; null when the signaling node admits anyone
 * @param publish may produce
 * @param subscribe may consume (receives {@code newConsumer})
 */
public record PeerAccess(String subject, boolean publish, boolean subscribe) {
  /** A session of a node that admits anyone: no proven identity, every grant. */
  public static final PeerAccess OPEN = new PeerAccess(null, true, true);

  /** Reads a room request's access fields; a request without them is {@link #OPEN}. */
  public static PeerAccess of(JsonObject request) {
    if (!(request.getValue(RoomMessages.GRANTS) instanceof JsonArray grants)) {
      return OPEN;
    }
    return new PeerAccess(
        request.getValue(RoomMessages.SUBJECT) instanceof String s ? s : null,
        grants.contains("publish"),
        grants.contains("subscribe"));
  }
}
