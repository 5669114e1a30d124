package io.stockpot.registry;

import io.vertx.core.json.JsonObject;

/**
 * What a media node announces in the registry: where it is and how loaded it is. Placement picks
 * the node with the lowest {@link #load()}.
 *
 * @param bitrate bits per second the node's rooms send to their peers (forwarded media and RTCP),
 *     measured over the last announce interval
 * @param draining the node takes no new rooms and is moving its rooms away
 */
public record NodeInfo(
    String nodeId,
    String announcedIp,
    int rtcPortMin,
    int rtcPortMax,
    int rooms,
    int peers,
    long bitrate,
    int freeSlices,
    boolean draining,
    long updatedAt) {

  /** Forwarded bits per second that weigh as much as one peer in {@link #load()}. */
  public static final double BITRATE_PER_PEER = 1_000_000;

  /** Without a bitrate figure (announcements of older nodes). */
  public NodeInfo(
      String nodeId,
      String announcedIp,
      int rtcPortMin,
      int rtcPortMax,
      int rooms,
      int peers,
      int freeSlices,
      boolean draining,
      long updatedAt) {
    this(
        nodeId,
        announcedIp,
        rtcPortMin,
        rtcPortMax,
        rooms,
        peers,
        0L,
        freeSlices,
        draining,
        updatedAt);
  }

  /**
   * Rooms weigh most; peers and forwarded bitrate (1 Mbit/s counts as one peer) break ties: a node
   * whose few rooms carry heavy calls takes fewer new rooms. A node without free port slices, or
   * draining, can take no room.
   */
  public double load() {
    return freeSlices <= 0 || draining
        ? Double.MAX_VALUE
        : rooms * 10.0 + peers + bitrate / BITRATE_PER_PEER;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("nodeId", nodeId)
        .put("announcedIp", announcedIp)
        .put("rtcPortMin", rtcPortMin)
        .put("rtcPortMax", rtcPortMax)
        .put("rooms", rooms)
        .put("peers", peers)
        .put("bitrate", bitrate)
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
        json.getLong("bitrate", 0L),
        json.getInteger("freeSlices", 0),
        json.getBoolean("draining", false),
        json.getLong("updatedAt", 0L));
  }
}
