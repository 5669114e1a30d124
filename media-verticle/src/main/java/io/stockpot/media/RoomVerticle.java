package io.stockpot.media;

import io.stockpot.media.bwe.OutgoingBitrateLimits;
import io.stockpot.media.dtls.DtlsCertificate;
import io.stockpot.media.room.Peer;
import io.stockpot.media.room.PeerAccess;
import io.stockpot.media.room.PeerChannel;
import io.stockpot.media.room.Room;
import io.stockpot.media.room.RoomServices;
import io.stockpot.media.stats.ThreadUsage;
import io.stockpot.media.webrtc.WebRtcTransport;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.Methods;
import io.stockpot.registry.NodeLimits;
import io.stockpot.registry.RequestException;
import io.stockpot.registry.RoomMessages;
import io.stockpot.registry.StatsFields;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One room: its state, its event-bus address and its UDP ports, all on one event loop. The media
 * node deploys one per room and undeploys it when the room has been empty for a while.
 */
public final class RoomVerticle extends VerticleBase implements PeerChannel, RoomServices {
  private static final Logger LOG = Logger.getLogger(RoomVerticle.class.getName());

  private static final long TICK_MS = 1_000;

  /** What the room needs from the node that hosts it. */
  public record Settings(
      String roomId,
      String nodeId,
      String listenIp,
      String announcedIp,
      int firstPort,
      int portCount,
      long closeDelayMs,
      JsonObject routerRtpCapabilities,
      DtlsCertificate certificate,
      NodeLimits limits,
      long iceConsentTimeoutMs,
      OutgoingBitrateLimits outgoingBitrateLimits) {}

  private final Settings settings;
  private final Runnable onIdle;
  private RoomMediaIo media;
  private Room room;
  private MessageConsumer<JsonObject> consumer;
  private long idleTimer = -1;
  private long tickTimer;
  private boolean closing;
  private long requests;
  private long failedRequests;
  private long pushes;
  private volatile int peerCount;

  /**
   * @param onIdle called (on this room's event loop) once the room has been empty for the close
   *     delay; the node then undeploys it
   */
  public RoomVerticle(Settings settings, Runnable onIdle) {
    this.settings = settings;
    this.onIdle = onIdle;
  }

  @Override
  public Future<?> start() {
    media = new RoomMediaIo(settings, vertx, context);
    room =
        new Room(
            settings.roomId(),
            settings.routerRtpCapabilities(),
            this,
            this,
            media.router(),
            settings.limits());
    return media
        .bind(((ContextInternal) context).nettyEventLoop())
        .compose(
            v -> {
              consumer =
                  vertx.eventBus().consumer(Addresses.room(settings.roomId()), this::onRequest);
              return consumer.completion();
            })
        .onSuccess(
            v -> {
              tickTimer = vertx.setPeriodic(TICK_MS, id -> tick());
              media.startTimers();
              scheduleIdleCheck();
            })
        .onFailure(err -> media.close());
  }

  @Override
  public Future<?> stop() {
    closing = true;
    vertx.cancelTimer(tickTimer);
    room.close("room closed");
    List<Future<Void>> closes = new ArrayList<>();
    closes.add(media.close());
    if (consumer != null) {
      closes.add(consumer.unregister());
    }
    return Future.join(closes);
  }

  private void onRequest(Message<JsonObject> message) {
    requests++;
    if (closing) {
      message.fail(ErrorCodes.ROOM_GONE, "room is closing");
      return;
    }
    JsonObject body = message.body();
    if (adminRequest(message)) {
      return;
    }
    try {
      Object data =
          room.handle(
              body.getString(RoomMessages.METHOD),
              body.getString(RoomMessages.PEER_ID),
              body.getString(RoomMessages.SESSION_ID),
              body.getString(RoomMessages.SIGNALING_NODE),
              body.getJsonObject(RoomMessages.DATA),
              PeerAccess.of(body));
      message.reply(data);
    } catch (RequestException e) {
      failedRequests++;
      message.fail(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      failedRequests++;
      LOG.log(Level.WARNING, "room " + settings.roomId() + ": request failed", e);
      message.fail(ErrorCodes.INTERNAL, "internal error: " + e);
    }
    // Packets queued while handling (e.g. key frame requests) go out now.
    flushAll();
    peerCount = room.peers().size();
    scheduleIdleCheck();
  }

  /**
   * Operators' requests (status, close the room, kick a peer): they come from the admin API, not
   * from a peer, so they carry no session. Returns false for every other request.
   */
  private boolean adminRequest(Message<JsonObject> message) {
    JsonObject body = message.body();
    String method = body.getString(RoomMessages.METHOD, "");
    switch (method) {
      case Methods.ROOM_STATUS -> status().onSuccess(message::reply);
      case Methods.CLOSE_ROOM -> {
        LOG.info(() -> "room " + settings.roomId() + " closed by an operator");
        room.close("room closed");
        peerCount = 0;
        closing = true;
        message.reply(new JsonObject().put("roomId", settings.roomId()).put("closed", true));
        onIdle.run();
      }
      case Methods.KICK_PEER -> {
        String peerId = body.getString(RoomMessages.PEER_ID, "");
        if (room.kick(peerId, "kicked")) {
          LOG.info(() -> "room " + settings.roomId() + ": peer " + peerId + " kicked");
          peerCount = room.peers().size();
          message.reply(new JsonObject().put("peerId", peerId).put("kicked", true));
          scheduleIdleCheck();
        } else {
          message.fail(ErrorCodes.NOT_FOUND, "no peer '" + peerId + "' in this room");
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Readable from any thread: the node sums it into its load report. */
  public int peerCount() {
    return peerCount;
  }

  private void flushAll() {
    media.flush();
  }

  private void tick() {
    room.tick();
    peerCount = room.peers().size(); // peers that lost ICE consent are gone
    scheduleIdleCheck();
    media.tick(room.peers());
  }

  /** Bits per second this room sent to its peers over the last second; readable from any thread. */
  public long bitrate() {
    return media.bitrate();
  }

  /**
   * The signaling node of some peers left the cluster: their sessions will never say {@code
   * peerLeft}, so they are removed now and the others see {@code peerClosed}.
   */
  public Future<Integer> removePeersOf(String signalingNode) {
    return Future.future(
        p ->
            context.runOnContext(
                v -> {
                  int removed = room.removePeersOf(signalingNode);
                  peerCount = room.peers().size();
                  flushAll();
                  scheduleIdleCheck();
                  p.complete(removed);
                }));
  }

  /**
   * The room leaves this node (drain). Its address goes first: were it still registered while the
   * room opens on another node, requests would be spread over both. Once cluster members have had a
   * moment to see it unregistered, the peers are told to move and forgotten. Answers how many peers
   * were told.
   */
  public Future<Integer> moveAway(String reason) {
    return Future.future(
        p ->
            context.runOnContext(
                v -> {
                  closing = true;
                  consumer
                      .unregister()
                      .onComplete(
                          x ->
                              vertx.setTimer(
                                  UNREGISTER_PROPAGATION_MS,
                                  t -> {
                                    int told = room.peers().size();
                                    room.moveAll(reason);
                                    peerCount = 0;
                                    flushAll();
                                    p.complete(told);
                                  }));
                }));
  }

  /** Time for other members' event buses to drop a room's unregistered address. */
  private static final long UNREGISTER_PROPAGATION_MS = 250;

  @Override
  public WebRtcTransport createTransport(String id, WebRtcTransport.Listener listener) {
    return media.createTransport(id, listener);
  }

  @Override
  public void closeTransport(WebRtcTransport transport) {
    media.closeTransport(transport);
  }

  @Override
  public void transportRestarted(WebRtcTransport transport) {
    media.transportRestarted(transport);
  }

  @Override
  public long nowMs() {
    return media.nowMs();
  }

  @Override
  public void setTimer(long delayMs, Runnable task) {
    vertx.setTimer(delayMs, id -> task.run());
  }

  private void scheduleIdleCheck() {
    if (!room.peers().isEmpty() || idleTimer >= 0 || closing) {
      return;
    }
    idleTimer =
        vertx.setTimer(
            settings.closeDelayMs(),
            id -> {
              idleTimer = -1;
              if (room.peers().isEmpty() && !closing) {
                closing = true;
                LOG.info(() -> "room " + settings.roomId() + " is empty: closing");
                onIdle.run();
              }
            });
  }

  @Override
  public void push(Peer peer, JsonObject protooMessage) {
    pushes++;
    vertx
        .eventBus()
        .send(
            Addresses.signalingNode(peer.signalingNode()),
            RoomMessages.push(peer.sessionId(), protooMessage));
  }

  @Override
  public void closeSession(String signalingNode, String sessionId, String reason) {
    pushes++;
    vertx
        .eventBus()
        .send(Addresses.signalingNode(signalingNode), RoomMessages.closeSession(sessionId, reason));
  }

  /** A snapshot for status reports; runs on this room's event loop. */
  public Future<JsonObject> status() {
    return Future.future(
        p ->
            context.runOnContext(
                v -> {
                  JsonArray peers = new JsonArray();
                  room.joinedPeers().forEach(peer -> peers.add(peer.id()));
                  JsonObject base =
                      media.putStatus(
                          new JsonObject()
                              .put(StatsFields.ROOM_ID, settings.roomId())
                              .put(StatsFields.NODE_ID, settings.nodeId())
                              .put(StatsFields.PEERS, peers)
                              .put("requests", requests)
                              .put("pushes", pushes)
                              .put("bitrate", media.bitrate())
                              .put("failedRequests", failedRequests)
                              .put("refusedByLimits", room.refusedByLimits())
                              .put("refusedByAccess", room.refusedByAccess())
                              .put("iceConsentClosed", room.consentClosed())
                              .put("loopThread", ThreadUsage.current()));
                  p.complete(
                      RoomSnapshot.build(
                          base, room.joinedPeers(), media.dtlsHandshakes(), media.nowMs()));
                }));
  }
}
