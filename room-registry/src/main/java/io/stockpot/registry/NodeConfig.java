package io.stockpot.registry;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A node's configuration, shared by the launcher (which parses flags and {@code STOCKPOT_*}
 * environment variables) and the verticles (which get it as their deployment config).
 *
 * @param iceConsentTimeoutSeconds a transport whose selected ICE tuple sent no valid STUN check for
 *     this long is closed (RFC 7675 consent, mediasoup's {@code iceConsentTimeout}); 0: never
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
    int iceConsentTimeoutSeconds) {

  public static final String ROLE_SIGNALING = "signaling";
  public static final String ROLE_MEDIA = "media";

  /** Never print the admin token with the rest of the configuration. */
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
