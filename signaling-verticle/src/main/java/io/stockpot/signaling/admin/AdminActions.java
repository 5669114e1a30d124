package io.stockpot.signaling.admin;

import io.stockpot.registry.Addresses;
import io.stockpot.registry.Methods;
import io.stockpot.registry.NodeInfo;
import io.stockpot.registry.RoomMessages;
import io.stockpot.registry.RoomRegistry;
import io.stockpot.registry.StatsFields;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What operators can see and do, cluster-wide, shared by the REST API and the dashboard's commands:
 * media nodes come from the room registry and answer their status over the event bus; rooms answer
 * on their own address wherever they live. Failures are {@link AdminError}s.
 */
final class AdminActions {
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  private static final long TIMEOUT_MS = 3_000;

  /** Members are forgotten once they have not published their stats for this long. */
  private static final long MEMBER_TTL_MS = 5_000;

  private final Vertx vertx;
  private final RoomRegistry registry;
  private final Map<String, JsonObject> members = new LinkedHashMap<>();

  AdminActions(Vertx vertx) {
    this.vertx = vertx;
    this.registry = new RoomRegistry(vertx);
  }

  /** The latest {@link Addresses#NODE_STATS} of a node (roles, host, uptime, CPU, heap). */
  void onNodeStats(JsonObject stats) {
    String nodeId = stats.getString("nodeId");
    if (nodeId != null) {
      members.put(nodeId, stats.copy().put("receivedAt", System.currentTimeMillis()));
    }
  }

  /** Every node: media nodes from the registry with their status, plus signaling-only members. */
  Future<JsonArray> nodes() {
    return registry
        .mediaNodes()
        .compose(
            infos -> {
              List<Future<JsonObject>> statuses = new ArrayList<>();
              for (NodeInfo info : infos) {
                statuses.add(nodeStatus(info.nodeId()).otherwise(err -> null));
              }
              return Future.join(statuses)
                  .otherwiseEmpty()
                  .map(
                      v -> {
                        JsonArray nodes = new JsonArray();
                        List<String> seen = new ArrayList<>();
                        for (int i = 0; i < infos.size(); i++) {
                          NodeInfo info = infos.get(i);
                          seen.add(info.nodeId());
                          nodes.add(node(info.nodeId(), info.toJson(), statuses.get(i).result()));
                        }
                        long now = System.currentTimeMillis();
                        members
                            .values()
                            .removeIf(m -> now - m.getLong("receivedAt") > MEMBER_TTL_MS);
                        members.keySet().stream()
                            .filter(id -> !seen.contains(id))
                            .forEach(id -> nodes.add(node(id, null, null)));
                        return nodes;
                      });
            });
  }

  private JsonObject node(String nodeId, JsonObject media, JsonObject status) {
    JsonObject node = new JsonObject().put("nodeId", nodeId);
    JsonObject member = members.get(nodeId);
    if (member != null) {
      for (String key : List.of("roles", "host", "uptimeMs", "cpu", "heapUsed", "heapMax")) {
        node.put(key, member.getValue(key));
      }
    }
    if (media != null) {
      node.put("media", media);
    }
    if (status != null) {
      JsonArray rooms = status.getJsonArray(StatsFields.ROOMS, new JsonArray());
      JsonArray ids = new JsonArray();
      rooms.forEach(r -> ids.add(((JsonObject) r).getString(StatsFields.ROOM_ID)));
      node.put("rooms", ids)
          .put(StatsFields.PORT_SLICES, status.getInteger(StatsFields.PORT_SLICES))
          .put(StatsFields.FREE_PORT_SLICES, status.getInteger(StatsFields.FREE_PORT_SLICES))
          .put(StatsFields.DRAINING, status.getBoolean(StatsFields.DRAINING, false));
    }
    return node;
  }

  /** Every room of every media node, summarised. */
  Future<JsonArray> rooms() {
    return registry
        .mediaNodes()
        .compose(
            infos -> {
              List<Future<JsonObject>> statuses = new ArrayList<>();
              infos.forEach(i -> statuses.add(nodeStatus(i.nodeId()).otherwise(err -> null)));
              return Future.join(statuses)
                  .otherwiseEmpty()
                  .map(
                      v -> {
                        JsonArray rooms = new JsonArray();
                        for (Future<JsonObject> f : statuses) {
                          if (f.result() != null) {
                            f.result()
                                .getJsonArray(StatsFields.ROOMS, new JsonArray())
                                .forEach(r -> rooms.add(summary((JsonObject) r)));
                          }
                        }
                        return rooms;
                      });
            });
  }

  static JsonObject summary(JsonObject room) {
    JsonObject s = room.copy();
    s.remove(StatsFields.PEER_STATS);
    s.remove(StatsFields.ROUTER);
    return s;
  }

  /** A room's full status: peers, their transports, producers and consumers. */
  Future<JsonObject> room(String roomId) {
    return requireId(roomId, "room id")
        .compose(
            id -> roomRequest(id, new JsonObject().put(RoomMessages.METHOD, Methods.ROOM_STATUS)));
  }

  Future<JsonArray> peers(String roomId) {
    return room(roomId).map(r -> r.getJsonArray(StatsFields.PEER_STATS, new JsonArray()));
  }

  Future<JsonObject> closeRoom(String roomId) {
    return requireId(roomId, "room id")
        .compose(
            id -> roomRequest(id, new JsonObject().put(RoomMessages.METHOD, Methods.CLOSE_ROOM)));
  }

  Future<JsonObject> kickPeer(String roomId, String peerId) {
    return requireId(roomId, "room id")
        .compose(r -> requireId(peerId, "peer id"))
        .compose(
            p ->
                roomRequest(
                    roomId,
                    new JsonObject()
                        .put(RoomMessages.METHOD, Methods.KICK_PEER)
                        .put(RoomMessages.PEER_ID, peerId)));
  }

  Future<JsonObject> drain(String nodeId, boolean draining) {
    return requireId(nodeId, "node id")
        .compose(
            id ->
                vertx
                    .eventBus()
                    .<JsonObject>request(
                        Addresses.mediaNode(id),
                        new JsonObject()
                            .put(RoomMessages.METHOD, Methods.DRAIN_NODE)
                            .put("draining", draining),
                        options())
                    .map(m -> m.body())
                    .recover(err -> Future.failedFuture(AdminError.from(err, "media node " + id))));
  }

  private Future<JsonObject> nodeStatus(String nodeId) {
    return vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.mediaNode(nodeId),
            new JsonObject().put(RoomMessages.METHOD, Methods.NODE_STATUS),
            options())
        .map(m -> m.body());
  }

  private Future<JsonObject> roomRequest(String roomId, JsonObject body) {
    return vertx
        .eventBus()
        .<JsonObject>request(Addresses.room(roomId), body, options())
        .map(m -> m.body())
        .recover(err -> Future.failedFuture(AdminError.from(err, "room " + roomId)));
  }

  private static DeliveryOptions options() {
    return new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
  }

  private static Future<String> requireId(String id, String what) {
    if (id == null || !ID.matcher(id).matches()) {
      return Future.failedFuture(AdminError.badRequest(what + " must match " + ID.pattern()));
    }
    return Future.succeededFuture(id);
  }
}
