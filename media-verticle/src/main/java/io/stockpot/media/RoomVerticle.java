package io.stockpot.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.stockpot.media.room.Peer;
import io.stockpot.media.room.PeerChannel;
import io.stockpot.media.room.Room;
import io.stockpot.media.udp.UdpEndpoint;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.RequestException;
import io.stockpot.registry.RoomMessages;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One room: its state, its event-bus address and its UDP ports, all on one event loop. The media
 * node deploys one per room and undeploys it when the room has been empty for a while.
 */
public final class RoomVerticle extends VerticleBase implements PeerChannel {
  private static final Logger LOG = Logger.getLogger(RoomVerticle.class.getName());

  /** What the room needs from the node that hosts it. */
  public record Settings(
      String roomId,
      String nodeId,
      String listenIp,
      String announcedIp,
      int firstPort,
      int portCount,
      long closeDelayMs,
      JsonObject routerRtpCapabilities) {}

  private final Settings settings;
  private final Runnable onIdle;
  private final List<UdpEndpoint> endpoints = new ArrayList<>();
  private Room room;
  private MessageConsumer<JsonObject> consumer;
  private long idleTimer = -1;
  private boolean closing;
  private long requests;
  private long failedRequests;
  private long unknownDatagrams;
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
    room = new Room(settings.roomId(), settings.routerRtpCapabilities(), this);
    EventLoop loop = ((ContextInternal) context).nettyEventLoop();
    List<Future<UdpEndpoint>> binds = new ArrayList<>();
    for (int i = 0; i < settings.portCount(); i++) {
      int port = settings.firstPort() + i;
      binds.add(
          Future.fromCompletionStage(
              UdpEndpoint.bind(
                  loop,
                  vertx.isNativeTransportEnabled(),
                  settings.listenIp(),
                  port,
                  this::onDatagram),
              context));
    }
    return Future.all(binds)
        .compose(
            all -> {
              for (int i = 0; i < all.size(); i++) {
                endpoints.add(all.resultAt(i));
              }
              consumer =
                  vertx.eventBus().consumer(Addresses.room(settings.roomId()), this::onRequest);
              return consumer.completion();
            })
        .onSuccess(v -> scheduleIdleCheck())
        .onFailure(err -> endpoints.forEach(UdpEndpoint::close));
  }

  @Override
  public Future<?> stop() {
    closing = true;
    room.close("room closed");
    List<Future<Void>> closes = new ArrayList<>();
    for (UdpEndpoint endpoint : endpoints) {
      closes.add(Future.fromCompletionStage(endpoint.close(), context));
    }
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
    try {
      JsonObject data =
          room.handle(
              body.getString(RoomMessages.METHOD),
              body.getString(RoomMessages.PEER_ID),
              body.getString(RoomMessages.SESSION_ID),
              body.getString(RoomMessages.SIGNALING_NODE),
              body.getJsonObject(RoomMessages.DATA));
      message.reply(data);
    } catch (RequestException e) {
      failedRequests++;
      message.fail(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      failedRequests++;
      LOG.log(Level.WARNING, "room " + settings.roomId() + ": request failed", e);
      message.fail(ErrorCodes.INTERNAL, "internal error: " + e);
    }
    peerCount = room.peers().size();
    scheduleIdleCheck();
  }

  /** Readable from any thread: the node sums it into its load report. */
  public int peerCount() {
    return peerCount;
  }

  private void onDatagram(UdpEndpoint endpoint, ByteBuf data, InetSocketAddress sender) {
    // No transport owns this datagram (yet): count it and let it go.
    unknownDatagrams++;
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
    vertx
        .eventBus()
        .send(
            Addresses.signalingNode(peer.signalingNode()),
            RoomMessages.push(peer.sessionId(), protooMessage));
  }

  @Override
  public void closeSession(String signalingNode, String sessionId, String reason) {
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
                  room.peers().forEach(peer -> peers.add(peer.id()));
                  JsonArray ports = new JsonArray();
                  endpoints.forEach(e -> ports.add(e.port()));
                  p.complete(
                      new JsonObject()
                          .put("roomId", settings.roomId())
                          .put("nodeId", settings.nodeId())
                          .put("peers", peers)
                          .put("ports", ports)
                          .put("requests", requests)
                          .put("failedRequests", failedRequests)
                          .put("unknownDatagrams", unknownDatagrams));
                }));
  }
}
