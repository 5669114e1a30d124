package io.stockpot.media.room;

import io.vertx.core.json.JsonObject;

/** A joined participant of a room and the signaling connection that speaks for it. */
public final class Peer {
  private final String id;
  private final String sessionId;
  private final String signalingNode;
  private String displayName;
  private final JsonObject device;
  private final JsonObject rtpCapabilities;

  public Peer(
      String id,
      String sessionId,
      String signalingNode,
      String displayName,
      JsonObject device,
      JsonObject rtpCapabilities) {
    this.id = id;
    this.sessionId = sessionId;
    this.signalingNode = signalingNode;
    this.displayName = displayName;
    this.device = device;
    this.rtpCapabilities = rtpCapabilities;
  }

  public String id() {
    return id;
  }

  public String sessionId() {
    return sessionId;
  }

  public String signalingNode() {
    return signalingNode;
  }

  public String displayName() {
    return displayName;
  }

  public void displayName(String displayName) {
    this.displayName = displayName;
  }

  public JsonObject rtpCapabilities() {
    return rtpCapabilities;
  }

  /** The shape of {@code join}'s {@code peers} entries and of {@code newPeer}. */
  public JsonObject info() {
    return new JsonObject().put("id", id).put("displayName", displayName).put("device", device);
  }
}
