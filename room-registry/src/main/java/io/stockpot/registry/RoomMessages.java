package io.stockpot.registry;

import io.vertx.core.json.JsonObject;

/**
 * The message contracts between signaling nodes and room verticles. Every message is a JsonObject;
 * these are its field names and constructors, used by both sides.
 *
 * <p>Signaling → room: {@code {method, peerId, sessionId, signalingNode, data}}; the room replies
 * with the protoo response's {@code data} or fails with an {@link ErrorCodes} code and a reason.
 *
 * <p>Room → signaling node: {@code {method: push|closeSession, sessionId, message, reason}} where
 * {@code message} is a complete protoo message for the peer's connection.
 */
public final class RoomMessages {
  public static final String METHOD = "method";
  public static final String PEER_ID = "peerId";
  public static final String SESSION_ID = "sessionId";
  public static final String SIGNALING_NODE = "signalingNode";
  public static final String DATA = "data";
  public static final String MESSAGE = "message";
  public static final String REASON = "reason";
  public static final String ROOM_ID = "roomId";

  /**
   * Who the session proved to be (a room token's subject); absent when the signaling node admits
   * anyone. A peer's newer session replaces its older one only for the same subject.
   */
  public static final String SUBJECT = "subject";

  /**
   * What the session's token grants (an array of "publish", "subscribe", "admin"); absent when the
   * signaling node admits anyone (then everything is granted).
   */
  public static final String GRANTS = "grants";

  private RoomMessages() {}

  public static JsonObject request(
      String method, String peerId, String sessionId, String signalingNode, JsonObject data) {
    return new JsonObject()
        .put(METHOD, method)
        .put(PEER_ID, peerId)
        .put(SESSION_ID, sessionId)
        .put(SIGNALING_NODE, signalingNode)
        .put(DATA, data == null ? new JsonObject() : data);
  }

  public static JsonObject push(String sessionId, JsonObject protooMessage) {
    return new JsonObject()
        .put(METHOD, Methods.PUSH)
        .put(SESSION_ID, sessionId)
        .put(MESSAGE, protooMessage);
  }

  public static JsonObject closeSession(String sessionId, String reason) {
    return new JsonObject()
        .put(METHOD, Methods.CLOSE_SESSION)
        .put(SESSION_ID, sessionId)
        .put(REASON, reason);
  }

  /** A protoo notification: {@code {notification:true, method, data}}. */
  public static JsonObject notification(String method, JsonObject data) {
    return new JsonObject().put("notification", true).put("method", method).put("data", data);
  }
}
