package io.stockpot.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which media node hosts which room. Backed by Vert.x shared data: a Hazelcast map in a cluster, a
 * local map on a single node.
 *
 * <p>Media nodes announce themselves with a short TTL and refresh it, so a dead node drops out of
 * placement by itself. Placement is {@code putIfAbsent}: concurrent first joins on different
 * signaling nodes agree on exactly one media node.
 */
public final class RoomRegistry {
  public static final String ROOMS_MAP = "stockpot.rooms";
  public static final String NODES_MAP = "stockpot.nodes";

  /** A node's announcement expires unless refreshed within this time. */
  public static final long NODE_TTL_MS = 5_000;

  private final Vertx vertx;
  private Future<AsyncMap<String, JsonObject>> rooms;
  private Future<AsyncMap<String, JsonObject>> nodes;

  public RoomRegistry(Vertx vertx) {
    this.vertx = vertx;
  }

  private Future<AsyncMap<String, JsonObject>> rooms() {
    if (rooms == null || rooms.failed()) {
      rooms = vertx.sharedData().getAsyncMap(ROOMS_MAP);
    }
    return rooms;
  }

  private Future<AsyncMap<String, JsonObject>> nodes() {
    if (nodes == null || nodes.failed()) {
      nodes = vertx.sharedData().getAsyncMap(NODES_MAP);
    }
    return nodes;
  }

  /** Publishes (or refreshes) a media node's announcement. */
  public Future<Void> announce(NodeInfo info) {
    return nodes().compose(m -> m.put(info.nodeId(), info.toJson(), NODE_TTL_MS));
  }

  public Future<Void> withdraw(String nodeId) {
    return nodes().compose(m -> m.remove(nodeId)).mapEmpty();
  }

  /** Live media nodes, least loaded first. */
  public Future<List<NodeInfo>> mediaNodes() {
    return nodes()
        .compose(AsyncMap::values)
        .map(
            values -> {
              List<NodeInfo> list = new ArrayList<>();
              for (JsonObject v : values) {
                list.add(NodeInfo.fromJson(v));
              }
              list.sort(Comparator.comparingDouble(NodeInfo::load));
              return list;
            });
  }

  public Future<RoomLocation> locate(String roomId) {
    return rooms()
        .compose(m -> m.get(roomId))
        .map(json -> json == null ? null : RoomLocation.fromJson(json));
  }

  public Future<List<RoomLocation>> rooms(String nodeId) {
    return rooms()
        .compose(AsyncMap::values)
        .map(
            values ->
                values.stream()
                    .map(RoomLocation::fromJson)
                    .filter(r -> nodeId == null || nodeId.equals(r.nodeId()))
                    .toList());
  }

  /**
   * Returns the room's location, placing it on the least-loaded live media node if it has none or
   * its node is gone. Exactly one placement wins when several race.
   */
  public Future<RoomLocation> place(String roomId) {
    return Future.all(locate(roomId), mediaNodes(), rooms(null))
        .compose(
            all -> {
              RoomLocation current = all.resultAt(0);
              List<NodeInfo> live = placementOrder(all.resultAt(1), all.resultAt(2));
              if (current != null
                  && live.stream().anyMatch(n -> n.nodeId().equals(current.nodeId()))) {
                return Future.succeededFuture(current);
              }
              NodeInfo best = live.isEmpty() ? null : live.get(0);
              if (best == null || best.load() == Double.MAX_VALUE) {
                return Future.failedFuture(
                    new RequestException(ErrorCodes.UNAVAILABLE, "no media node can take a room"));
              }
              RoomLocation wanted =
                  new RoomLocation(roomId, best.nodeId(), System.currentTimeMillis());
              Future<?> clearStale = current == null ? Future.succeededFuture() : release(current);
              return clearStale
                  .compose(v -> rooms())
                  .compose(m -> m.putIfAbsent(roomId, wanted.toJson()))
                  .map(prev -> prev == null ? wanted : RoomLocation.fromJson(prev));
            });
  }

  /**
   * Live nodes, least loaded first, counting for each node at least the rooms the registry places
   * on it: announcements lag by up to a second, and a burst of first joins would otherwise all pick
   * the same node.
   */
  static List<NodeInfo> placementOrder(List<NodeInfo> announced, List<RoomLocation> placed) {
    Map<String, Integer> placedPerNode = new HashMap<>();
    for (RoomLocation r : placed) {
      placedPerNode.merge(r.nodeId(), 1, Integer::sum);
    }
    List<NodeInfo> nodes = new ArrayList<>();
    for (NodeInfo n : announced) {
      int rooms = Math.max(n.rooms(), placedPerNode.getOrDefault(n.nodeId(), 0));
      nodes.add(
          new NodeInfo(
              n.nodeId(),
              n.announcedIp(),
              n.rtcPortMin(),
              n.rtcPortMax(),
              rooms,
              n.peers(),
              n.bitrate(),
              n.freeSlices(),
              n.draining(),
              n.updatedAt()));
    }
    nodes.sort(Comparator.comparingDouble(NodeInfo::load));
    return nodes;
  }

  /** Claims a room for a node if nobody holds it; returns whoever holds it afterwards. */
  public Future<RoomLocation> claim(RoomLocation location) {
    return rooms()
        .compose(m -> m.putIfAbsent(location.roomId(), location.toJson()))
        .map(prev -> prev == null ? location : RoomLocation.fromJson(prev));
  }

  /** Removes the room's entry if it still points at this node. */
  public Future<Boolean> releaseIfHeldBy(String roomId, String nodeId) {
    return rooms()
        .compose(
            m ->
                m.get(roomId)
                    .compose(
                        json ->
                            json != null && nodeId.equals(json.getString("nodeId"))
                                ? m.removeIfPresent(roomId, json)
                                : Future.succeededFuture(false)));
  }

  /** Removes the room's entry if (and only if) it still is this location. */
  public Future<Boolean> release(RoomLocation location) {
    return rooms().compose(m -> m.removeIfPresent(location.roomId(), location.toJson()));
  }

  /**
   * Removes every room entry that points at a node (gone from the cluster): each entry only if it
   * is unchanged, so a room already placed again elsewhere keeps its new entry. Answers how many
   * entries were removed.
   */
  public Future<Integer> releaseAll(String nodeId) {
    return rooms(nodeId)
        .compose(
            held -> {
              List<Future<Boolean>> removals = new ArrayList<>();
              for (RoomLocation location : held) {
                removals.add(release(location));
              }
              return Future.join(removals)
                  .transform(
                      done -> {
                        int n = 0;
                        for (Future<Boolean> f : removals) {
                          if (f.succeeded() && Boolean.TRUE.equals(f.result())) {
                            n++;
                          }
                        }
                        return Future.succeededFuture(n);
                      });
            });
  }
}
