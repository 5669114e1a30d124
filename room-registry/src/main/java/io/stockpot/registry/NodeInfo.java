package io.stockpot.registry;

import io.vertx.core.json.JsonObject;

/**
 * What a media node announces in the registry: where it is and how loaded it is. Placement picks
 * the node with the lowest {@link #load()}.
 */
public record NodeInfo(
    String nodeId,
    String announcedIp,
    int rtcPortMin,
    int rtcPortMax,
    int rooms,
    int peers,
    int freeSlices,
    boolean draining,
    long updatedAt) {

  /** Rooms weigh most; peers break ties. A node without free port slices can take no room. */
  public double load() {
    return freeSlices <= 0 || draining ? Double.MAX_VALUE : rooms * 10.0 + peers;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("nodeId", nodeId)
        .put("announcedIp", announcedIp)
        .put("rtcPortMin", rtcPortMin)
        .put("rtcPortMax", rtcPortMax)
        .put("rooms", rooms)
        .put("peers", peers)
        .put("freeSlices", freeSlices)
        .put("draining", draining)
        .put("updatedAt", updatedAt);
  }

  public static NodeInfo fromJson(JsonObject json) {
    return new NodeInfo(
        json.getString("nodeId"),
        json.getString("announcedIp"),
        json.getInteger("rtcPortMin", 0),
        json.getInteger("rtcPortMax", 0),
        json.getInteger("rooms", 0),
        json.getInteger("peers", 0),
        json.getInteger("freeSlices", 0),
        json.getBoolean("draining", false),
        json.getLong("updatedAt", 0L));
  }
}
