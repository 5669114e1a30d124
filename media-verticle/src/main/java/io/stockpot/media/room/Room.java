package io.stockpot.media.room;

import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.Methods;
import io.stockpot.registry.RequestException;
import io.stockpot.registry.RoomMessages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A room's state and its protoo methods. Lives on the room verticle's event loop: no locks.
 * Requests name the peer and the signaling session speaking for it; a session that was replaced by
 * a newer connection of the same peer can no longer act for it.
 */
public final class Room {
  private static final Logger LOG = Logger.getLogger(Room.class.getName());

  private final String id;
  private final JsonObject routerRtpCapabilities;
  private final PeerChannel channel;
  private final Map<String, Peer> peers = new LinkedHashMap<>();

  public Room(String id, JsonObject routerRtpCapabilities, PeerChannel channel) {
    this.id = id;
    this.routerRtpCapabilities = routerRtpCapabilities;
    this.channel = channel;
  }

  public String id() {
    return id;
  }

  public Collection<Peer> peers() {
    return Collections.unmodifiableCollection(peers.values());
  }

  /**
   * Handles one request and returns the protoo response's data.
   *
   * @throws RequestException with an {@link ErrorCodes} code for every refused request
   */
  public JsonObject handle(
      String method, String peerId, String sessionId, String signalingNode, JsonObject data) {
    if (method == null || peerId == null || sessionId == null) {
      throw new RequestException(ErrorCodes.BAD_REQUEST, "malformed room request");
    }
    Params params = new Params(method, data);
    return switch (method) {
      case Methods.GET_ROUTER_RTP_CAPABILITIES -> routerRtpCapabilities;
      case Methods.JOIN -> join(peerId, sessionId, signalingNode, params);
      case Methods.CHANGE_DISPLAY_NAME ->
          changeDisplayName(joinedPeer(peerId, sessionId, method), params);
      case Methods.PEER_LEFT -> {
        peerLeft(peerId, sessionId);
        yield new JsonObject();
      }
      default ->
          throw new RequestException(ErrorCodes.NOT_FOUND, "unknown method '" + method + "'");
    };
  }

  /** The peer that this session speaks for, or a 403 if it has not joined (or was replaced). */
  Peer joinedPeer(String peerId, String sessionId, String method) {
    Peer peer = peers.get(peerId);
    if (peer == null) {
      throw new RequestException(ErrorCodes.FORBIDDEN, method + ": peer has not joined the room");
    }
    if (!peer.sessionId().equals(sessionId)) {
      throw new RequestException(
          ErrorCodes.FORBIDDEN, method + ": this connection was replaced by a newer one");
    }
    return peer;
  }

  private JsonObject join(String peerId, String sessionId, String signalingNode, Params params) {
    JsonObject caps = params.object("rtpCapabilities");
    params.array(caps, "codecs");
    String displayName = params.optionalString("displayName");
    JsonObject device = params.optionalObject("device");
    Peer existing = peers.get(peerId);
    if (existing != null) {
      if (existing.sessionId().equals(sessionId)) {
        throw new RequestException(ErrorCodes.CONFLICT, "join: peer already joined");
      }
      // A newer connection of the same peer replaces the old one, as a reconnecting browser does.
      LOG.info(() -> "room " + id + ": peer " + peerId + " reconnected, replacing its old session");
      channel.closeSession(existing.signalingNode(), existing.sessionId(), "replaced");
      removePeer(existing);
    }
    Peer peer =
        new Peer(
            peerId,
            sessionId,
            signalingNode,
            displayName == null ? peerId : displayName,
            device == null ? new JsonObject() : device,
            caps);
    JsonArray others = new JsonArray();
    for (Peer other : peers.values()) {
      others.add(other.info());
      channel.push(other, RoomMessages.notification(Methods.NEW_PEER, peer.info()));
    }
    peers.put(peerId, peer);
    LOG.info(() -> "room " + id + ": peer " + peerId + " joined (" + peers.size() + " peers)");
    return new JsonObject().put("peers", others);
  }

  private JsonObject changeDisplayName(Peer peer, Params params) {
    String displayName = params.string("displayName");
    String old = peer.displayName();
    peer.displayName(displayName);
    JsonObject changed =
        RoomMessages.notification(
            Methods.PEER_DISPLAY_NAME_CHANGED,
            new JsonObject()
                .put("peerId", peer.id())
                .put("displayName", displayName)
                .put("oldDisplayName", old));
    for (Peer other : peers.values()) {
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
    JsonObject closed =
        RoomMessages.notification(Methods.PEER_CLOSED, new JsonObject().put("peerId", peer.id()));
    for (Peer other : peers.values()) {
      channel.push(other, closed);
    }
  }

  /** Closes the room: every remaining connection is told to go. */
  public void close(String reason) {
    for (Peer peer : peers.values()) {
      channel.closeSession(peer.signalingNode(), peer.sessionId(), reason);
    }
    peers.clear();
  }
}
