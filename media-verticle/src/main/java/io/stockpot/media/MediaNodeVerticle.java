package io.stockpot.media;

import io.stockpot.media.bwe.OutgoingBitrateLimits;
import io.stockpot.media.dtls.DtlsCertificate;
import io.stockpot.media.ortc.MediaCodecs;
import io.stockpot.media.ortc.RouterCapabilities;
import io.stockpot.media.udp.PortAllocator;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.MemberLeft;
import io.stockpot.registry.Methods;
import io.stockpot.registry.NodeConfig;
import io.stockpot.registry.NodeInfo;
import io.stockpot.registry.RequestException;
import io.stockpot.registry.RoomLocation;
import io.stockpot.registry.RoomMessages;
import io.stockpot.registry.RoomRegistry;
import io.stockpot.registry.StatsFields;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A media node: opens room verticles on request, each on its own slice of the node's UDP port
 * range, closes them when they empty, and announces the node's load to the room registry.
 */
public final class MediaNodeVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(MediaNodeVerticle.class.getName());
  private static final long ANNOUNCE_INTERVAL_MS = 1_000;
  private static final long STATS_INTERVAL_MS = 1_000;
  private static final int BIND_ATTEMPTS = 3;

  private record HostedRoom(String deploymentId, int firstPort, RoomVerticle verticle) {}

  private final NodeConfig config;
  private final Map<String, HostedRoom> rooms = new HashMap<>();
  private final Map<String, Future<HostedRoom>> opening = new HashMap<>();
  private PortAllocator ports;
  private RoomRegistry registry;
  private JsonObject routerRtpCapabilities;
  private DtlsCertificate certificate;
  private MessageConsumer<JsonObject> consumer;
  private MessageConsumer<JsonObject> membership;
  private long announceTimer;
  private long statsTimer;
  private Future<JsonObject> drain;
  private long refusedRooms;

  public MediaNodeVerticle(NodeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    ports = new PortAllocator(config.rtcPortMin(), config.rtcPortMax(), config.portsPerRoom());
    registry = new RoomRegistry(vertx);
    routerRtpCapabilities = RouterCapabilities.build(MediaCodecs.defaults());
    // One certificate per node: every transport of every room presents it.
    certificate = DtlsCertificate.generate();
    consumer = vertx.eventBus().consumer(Addresses.mediaNode(config.nodeId()), this::onMessage);
    membership = vertx.eventBus().localConsumer(Addresses.membership(), this::onMemberLeft);
    // Announce (and publish) only once this node's address answers: placement may pick it at once.
    return Future.all(consumer.completion(), membership.completion())
        .compose(v -> announce())
        .onSuccess(
            v -> {
              announceTimer = vertx.setPeriodic(ANNOUNCE_INTERVAL_MS, id -> announce());
              statsTimer = vertx.setPeriodic(STATS_INTERVAL_MS, id -> publishStats());
            });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(announceTimer);
    vertx.cancelTimer(statsTimer);
    if (membership != null) {
      membership.unregister();
    }
    List<Future<?>> closing = new ArrayList<>();
    closing.add(registry.withdraw(config.nodeId()));
    for (String roomId : List.copyOf(rooms.keySet())) {
      closing.add(closeRoom(roomId));
    }
    return Future.join(new ArrayList<>(closing));
  }

  private Future<Void> announce() {
    int peers = 0;
    long bitrate = 0;
    for (HostedRoom room : rooms.values()) {
      peers += room.verticle().peerCount();
      bitrate += room.verticle().bitrate();
    }
    NodeInfo info =
        new NodeInfo(
            config.nodeId(),
            config.announcedIp(),
            config.rtcPortMin(),
            config.rtcPortMax(),
            rooms.size(),
            peers,
            bitrate,
            ports.free(),
            drain != null,
            System.currentTimeMillis());
    return registry
        .announce(info)
        .onFailure(err -> LOG.warning("could not announce media node: " + err.getMessage()));
  }

  private void onMessage(Message<JsonObject> message) {
    String method = message.body().getString(RoomMessages.METHOD, "");
    switch (method) {
      case Methods.OPEN_ROOM -> {
        String roomId = message.body().getString(RoomMessages.ROOM_ID);
        if (roomId == null || roomId.isEmpty()) {
          message.fail(ErrorCodes.BAD_REQUEST, "openRoom: roomId missing");
          return;
        }
        openRoom(roomId)
            .compose(hosted -> hosted.verticle().status())
            .onSuccess(message::reply)
            .onFailure(err -> fail(message, err));
      }
      case Methods.NODE_STATUS -> status().onSuccess(message::reply);
      case Methods.DRAIN_NODE -> {
        // The admin plane's drain: on, it is the full drain (rooms move away); off, the node
        // takes rooms again.
        if (message.body().getBoolean("draining", true)) {
          drain()
              .onSuccess(r -> message.reply(r.copy().put("draining", true)))
              .onFailure(err -> fail(message, err));
        } else {
          drain = null;
          LOG.info(() -> "media node " + config.nodeId() + " takes rooms again");
          announce()
              .onComplete(
                  ar ->
                      message.reply(
                          new JsonObject().put("nodeId", config.nodeId()).put("draining", false)));
        }
      }
      case Methods.DRAIN -> drain().onSuccess(message::reply).onFailure(err -> fail(message, err));
      default -> message.fail(ErrorCodes.NOT_FOUND, "unknown media node method '" + method + "'");
    }
  }

  private static void fail(Message<?> message, Throwable err) {
    if (err instanceof RequestException re) {
      message.fail(re.code(), re.getMessage());
    } else if (err instanceof ReplyException re) {
      message.fail(re.failureCode(), re.getMessage());
    } else {
      message.fail(ErrorCodes.INTERNAL, String.valueOf(err.getMessage()));
    }
  }

  /**
   * A signaling node left the cluster: its sessions are gone without a {@code peerLeft}, so each
   * room drops the peers that spoke through it.
   */
  private void onMemberLeft(Message<JsonObject> message) {
    MemberLeft left = MemberLeft.fromJson(message.body());
    if (!left.hadRole(NodeConfig.ROLE_SIGNALING)) {
      return;
    }
    for (HostedRoom hosted : rooms.values()) {
      hosted
          .verticle()
          .removePeersOf(left.nodeId())
          .onSuccess(
              n -> {
                if (n > 0) {
                  LOG.info("signaling node " + left.nodeId() + " left: removed " + n + " peers");
                }
              });
    }
  }

  /**
   * Drains this node once (later calls share the first): announce {@code draining} so placement
   * skips it, then move every room. Rooms opened meanwhile are refused.
   */
  private Future<JsonObject> drain() {
    if (drain == null) {
      LOG.info("draining media node " + config.nodeId() + ": moving " + rooms.size() + " rooms");
      drain =
          announce()
              .transform(
                  x -> {
                    List<String> ids = List.copyOf(rooms.keySet());
                    List<Future<Void>> moves = new ArrayList<>();
                    ids.forEach(id -> moves.add(moveRoom(id, "media node draining")));
                    return Future.join(moves)
                        .transform(
                            done ->
                                Future.succeededFuture(
                                    new JsonObject()
                                        .put("nodeId", config.nodeId())
                                        .put("movedRooms", new JsonArray(ids))));
                  });
    }
    return drain;
  }

  /**
   * Moves a room away: its registry entry goes first (so the peers' next requests place it on
   * another node), then its peers are told to move, then it closes.
   */
  private Future<Void> moveRoom(String roomId, String reason) {
    HostedRoom hosted = rooms.get(roomId);
    if (hosted == null) {
      return Future.succeededFuture();
    }
    return registry
        .releaseIfHeldBy(roomId, config.nodeId())
        .transform(x -> hosted.verticle().moveAway(reason))
        .transform(
            told -> {
              LOG.info(() -> "room " + roomId + " moved away: " + told.result() + " peers told");
              return closeRoom(roomId);
            });
  }

  /** Opens the room here unless it is open or opening; concurrent opens share one deployment. */
  private Future<HostedRoom> openRoom(String roomId) {
    HostedRoom hosted = rooms.get(roomId);
    if (hosted != null) {
      return Future.succeededFuture(hosted);
    }
    if (drain != null) {
      // A stale entry may still name this node: drop it, so that signaling places the room again.
      registry.releaseIfHeldBy(roomId, config.nodeId());
      return Future.failedFuture(
          new RequestException(
              ErrorCodes.ROOM_GONE, "media node " + config.nodeId() + " is draining"));
    }
    if (!opening.containsKey(roomId)
        && rooms.size() + opening.size() >= config.limits().roomsPerNode()) {
      refusedRooms++;
      return Future.failedFuture(
          new RequestException(
              ErrorCodes.TOO_MANY_REQUESTS,
              "media node "
                  + config.nodeId()
                  + " hosts its maximum of "
                  + config.limits().roomsPerNode()
                  + " rooms"));
    }
    return opening.computeIfAbsent(
        roomId,
        id -> {
          long started = System.nanoTime();
          RoomLocation here = new RoomLocation(id, config.nodeId(), System.currentTimeMillis());
          Future<HostedRoom> f =
              registry
                  .claim(here)
                  .compose(
                      holder -> {
                        if (!holder.nodeId().equals(config.nodeId())) {
                          return Future.failedFuture(
                              new RequestException(
                                  ErrorCodes.ROOM_GONE,
                                  "room " + id + " is hosted by " + holder.nodeId()));
                        }
                        return deploy(id, BIND_ATTEMPTS);
                      })
                  .andThen(
                      ar -> {
                        opening.remove(id);
                        if (ar.succeeded()) {
                          rooms.put(id, ar.result());
                          LOG.info(
                              () ->
                                  "room "
                                      + id
                                      + " opened on ports "
                                      + ar.result().firstPort()
                                      + "+"
                                      + ports.sliceSize()
                                      + " in "
                                      + (System.nanoTime() - started) / 1_000_000
                                      + " ms");
                        } else {
                          registry.releaseIfHeldBy(id, config.nodeId());
                        }
                      });
          return f;
        });
  }

  private Future<HostedRoom> deploy(String roomId, int attempts) {
    int firstPort = ports.allocate();
    if (firstPort < 0) {
      return Future.failedFuture(
          new RequestException(ErrorCodes.UNAVAILABLE, "no free RTC ports on " + config.nodeId()));
    }
    RoomVerticle.Settings settings =
        new RoomVerticle.Settings(
            roomId,
            config.nodeId(),
            config.rtcListenIp(),
            config.announcedIp(),
            firstPort,
            ports.sliceSize(),
            config.roomCloseDelayMs(),
            routerRtpCapabilities,
            certificate,
            config.limits(),
            config.iceConsentTimeoutSeconds() * 1000L,
            config.minOutgoingBitrateBps() > 0
                ? OutgoingBitrateLimits.DEFAULTS.withMinimum(config.minOutgoingBitrateBps())
                : OutgoingBitrateLimits.DEFAULTS);
    RoomVerticle verticle =
        new RoomVerticle(settings, () -> context.runOnContext(v -> closeRoom(roomId)));
    return vertx
        .deployVerticle(verticle, new DeploymentOptions())
        .map(deploymentId -> new HostedRoom(deploymentId, firstPort, verticle))
        .recover(
            err -> {
              // A port of the slice is taken by someone else: never hand this slice out again.
              ports.quarantine(firstPort);
              LOG.warning(
                  "room "
                      + roomId
                      + ": ports from "
                      + firstPort
                      + " unusable: "
                      + err.getMessage());
              if (attempts <= 1) {
                return Future.failedFuture(
                    new RequestException(ErrorCodes.UNAVAILABLE, "could not bind RTC ports"));
              }
              return deploy(roomId, attempts - 1);
            });
  }

  private Future<Void> closeRoom(String roomId) {
    HostedRoom hosted = rooms.remove(roomId);
    if (hosted == null) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    vertx
        .undeploy(hosted.deploymentId())
        .onComplete(
            ar -> {
              ports.release(hosted.firstPort());
              registry.releaseIfHeldBy(roomId, config.nodeId()).onComplete(x -> done.complete());
              LOG.info(() -> "room " + roomId + " closed, ports " + hosted.firstPort() + " freed");
            });
    return done.future();
  }

  /** The node's snapshot for the admin dashboard and the metrics, to every node that listens. */
  private void publishStats() {
    status().onSuccess(s -> vertx.eventBus().publish(Addresses.MEDIA_STATS, s));
  }

  private Future<JsonObject> status() {
    List<Future<JsonObject>> all = new ArrayList<>();
    rooms.values().forEach(r -> all.add(r.verticle().status()));
    return Future.join(all)
        .map(
            cf -> {
              JsonArray list = new JsonArray();
              for (int i = 0; i < all.size(); i++) {
                if (cf.succeeded(i)) {
                  list.add(cf.resultAt(i));
                }
              }
              return new JsonObject()
                  .put(StatsFields.NODE_ID, config.nodeId())
                  .put(StatsFields.DRAINING, drain != null)
                  .put(StatsFields.ROOMS, list)
                  .put(StatsFields.FREE_PORT_SLICES, ports.free())
                  .put(StatsFields.REFUSED_ROOMS, refusedRooms)
                  .put(
                      StatsFields.PORT_SLICES,
                      (config.rtcPortMax() - config.rtcPortMin() + 1) / ports.sliceSize())
                  .put(StatsFields.PORTS_PER_ROOM, ports.sliceSize())
                  .put(StatsFields.RTC_PORT_MIN, config.rtcPortMin())
                  .put(StatsFields.RTC_PORT_MAX, config.rtcPortMax())
                  .put(StatsFields.TIMESTAMP, System.currentTimeMillis());
            })
        .otherwise(err -> new JsonObject().put(StatsFields.NODE_ID, config.nodeId()));
  }
}
