package io.stockpot.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.stockpot.media.dtls.DtlsCertificate;
import io.stockpot.media.room.Peer;
import io.stockpot.media.room.PeerChannel;
import io.stockpot.media.room.Room;
import io.stockpot.media.room.RoomServices;
import io.stockpot.media.router.Router;
import io.stockpot.media.stats.ThreadUsage;
import io.stockpot.media.udp.UdpEndpoint;
import io.stockpot.media.webrtc.TransportDemux;
import io.stockpot.media.webrtc.WebRtcTransport;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.Methods;
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
public final class RoomVerticle extends VerticleBase implements PeerChannel, RoomServices {
  private static final Logger LOG = Logger.getLogger(RoomVerticle.class.getName());

  /** Room for a full datagram plus the SRTP tag that protecting it in place adds. */
  private static final int SCRATCH_SIZE = 1500 + 64;

  private static final long TICK_MS = 1_000;

  /** The router's RTCP timer: transport-wide feedback goes out this often. */
  private static final long RTCP_TICK_MS = 100;

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
      long iceConsentTimeoutMs) {}

  private final Settings settings;
  private final Runnable onIdle;
  private final List<UdpEndpoint> endpoints = new ArrayList<>();
  private final TransportDemux demux = new TransportDemux();
  private final Router router = new Router();
  private final byte[] scratch = new byte[SCRATCH_SIZE];
  private Room room;
  private MessageConsumer<JsonObject> consumer;
  private long idleTimer = -1;
  private long tickTimer;
  private long rtcpTimer;
  private int nextEndpoint;
  private boolean closing;
  private long requests;
  private long failedRequests;
  private long unroutedDatagrams;
  private long pushes;
  private long bytesOutLastTick;
  private long lastTickMs;
  private volatile int peerCount;
  private volatile long bitrate;

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
    room = new Room(settings.roomId(), settings.routerRtpCapabilities(), this, this, router);
    EventLoop loop = ((ContextInternal) context).nettyEventLoop();
    UdpEndpoint.Receiver receiver =
        new UdpEndpoint.Receiver() {
          @Override
          public void onDatagram(UdpEndpoint e, ByteBuf data, InetSocketAddress from) {
            RoomVerticle.this.onDatagram(e, data, from);
          }

          @Override
          public void onReadComplete(UdpEndpoint e) {
            flushAll();
          }
        };
    List<Future<UdpEndpoint>> binds = new ArrayList<>();
    for (int i = 0; i < settings.portCount(); i++) {
      binds.add(
          Future.fromCompletionStage(
              UdpEndpoint.bind(
                  loop,
                  vertx.isNativeTransportEnabled(),
                  settings.listenIp(),
                  settings.firstPort() + i,
                  receiver),
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
        .onSuccess(
            v -> {
              tickTimer = vertx.setPeriodic(TICK_MS, id -> tick());
              rtcpTimer =
                  vertx.setPeriodic(
                      RTCP_TICK_MS,
                      id -> {
                        router.tick(System.currentTimeMillis());
                        flushAll();
                      });
              scheduleIdleCheck();
            })
        .onFailure(err -> endpoints.forEach(UdpEndpoint::close));
  }

  @Override
  public Future<?> stop() {
    closing = true;
    vertx.cancelTimer(tickTimer);
    vertx.cancelTimer(rtcpTimer);
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

  // The packet path starts here, on this room's event loop: copy the datagram once into the
  // room's scratch buffer (SRTP works in place on it), find its transport, hand it over.
  private void onDatagram(UdpEndpoint endpoint, ByteBuf data, InetSocketAddress sender) {
    int len = data.readableBytes();
    if (len > SCRATCH_SIZE - 64) {
      unroutedDatagrams++;
      return;
    }
    data.getBytes(data.readerIndex(), scratch, 0, len);
    WebRtcTransport transport = demux.route(scratch, 0, len, sender);
    if (transport == null) {
      unroutedDatagrams++;
      return;
    }
    try {
      transport.onDatagram(endpoint, scratch, 0, len, sender, System.currentTimeMillis());
    } catch (RuntimeException e) {
      // A bug must cost one packet, never the room's event loop.
      unroutedDatagrams++;
      LOG.log(Level.WARNING, "room " + settings.roomId() + ": datagram handling failed", e);
    }
  }

  private void flushAll() {
    for (UdpEndpoint e : endpoints) {
      e.flush();
    }
  }

  private void tick() {
    long now = System.currentTimeMillis();
    room.tick();
    peerCount = room.peers().size(); // peers that lost ICE consent are gone
    scheduleIdleCheck();
    long bytesOut = 0;
    for (Peer peer : room.peers()) {
      for (WebRtcTransport t : peer.transports().values()) {
        t.tick(now);
        bytesOut += t.counters().bytesOut();
      }
    }
    // Bytes of transports closed since the last tick drop out of the sum: never below zero.
    if (lastTickMs > 0 && now > lastTickMs) {
      bitrate = Math.max(0, bytesOut - bytesOutLastTick) * 8_000 / (now - lastTickMs);
    }
    bytesOutLastTick = bytesOut;
    lastTickMs = now;
  }

  /** Bits per second this room sent to its peers over the last second; readable from any thread. */
  public long bitrate() {
    return bitrate;
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
    UdpEndpoint endpoint = endpoints.get(nextEndpoint++ % endpoints.size());
    WebRtcTransport transport =
        new WebRtcTransport(
            id,
            settings.certificate(),
            endpoint,
            settings.announcedIp(),
            task -> context.runOnContext(v -> task.run()),
            demux.routing(listener));
    transport.consentTimeout(settings.iceConsentTimeoutMs());
    demux.add(transport);
    return transport;
  }

  @Override
  public void closeTransport(WebRtcTransport transport) {
    demux.remove(transport);
    router.transportClosed(transport);
    transport.close();
  }

  @Override
  public void transportRestarted(WebRtcTransport transport) {
    demux.refresh(transport);
  }

  @Override
  public long nowMs() {
    return System.currentTimeMillis();
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
                  JsonArray ports = new JsonArray();
                  endpoints.forEach(e -> ports.add(e.port()));
                  JsonObject base =
                      new JsonObject()
                          .put("roomId", settings.roomId())
                          .put("nodeId", settings.nodeId())
                          .put("peers", peers)
                          .put("ports", ports)
                          .put("requests", requests)
                          .put("pushes", pushes)
                          .put("bitrate", bitrate)
                          .put("failedRequests", failedRequests)
                          .put("unroutedDatagrams", unroutedDatagrams)
                          .put("unknownSource", demux.unknownSource())
                          .put("unknownIceUsername", demux.unknownUsername())
                          .put("strangers", demux.strangers().toJson())
                          .put("router", router.counters())
                          .put("iceConsentClosed", room.consentClosed())
                          .put("loopThread", ThreadUsage.current());
                  p.complete(
                      RoomSnapshot.build(
                          base,
                          room.joinedPeers(),
                          demux.connectedTransports(),
                          System.currentTimeMillis()));
                }));
  }
}
