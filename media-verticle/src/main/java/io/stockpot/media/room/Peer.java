package io.stockpot.media.room;

import io.stockpot.media.router.Consumer;
import io.stockpot.media.router.Producer;
import io.stockpot.media.webrtc.WebRtcTransport;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A participant of a room and the signaling session that speaks for it. A peer exists from its
 * first request (browsers create transports before they join) and is visible to others once it has
 * joined.
 */
public final class Peer {
  private final String id;
  private final String sessionId;
  private final String signalingNode;
  private final Map<String, WebRtcTransport> transports = new LinkedHashMap<>();
  private final Map<String, Producer> producers = new LinkedHashMap<>();
  private final Map<String, Consumer> consumers = new LinkedHashMap<>();
  private final Map<WebRtcTransport, Integer> nextMids = new java.util.IdentityHashMap<>();
  private WebRtcTransport consumingTransport;
  private boolean joined;
  private String displayName;
  private JsonObject device = new JsonObject();
  private JsonObject rtpCapabilities;

  public Peer(String id, String sessionId, String signalingNode) {
    this(id, sessionId, signalingNode, PeerAccess.OPEN);
  }

  public Peer(String id, String sessionId, String signalingNode, PeerAccess access) {
    this.id = id;
    this.sessionId = sessionId;
    this.signalingNode = signalingNode;
    this.displayName = id;
    this.access = access;
  }

  private final PeerAccess access;

  /** Who the peer's session proved to be and what it may do. */
  public PeerAccess access() {
    return access;
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

  public boolean joined() {
    return joined;
  }

  void join(String displayName, JsonObject device, JsonObject rtpCapabilities) {
    this.joined = true;
    this.displayName = displayName == null ? id : displayName;
    this.device = device == null ? new JsonObject() : device;
    this.rtpCapabilities = rtpCapabilities;
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

  /** This peer's transports by id. */
  public Map<String, WebRtcTransport> transports() {
    return transports;
  }

  /** This peer's consumers by id. */
  public Map<String, Consumer> consumers() {
    return consumers;
  }

  /** The transport consumers go on: the last one created with {@code consuming: true}. */
  public WebRtcTransport consumingTransport() {
    return consumingTransport != null && transports.containsValue(consumingTransport)
        ? consumingTransport
        : null;
  }

  void consumingTransport(WebRtcTransport transport) {
    this.consumingTransport = transport;
  }

  /** The next consumer MID on a transport: a counter, as mediasoup numbers them. */
  String nextMid(WebRtcTransport transport) {
    int mid = nextMids.merge(transport, 1, Integer::sum) - 1;
    return Integer.toString(mid);
  }

  /** This peer's producers by id. */
  public Map<String, Producer> producers() {
    return producers;
  }

  /** The shape of {@code join}'s {@code peers} entries and of {@code newPeer}. */
  public JsonObject info() {
    return new JsonObject().put("id", id).put("displayName", displayName).put("device", device);
  }
}
