package io.stockpot.registry;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A node's configuration, shared by the launcher (which parses flags and {@code STOCKPOT_*}
 * environment variables) and the verticles (which get it as their deployment config).
 *
 * @param roomAuth {@link #AUTH_TOKEN} or {@link #AUTH_OPEN}
 * @param jwtSecret the HS256 secret room tokens are verified with, or null
 * @param jwtPublicKey the PEM public key (RS256/ES256) room tokens are verified with, or null
 * @param limits what one client may take: peers per room, producers and transports per peer, rooms
 *     per node, connections and joins per second per IP address
 * @param signalingIdleTimeoutMs a signaling connection silent for this long (ms) is closed
 * @param iceConsentTimeoutSeconds a transport whose selected ICE tuple sent no valid STUN check for
 *     this long is closed (RFC 7675 consent, mediasoup's {@code iceConsentTimeout}); 0: never
 * @param minOutgoingBitrateBps the floor (bps) of every WebRtcTransport's outgoing bandwidth
 *     estimate (mediasoup's {@code minimumAvailableOutgoingBitrate}); 0: Stockpot's default
 */
public record NodeConfig(
    String nodeId,
    List<String> roles,
    String httpHost,
    int httpPort,
    String announcedIp,
    String rtcListenIp,
    int rtcPortMin,
    int rtcPortMax,
    int portsPerRoom,
    long roomCloseDelayMs,
    boolean https,
    String tlsCert,
    String tlsKey,
    String webroot,
    String adminToken,
    String roomAuth,
    String jwtSecret,
    String jwtPublicKey,
    NodeLimits limits,
    long signalingIdleTimeoutMs,
    int iceConsentTimeoutSeconds,
    long minOutgoingBitrateBps) {

  public static final String ROLE_SIGNALING = "signaling";
  public static final String ROLE_MEDIA = "media";

  /** {@link #roomAuth()}: every peer needs a room token. */
  public static final String AUTH_TOKEN = "token";

  /** {@link #roomAuth()}: anyone may join any room as any peer (demo mode). */
  public static final String AUTH_OPEN = "open";

  /** Whether every peer needs a room token ({@code --room-auth token}). */
  public boolean tokensRequired() {
    return AUTH_TOKEN.equals(roomAuth);
  }

  /** Never print the admin token or the JWT secret with the rest of the configuration. */
  @Override
  public String toString() {
    return "NodeConfig[" + nodeId + " " + roles + " http " + httpHost + ":" + httpPort + "]";
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  public static NodeConfig fromJson(JsonObject json) {
    return json.mapTo(NodeConfig.class);
  }
}
