package io.stockpot.signaling;

import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.Methods;
import io.stockpot.registry.RequestException;
import io.stockpot.registry.RoomMessages;
import io.stockpot.signaling.auth.RoomToken;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * One browser connection speaking protoo for one peer of one room. Holds no room state: each
 * request goes to the room's verticle, wherever it runs, and the reply goes back as the response.
 */
final class PeerSession {
  private static final Logger LOG = Logger.getLogger(PeerSession.class.getName());

  /** Larger messages are refused with 413: no mediasoup request comes near it. */
  static final int MAX_MESSAGE_CHARS = 128 * 1024;

  /**
   * Starts with the connection time, so that sessions of one peer sort by age: when a browser
   * reconnects, the room lets the newest session speak for the peer.
   */
  private final String sessionId =
      String.format(
          "%013d-%s", System.currentTimeMillis(), UUID.randomUUID().toString().substring(0, 8));

  private final String peerId;
  private final String roomId;
  private final Connection connection;
  private final RoomClient rooms;
  private final SignalingStats stats;
  private final RoomToken token;
  private boolean closed;
  private long lastHeardNanos = System.nanoTime();
  private boolean heartbeats;

  /**
   * @param token the connection's verified room token; null when the node admits anyone
   */
  PeerSession(
      String peerId,
      String roomId,
      Connection connection,
      RoomClient rooms,
      SignalingStats stats,
      RoomToken token) {
    this.peerId = peerId;
    this.roomId = roomId;
    this.connection = connection;
    this.rooms = rooms;
    this.stats = stats;
    this.token = token;
  }

  /** The client showed a sign of life (a message, a WebSocket pong). */
  void heard() {
    lastHeardNanos = System.nanoTime();
  }

  /**
   * Whether the client has been silent for longer than {@code timeoutNanos} although it should have
   * spoken: a WebSocket answers pings by itself; a SockJS client only once it has sent a {@link
   * #HEARTBEAT} (SockJS has no ping).
   */
  boolean silentFor(long nowNanos, long timeoutNanos) {
    return (connection.answersPings() || heartbeats) && nowNanos - lastHeardNanos > timeoutNanos;
  }

  /** Asks the client for a sign of life (a WebSocket ping; nothing over SockJS). */
  void ping() {
    if (!closed) {
      connection.ping();
    }
  }

  /** The client notification that keeps a SockJS session alive: {@code heartbeat}. */
  static final String HEARTBEAT = "heartbeat";

  /** Adds who the session is and what it may do to a request for the room. */
  private JsonObject withAccess(JsonObject request) {
    if (token != null) {
      request
          .put(RoomMessages.SUBJECT, token.peerId())
          .put(RoomMessages.GRANTS, new JsonArray(List.copyOf(token.grants())));
    }
    return request;
  }

  String sessionId() {
    return sessionId;
  }

  String peerId() {
    return peerId;
  }

  String roomId() {
    return roomId;
  }

  void onText(String text) {
    stats.messagesIn++;
    heard();
    if (text.length() > MAX_MESSAGE_CHARS) {
      reject(null, ErrorCodes.TOO_LARGE, "message larger than " + MAX_MESSAGE_CHARS + " chars");
      return;
    }
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      reject(null, ErrorCodes.BAD_REQUEST, "malformed JSON");
      return;
    }
    Object id = validId(msg.getValue("id"));
    if (Boolean.TRUE.equals(msg.getValue("request"))) {
      onRequest(msg, id);
    } else if (Boolean.TRUE.equals(msg.getValue("response"))) {
      // The answer to a request the room sent (e.g. newConsumer): the room matches it by id.
      rooms
          .request(
              roomId,
              withAccess(RoomMessages.request(Methods.PEER_RESPONSE, peerId, sessionId, null, msg)),
              false)
          .onFailure(err -> LOG.fine(() -> "response of " + peerId + ": " + err.getMessage()));
    } else if (Boolean.TRUE.equals(msg.getValue("notification"))) {
      // No client notification means anything to the room; a heartbeat asks to be watched.
      if (HEARTBEAT.equals(msg.getValue("method"))) {
        heartbeats = true;
      } else {
        stats.ignoredMessages++;
      }
    } else {
      reject(id, ErrorCodes.BAD_REQUEST, "not a protoo message");
    }
  }

  /**
   * Requests a session may make: a burst of {@link #BURST}, then {@link #REQUESTS_PER_SECOND}. A
   * browser needs a few dozen to join; more is a runaway client, and the room must not pay for it.
   */
  static final int BURST = 200;

  static final int REQUESTS_PER_SECOND = 50;

  private double tokens = BURST;
  private long lastRefillNanos = System.nanoTime();

  private boolean allowRequest() {
    long now = System.nanoTime();
    tokens = Math.min(BURST, tokens + (now - lastRefillNanos) * REQUESTS_PER_SECOND / 1e9);
    lastRefillNanos = now;
    if (tokens < 1) {
      return false;
    }
    tokens--;
    return true;
  }

  /**
   * The message's id when the answer can carry it back unchanged: a string, or a finite number
   * (protoo's ids are integers). Null otherwise: an infinite or NaN number would come back as the
   * string "Infinity", which matches nothing on the client.
   */
  private static Object validId(Object id) {
    if (id instanceof String) {
      return id;
    }
    if (id instanceof Number n && Double.isFinite(n.doubleValue())) {
      return id;
    }
    return null;
  }

  private void onRequest(JsonObject msg, Object id) {
    if (id == null) {
      reject(null, ErrorCodes.BAD_REQUEST, "request without a valid 'id'");
      return;
    }
    if (!(msg.getValue("method") instanceof String method) || method.isEmpty()) {
      reject(id, ErrorCodes.BAD_REQUEST, "request without a 'method'");
      return;
    }
    Object data = msg.getValue("data");
    if (data != null && !(data instanceof JsonObject)) {
      reject(id, ErrorCodes.BAD_REQUEST, method + ": 'data' must be an object");
      return;
    }
    if (!allowRequest()) {
      stats.throttled++;
      reject(id, ErrorCodes.TOO_MANY_REQUESTS, "too many requests: slow down");
      return;
    }
    if (method.startsWith("stockpot.")) {
      // Internal methods are for nodes, never for browsers.
      reject(id, ErrorCodes.NOT_FOUND, "unknown method '" + method + "'");
      return;
    }
    if (Methods.PRODUCE.equals(method) && token != null && !token.may(RoomToken.PUBLISH)) {
      stats.forbiddenRequests++;
      reject(id, ErrorCodes.FORBIDDEN, "produce: this peer's token does not grant 'publish'");
      return;
    }
    rooms
        .request(
            roomId,
            withAccess(RoomMessages.request(method, peerId, sessionId, null, (JsonObject) data)))
        .onSuccess(reply -> send(Protoo.ok(id, reply)))
        .onFailure(
            err -> {
              int code = err instanceof RequestException re ? re.code() : ErrorCodes.INTERNAL;
              reject(id, code, err.getMessage());
            });
  }

  private void reject(Object id, int code, String reason) {
    stats.errorsOut++;
    LOG.fine(() -> "peer " + peerId + " in room " + roomId + ": " + code + " " + reason);
    send(Protoo.error(id, code, reason));
  }

  void send(JsonObject message) {
    if (!closed) {
      stats.messagesOut++;
      connection.send(message.encode());
    }
  }

  private boolean left;

  /** The connection is gone: the room forgets the peer (if this session still speaks for it). */
  void onClosed() {
    if (left) {
      return;
    }
    left = true;
    closed = true;
    rooms
        .request(
            roomId, RoomMessages.request(Methods.PEER_LEFT, peerId, sessionId, null, null), false)
        .onFailure(err -> LOG.fine(() -> "peerLeft for " + peerId + ": " + err.getMessage()));
  }

  /** Closes this session (replaced by a newer connection, room closed, kicked, silent). */
  void close(int code, String reason) {
    LOG.info(() -> "closing session of peer " + peerId + " in room " + roomId + ": " + reason);
    if (!closed) {
      sendClosing(connection, code, reason);
    }
    closed = true;
  }

  private boolean released;

  /** True once, for the first caller: the connection's slot of its IP address is given back. */
  boolean release() {
    boolean first = !released;
    released = true;
    return first;
  }

  /** Close code for a connection that stayed silent past the idle timeout. */
  static final int IDLE = 4408;

  /** Close code for a session the room closed (replaced, kicked, room closed). */
  static final int CLOSED_BY_ROOM = 4000;

  /** Close code for a connection refused for its parameters. */
  static final int REFUSED = 4400;

  /** Tells the client why, then closes: see {@link Methods#SESSION_CLOSED}. */
  static void sendClosing(Connection connection, int code, String reason) {
    connection.send(
        RoomMessages.notification(
                Methods.SESSION_CLOSED, new JsonObject().put("code", code).put("reason", reason))
            .encode());
    connection.close(code, reason);
  }
}
