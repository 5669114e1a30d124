package io.stockpot.signaling.admin;

import io.stockpot.registry.NodeConfig;
import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.auth.RoomTokens;
import io.stockpot.signaling.auth.TokenException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * {@code POST /api/tokens}: mints a room token with the node's HS256 secret. Body {@code {roomId,
 * peerId, displayName?, grants?, ttlSeconds?}}; answers {@code {token, expiresAt}} (expiresAt in
 * seconds since the epoch). A node that verifies with a public key cannot mint: whoever holds the
 * private key does ({@code bin/stockpot-admin token --jwt-private-key}).
 */
final class TokenMinting {
  /** Lifetime of a token when the request names none: one hour, in seconds. */
  static final long DEFAULT_TTL_SECONDS = 3600;

  private final RoomTokens tokens;
  private final String why;

  TokenMinting(Vertx vertx, NodeConfig config) {
    if (config.jwtSecret() != null) {
      tokens = RoomTokens.hs256(vertx, config.jwtSecret());
      why = null;
    } else {
      tokens = null;
      why =
          config.jwtPublicKey() != null
              ? "this node holds only the public key: mint with the private key"
                  + " (bin/stockpot-admin token --jwt-private-key FILE)"
              : "no --jwt-secret configured: this node cannot mint room tokens";
    }
  }

  Future<JsonObject> mint(JsonObject body) {
    if (tokens == null) {
      return Future.failedFuture(new AdminError(409, "no_key", why));
    }
    try {
      String roomId = string(body, "roomId", true);
      String peerId = string(body, "peerId", true);
      String displayName = string(body, "displayName", false);
      Object ttl = body.getValue("ttlSeconds", DEFAULT_TTL_SECONDS);
      if (!(ttl instanceof Number n)
          || n.longValue() <= 0
          || n.longValue() > RoomTokens.MAX_TTL_SECONDS) {
        throw AdminError.badRequest(
            "ttlSeconds must be a number from 1 to " + RoomTokens.MAX_TTL_SECONDS);
      }
      Set<String> grants = RoomToken.grants(body.getValue("grants"));
      long expiresAt = System.currentTimeMillis() / 1000 + n.longValue();
      String token = tokens.mintExpiringAt(roomId, peerId, displayName, grants, expiresAt);
      return Future.succeededFuture(
          new JsonObject().put("token", token).put("expiresAt", expiresAt));
    } catch (TokenException | IllegalArgumentException e) {
      return Future.failedFuture(AdminError.badRequest(e.getMessage()));
    }
  }

  private static String string(JsonObject body, String name, boolean required) {
    Object value = body.getValue(name);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof String s) || s.isEmpty()) {
      throw AdminError.badRequest(name + " must be a non-empty string");
    }
    return s;
  }
}
