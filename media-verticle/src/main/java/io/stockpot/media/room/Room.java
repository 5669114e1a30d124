package io.stockpot.media.room;

import io.stockpot.media.ortc.JsonFields;
import io.stockpot.media.ortc.OrtcException;
import io.stockpot.media.router.Consumer;
import io.stockpot.media.router.Producer;
import io.stockpot.media.router.Router;
import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.Methods;
import io.stockpot.registry.NodeLimits;
import io.stockpot.registry.RequestException;
import io.stockpot.registry.RoomMessages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A room's state and its protoo methods. Lives on the room verticle's event loop: no locks.
 *
 * <p>Requests name the peer and the signaling session speaking for it. Sessions sort by age; a
 * newer session of a peer replaces the older one (the browser reconnected), and an older one can no
 * longer act for the peer.
 */
public final class Room {
  private static final Logger LOG = Logger.getLogger(Room.class.getName());

  private final String id;
  private final JsonObject routerRtpCapabilities;
  private final PeerChannel channel;
  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final TransportMethods transports;
  private final ProducerMethods producers;
  private final ConsumerMethods consumers;
  private final ServerRequests requests;
  private final NodeLimits limits;
  private long refusedByLimits;
  private long refusedByAccess;
  private final ConsentWatcher consent;

  public Room(
      String id,
      JsonObject routerRtpCapabilities,
      PeerChannel channel,
      RoomServices services,
      Router router) {
    this(id, routerRtpCapabilities, channel, services, router, NodeLimits.DEFAULTS);
  }

  public Room(
      String id,
      JsonObject routerRtpCapabilities,
      PeerChannel channel,
      RoomServices services,
      Router router,
      NodeLimits limits) {
    this.id = id;
    this.limits = limits;
    this.routerRtpCapabilities = routerRtpCapabilities;
    this.channel = channel;
    this.requests = new ServerRequests(channel, services);
    this.consumers = new ConsumerMethods(router, channel, requests, services);
    this.producers =
        new ProducerMethods(
            router, routerRtpCapabilities, services, consumers, peers::get, peers::values);
    this.transports = new TransportMethods(services, router, producers, consumers);
    this.consent = new ConsentWatcher(transports);
  }

  public String id() {
    return id;
  }

  /** Every peer with a live session, joined or not. */
  public Collection<Peer> peers() {
    return Collections.unmodifiableCollection(peers.values());
  }

  public List<Peer> joinedPeers() {
    List<Peer> joined = new ArrayList<>();
    for (Peer p : peers.values()) {
      if (p.joined()) {
        joined.add(p);
      }
    }
    return joined;
  }

  /**
   * Handles one request and returns the protoo response's data (an object, or an array for stats as
   * mediasoup answers them).
   *
   * @throws RequestException with an {@link ErrorCodes} code for every refused request
   */
  public Object handle(
      String method, String peerId, String sessionId, String signalingNode, JsonObject data) {
    return handle(method, peerId, sessionId, signalingNode, data, PeerAccess.OPEN);
  }

  /** Requests refused by a limit (peers per room, transports or producers per peer). */
  public long refusedByLimits() {
    return refusedByLimits;
  }

  /** Requests refused for the session's identity or grants. */
  public long refusedByAccess() {
    return refusedByAccess;
  }

  /**
   * Handles one request of a session with this access.
   *
   * @throws RequestException with an {@link ErrorCodes} code for every refused request
   */
  public Object handle(
      String method,
      String peerId,
      String sessionId,
      String signalingNode,
      JsonObject data,
      PeerAccess access) {
    if (method == null || peerId == null || sessionId == null) {
      throw new RequestException(ErrorCodes.BAD_REQUEST, "malformed room request");
    }
    if (Methods.PEER_LEFT.equals(method)) {
      peerLeft(peerId, sessionId);
      return new JsonObject();
    }
    if (Methods.PEER_RESPONSE.equals(method)) {
      Peer peer = peers.get(peerId);
      if (peer == null || !peer.sessionId().equals(sessionId)) {
        throw new RequestException(ErrorCodes.FORBIDDEN, "response from a stale session");
      }
      requests.onResponse(peer, data == null ? new JsonObject() : data);
      return new JsonObject();
    }
    Peer peer = session(peerId, sessionId, signalingNode, method, access);
    checkLimits(peer, method);
    try {
      return dispatch(peer, method, data == null ? new JsonObject() : data);
    } catch (OrtcException e) {
      // A missing or ill-typed field, or parameters the router cannot take: the client's fault.
      throw new RequestException(ErrorCodes.BAD_REQUEST, method + ": " + e.getMessage());
    }
  }

  private Object dispatch(Peer peer, String method, JsonObject data) {
    return switch (method) {
      case Methods.GET_ROUTER_RTP_CAPABILITIES -> routerRtpCapabilities;
      case Methods.JOIN -> join(peer, data);
      case Methods.CHANGE_DISPLAY_NAME -> changeDisplayName(joined(peer, method), data);
      default -> {
        Object result = transports.handle(peer, method, data);
        if (result == null) {
          result = producers.handle(peer, method, data);
        }
        if (result == null) {
          result = consumers.handle(peer, method, data);
        }
        if (result == null) {
          throw new RequestException(ErrorCodes.NOT_FOUND, "unknown method '" + method + "'");
        }
        yield result;
      }
    };
  }

  /**
   * The peer this session speaks for; a newer session replaces an older one, but only one with the
   * same subject: whoever cannot prove to be the peer cannot throw it out.
   */
  private Peer session(
      String peerId, String sessionId, String signalingNode, String method, PeerAccess access) {
    Peer peer = peers.get(peerId);
    if (peer != null) {
      int age = sessionId.compareTo(peer.sessionId());
      if (age == 0) {
        return peer;
      }
      if (!java.util.Objects.equals(access.subject(), peer.access().subject())) {
        refusedByAccess++;
        throw new RequestException(
            ErrorCodes.FORBIDDEN,
            method + ": peer '" + peerId + "' is in the room under another identity");
      }
      if (age < 0) {
        throw new RequestException(
            ErrorCodes.FORBIDDEN, method + ": this connection was replaced by a newer one");
      }
      LOG.info(() -> "room " + id + ": peer " + peerId + " reconnected, replacing its old session");
      channel.closeSession(peer.signalingNode(), peer.sessionId(), "replaced");
      removePeer(peer);
    }
    if (peers.size() >= limits.peersPerRoom()) {
      refusedByLimits++;
      throw new RequestException(
          ErrorCodes.TOO_MANY_REQUESTS,
          method + ": room is full (at most " + limits.peersPerRoom() + " peers)");
    }
    peer = new Peer(peerId, sessionId, signalingNode, access);
    peers.put(peerId, peer);
    return peer;
  }

  /** What one peer may hold: a request that would take more is refused with 429 or 403. */
  private void checkLimits(Peer peer, String method) {
    if (Methods.CREATE_WEBRTC_TRANSPORT.equals(method)
        && peer.transports().size() >= limits.transportsPerPeer()) {
      refusedByLimits++;
      throw new RequestException(
          ErrorCodes.TOO_MANY_REQUESTS,
          method + ": at most " + limits.transportsPerPeer() + " transports per peer");
    }
    if (Methods.PRODUCE.equals(method)) {
      if (!peer.access().publish()) {
        refusedByAccess++;
        throw new RequestException(
            ErrorCodes.FORBIDDEN, "produce: this peer's token does not grant 'publish'");
      }
      if (peer.producers().size() >= limits.producersPerPeer()) {
        refusedByLimits++;
        throw new RequestException(
            ErrorCodes.TOO_MANY_REQUESTS,
            method + ": at most " + limits.producersPerPeer() + " producers per peer");
      }
    }
  }

  static Peer joined(Peer peer, String method) {
    if (!peer.joined()) {
      throw new RequestException(ErrorCodes.FORBIDDEN, method + ": peer has not joined the room");
    }
    return peer;
  }

  private JsonObject join(Peer peer, JsonObject data) {
    if (peer.joined()) {
      throw new RequestException(ErrorCodes.CONFLICT, "join: peer already joined");
    }
    JsonObject caps = JsonFields.requiredObject(data, "rtpCapabilities");
    JsonFields.requiredArray(caps, "codecs", "rtpCapabilities.codecs");
    String displayName = JsonFields.optionalString(data, "displayName");
    JsonObject device = JsonFields.optionalObject(data, "device");
    peer.join(displayName, device, caps);
    JsonArray others = new JsonArray();
    JsonObject newPeer = RoomMessages.notification(Methods.NEW_PEER, peer.info());
    for (Peer other : joinedPeers()) {
      if (other != peer) {
        others.add(other.info());
        channel.push(other, newPeer);
      }
    }
    LOG.info(() -> "room " + id + ": peer " + peer.id() + " joined (" + joinedPeers().size() + ")");
    // The newcomer receives everything already produced in the room.
    for (Peer other : joinedPeers()) {
      for (Producer producer : List.copyOf(other.producers().values())) {
        consumers.consume(peer, producer);
      }
    }
    return new JsonObject().put("peers", others);
  }

  private JsonObject changeDisplayName(Peer peer, JsonObject data) {
    String displayName = JsonFields.requiredString(data, "displayName");
    String old = peer.displayName();
    peer.displayName(displayName);
    JsonObject changed =
        RoomMessages.notification(
            Methods.PEER_DISPLAY_NAME_CHANGED,
            new JsonObject()
                .put("peerId", peer.id())
                .put("displayName", displayName)
                .put("oldDisplayName", old));
    for (Peer other : joinedPeers()) {
      if (other != peer) {
        channel.push(other, changed);
      }
    }
    return new JsonObject();
  }

  private void peerLeft(String peerId, String sessionId) {
    Peer peer = peers.get(peerId);
    if (peer != null && peer.sessionId().equals(sessionId)) {
      removePeer(peer);
      LOG.info(() -> "room " + id + ": peer " + peerId + " left (" + peers.size() + " peers)");
    }
  }

  private void removePeer(Peer peer) {
    peers.remove(peer.id());
    requests.peerGone(peer);
    transports.closeAll(peer);
    if (!peer.joined()) {
      return;
    }
    JsonObject closed =
        RoomMessages.notification(Methods.PEER_CLOSED, new JsonObject().put("peerId", peer.id()));
    for (Peer other : joinedPeers()) {
      channel.push(other, closed);
    }
  }

  /**
   * Once a second: transports that lost ICE consent close (a peer that lost them all leaves, its
   * session told {@code "ice consent lost"}), and score changes go to the peers concerned, as
   * mediasoup-demo relays them.
   */
  public void tick() {
    for (Peer dead : consent.sweep(List.copyOf(peers.values()))) {
      LOG.info(() -> "room " + id + ": peer " + dead.id() + " lost ICE consent: closed");
      channel.closeSession(dead.signalingNode(), dead.sessionId(), "ice consent lost");
      removePeer(dead);
    }
    for (Peer peer : joinedPeers()) {
      for (Producer p : peer.producers().values()) {
        JsonArray score = RtpStatsJson.producerScore(p);
        if (!score.equals(p.lastScoreSent())) {
          p.lastScoreSent(score);
          channel.push(
              peer,
              RoomMessages.notification(
                  Methods.PRODUCER_SCORE,
                  new JsonObject().put("producerId", p.id()).put("score", score)));
        }
      }
      for (Consumer c : peer.consumers().values()) {
        JsonObject score = ConsumerMethods.score(c);
        if (!c.paused() && !score.equals(c.lastScoreSent())) {
          c.lastScoreSent(score);
          channel.push(
              peer,
              RoomMessages.notification(
                  Methods.CONSUMER_SCORE,
                  new JsonObject().put("consumerId", c.id()).put("score", score)));
        }
        consumers.notifyLayers(peer, c);
      }
    }
  }

  /** Transports and peers closed because they lost ICE consent: {@code {transports, peers}}. */
  public JsonObject consentClosed() {
    return new JsonObject()
        .put("transports", consent.transportsClosed())
        .put("peers", consent.peersClosed());
  }

  /**
   * Removes a peer on an operator's request: its connection is told to go with {@code reason}, the
   * others see {@code peerClosed}. Returns false if no such peer is here.
   */
  public boolean kick(String peerId, String reason) {
    Peer peer = peers.get(peerId);
    if (peer == null) {
      return false;
    }
    channel.closeSession(peer.signalingNode(), peer.sessionId(), reason);
    removePeer(peer);
    return true;
  }

  /**
   * The signaling node of these peers is gone, and their sessions with it: they leave as if each
   * session had closed (the others get {@code peerClosed}). Answers how many peers left.
   */
  public int removePeersOf(String signalingNode) {
    int removed = 0;
    for (Peer peer : List.copyOf(peers.values())) {
      if (peer.signalingNode().equals(signalingNode)) {
        removePeer(peer);
        removed++;
      }
    }
    return removed;
  }

  /**
   * The room moves to another media node: every peer is told ({@code roomMoved}) and forgotten
   * here, its connection kept, so that it joins the room again wherever it is placed next.
   */
  public void moveAll(String reason) {
    JsonObject moved =
        RoomMessages.notification(
            Methods.ROOM_MOVED, new JsonObject().put("roomId", id).put("reason", reason));
    for (Peer peer : List.copyOf(peers.values())) {
      channel.push(peer, moved);
      requests.peerGone(peer);
      transports.closeAll(peer);
    }
    peers.clear();
  }

  /** Closes the room: every remaining connection is told to go. */
  public void close(String reason) {
    for (Peer peer : List.copyOf(peers.values())) {
      channel.closeSession(peer.signalingNode(), peer.sessionId(), reason);
      transports.closeAll(peer);
    }
    peers.clear();
  }
}
