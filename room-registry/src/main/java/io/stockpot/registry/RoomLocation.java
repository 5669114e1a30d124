package io.stockpot.registry;

import io.vertx.core.json.JsonObject;

/** The registry's value for a room: the media node hosting it and when it was placed. */
public record RoomLocation(String roomId, String nodeId, long placedAt) {

  public JsonObject toJson() {
    return new JsonObject().put("roomId", roomId).put("nodeId", nodeId).put("placedAt", placedAt);
  }

  public static RoomLocation fromJson(JsonObject json) {
    return new RoomLocation(
        json.getString("roomId"), json.getString("nodeId"), json.getLong("placedAt", 0L));
  }
}
