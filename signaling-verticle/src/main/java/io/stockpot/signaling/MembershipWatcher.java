package io.stockpot.signaling;

import io.stockpot.registry.Addresses;
import io.stockpot.registry.MemberLeft;
import io.stockpot.registry.Methods;
import io.stockpot.registry.NodeConfig;
import io.stockpot.registry.RoomMessages;
import io.stockpot.registry.RoomRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Failover of rooms whose media node left the cluster (crashed, or stopped without draining).
 *
 * <p>When the launcher reports a media node gone, this signaling node withdraws the node's
 * announcement (placement skips it at once, without waiting for the announcement's TTL), finds the
 * rooms the registry still places there, and sends each of its own sessions in those rooms a {@link
 * Methods#ROOM_MOVED} notification: the client tears its media down and joins again over the same
 * connection, and that request places the room on a live node. The dead node's room entries are
 * removed a little later, once every signaling node has had time to read them.
 */
final class MembershipWatcher {
  private static final Logger LOG = Logger.getLogger(MembershipWatcher.class.getName());

  /** Time for every signaling node to look up the dead node's rooms before they are released. */
  static final long RELEASE_DELAY_MS = 2_000;

  /**
   * The event bus learns of the dead node's lost handlers a little after membership does; until
   * then a request to one of its rooms goes to the dead node and is never answered. A probe that
   * gets any answer within this time shows the route is clean.
   */
  static final long PROBE_TIMEOUT_MS = 200;

  static final int PROBE_ATTEMPTS = 15;

  private final Vertx vertx;
  private final RoomRegistry registry;
  private final Supplier<Collection<PeerSession>> sessions;
  private final SignalingStats stats;
  private MessageConsumer<JsonObject> consumer;

  MembershipWatcher(
      Vertx vertx,
      RoomRegistry registry,
      Supplier<Collection<PeerSession>> sessions,
      SignalingStats stats) {
    this.vertx = vertx;
    this.registry = registry;
    this.sessions = sessions;
    this.stats = stats;
  }

  Future<Void> start() {
    consumer = vertx.eventBus().localConsumer(Addresses.membership(), this::onMemberLeft);
    return consumer.completion();
  }

  private void onMemberLeft(Message<JsonObject> message) {
    MemberLeft left = MemberLeft.fromJson(message.body());
    if (left.hadRole(NodeConfig.ROLE_MEDIA)) {
      mediaNodeLost(left.nodeId());
    }
  }

  /** Tells this node's sessions in the lost node's rooms to rejoin; answers how many were told. */
  Future<Integer> mediaNodeLost(String nodeId) {
    long started = System.nanoTime();
    return registry
        .withdraw(nodeId)
        .otherwiseEmpty()
        .compose(v -> registry.rooms(nodeId))
        .compose(
            lost -> {
              Set<String> roomIds = new HashSet<>();
              lost.forEach(r -> roomIds.add(r.roomId()));
              List<Future<Void>> probes = new ArrayList<>();
              for (String roomId : roomIds) {
                if (hasSession(roomId)) {
                  probes.add(awaitCleanRoute(roomId, PROBE_ATTEMPTS));
                }
              }
              return Future.join(probes).transform(x -> Future.succeededFuture(roomIds));
            })
        .map(
            (Set<String> roomIds) -> {
              int told = 0;
              for (PeerSession session : List.copyOf(sessions.get())) {
                if (roomIds.contains(session.roomId())) {
                  session.send(
                      RoomMessages.notification(
                          Methods.ROOM_MOVED,
                          new JsonObject()
                              .put("roomId", session.roomId())
                              .put("reason", "media node " + nodeId + " left")));
                  told++;
                }
              }
              stats.roomsMoved += roomIds.size();
              int sessionsTold = told;
              LOG.info(
                  () ->
                      "media node "
                          + nodeId
                          + " left: "
                          + roomIds.size()
                          + " rooms lost, "
                          + sessionsTold
                          + " sessions told to rejoin in "
                          + (System.nanoTime() - started) / 1_000_000
                          + " ms");
              vertx.setTimer(
                  RELEASE_DELAY_MS,
                  t ->
                      registry
                          .releaseAll(nodeId)
                          .onSuccess(
                              n -> LOG.fine(() -> n + " room entries of " + nodeId + " released")));
              return told;
            })
        .onFailure(err -> LOG.warning("media node " + nodeId + " left: " + err.getMessage()));
  }

  private boolean hasSession(String roomId) {
    for (PeerSession session : sessions.get()) {
      if (session.roomId().equals(roomId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Completes once a request to the room's address gets an answer (none, a refusal, or a reply from
   * a room already placed again), i.e. no longer vanishes into the dead node.
   */
  private Future<Void> awaitCleanRoute(String roomId, int attemptsLeft) {
    return vertx
        .eventBus()
        .request(
            Addresses.room(roomId),
            new JsonObject().put(RoomMessages.METHOD, PROBE),
            new DeliveryOptions().setSendTimeout(PROBE_TIMEOUT_MS))
        .transform(
            ar -> {
              boolean lost =
                  ar.failed()
                      && ar.cause() instanceof ReplyException re
                      && re.failureType() == ReplyFailure.TIMEOUT;
              if (!lost || attemptsLeft <= 1) {
                return Future.succeededFuture();
              }
              return awaitCleanRoute(roomId, attemptsLeft - 1);
            });
  }

  /** Not a room method: a live room refuses it at once, which is all a probe needs. */
  static final String PROBE = "stockpot.probe";
}
