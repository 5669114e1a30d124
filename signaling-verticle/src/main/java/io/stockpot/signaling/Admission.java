package io.stockpot.signaling;

import io.stockpot.registry.NodeConfig;
import io.stockpot.registry.NodeLimits;
import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.auth.RoomTokens;
import io.stockpot.signaling.auth.TokenException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides who may open a signaling connection, before any session exists: the connection limits of
 * its IP address (open at once, new per second) and, with {@code --room-auth token}, its room token
 * — which then says the room and the peer; ids in the URL must agree with it. Lives on the
 * signaling verticle's event loop.
 */
public final class Admission {
  private static final Pattern ID = RoomToken.ID;
  private static final String DEFAULT_ROOM = "default";

  /** Who a connection is, once admitted. {@code token} is null in open mode. */
  public record Admitted(String ip, String peerId, String roomId, RoomToken token) {}

  /** Why a connection was refused: its close code (44xx), HTTP status (4xx) and reason. */
  public static final class Refused extends RuntimeException {
    final int closeCode;

    Refused(int closeCode, String reason) {
      super(reason, null, false, false);
      this.closeCode = closeCode;
    }

    public int httpStatus() {
      return closeCode - 4000;
    }
  }

  /** Close code (and, less 4000, HTTP status) of a connection refused for its parameters. */
  static final int BAD_PARAMETERS = 4400;

  /** Close code of a connection refused by a per-IP limit. */
  static final int TOO_MANY = 4429;

  private final NodeLimits limits;
  private final RoomTokens tokens;
  private final SignalingStats stats;
  private final Map<String, Integer> openPerIp = new HashMap<>();
  private final Map<String, double[]> joinBuckets = new HashMap<>();

  Admission(Vertx vertx, NodeConfig config, SignalingStats stats) {
    this.limits = config.limits();
    this.stats = stats;
    if (!config.tokensRequired()) {
      tokens = null;
    } else if (config.jwtSecret() != null) {
      tokens = RoomTokens.hs256(vertx, config.jwtSecret());
    } else {
      tokens = RoomTokens.publicKey(vertx, config.jwtPublicKey());
    }
  }

  /**
   * Admits a connection from {@code ip} with these URL parameters, or fails with {@link Refused}.
   * An admitted connection holds one of its IP's slots until {@link #release}.
   */
  public Future<Admitted> admit(String ip, String peerId, String roomId, String token) {
    if (openPerIp.getOrDefault(ip, 0) >= limits.connectionsPerIp()) {
      stats.refusedConnectionsPerIp++;
      return refuse(
          TOO_MANY,
          "too many connections from your address (at most "
              + limits.connectionsPerIp()
              + " at once)");
    }
    if (!takeJoin(ip, System.nanoTime())) {
      stats.refusedJoinRate++;
      return refuse(
          TOO_MANY,
          "too many new connections from your address (at most "
              + limits.joinsPerSecondPerIp()
              + " per second): retry in a moment");
    }
    Future<Admitted> admitted;
    if (tokens == null) {
      String room = roomId == null || roomId.isEmpty() ? DEFAULT_ROOM : roomId;
      if (peerId == null || !ID.matcher(peerId).matches() || !ID.matcher(room).matches()) {
        stats.rejectedConnections++;
        return refuse(BAD_PARAMETERS, "peerId (required) and roomId must match " + ID.pattern());
      }
      admitted = Future.succeededFuture(new Admitted(ip, peerId, room, null));
    } else {
      admitted =
          tokens
              .verify(token)
              .map(verified -> matching(ip, verified, peerId, roomId))
              .recover(
                  err -> {
                    stats.refusedTokens++;
                    return err instanceof TokenException te
                        ? refuse(te.closeCode(), te.getMessage())
                        : refuse(TokenException.UNAUTHORIZED, "token refused: " + err);
                  });
    }
    // The slot is taken now: a flood of connections waiting for verification counts at once.
    openPerIp.merge(ip, 1, Integer::sum);
    return admitted.onFailure(err -> release(ip));
  }

  /** A token's room and peer are the connection's; ids in the URL may only repeat them. */
  private static Admitted matching(String ip, RoomToken token, String peerId, String roomId) {
    if (peerId != null && !peerId.isEmpty() && !peerId.equals(token.peerId())) {
      throw new TokenException(
          TokenException.FORBIDDEN,
          "token refused: it is for peer '" + token.peerId() + "', not '" + peerId + "'");
    }
    if (roomId != null && !roomId.isEmpty() && !roomId.equals(token.roomId())) {
      throw new TokenException(
          TokenException.FORBIDDEN,
          "token refused: it is for room '" + token.roomId() + "', not '" + roomId + "'");
    }
    return new Admitted(ip, token.peerId(), token.roomId(), token);
  }

  /** An admitted connection from {@code ip} closed. */
  public void release(String ip) {
    openPerIp.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** One new connection from {@code ip}: a token bucket of twice the per-second rate. */
  private boolean takeJoin(String ip, long nowNanos) {
    double rate = limits.joinsPerSecondPerIp();
    double burst = 2 * rate;
    double[] bucket = joinBuckets.computeIfAbsent(ip, k -> new double[] {burst, nowNanos});
    bucket[0] = Math.min(burst, bucket[0] + (nowNanos - bucket[1]) * rate / 1e9);
    bucket[1] = nowNanos;
    if (bucket[0] < 1) {
      return false;
    }
    bucket[0]--;
    return true;
  }

  /** Forgets the buckets of addresses that are full again (called now and then). */
  void expire(long nowNanos) {
    double rate = limits.joinsPerSecondPerIp();
    joinBuckets.values().removeIf(b -> b[0] + (nowNanos - b[1]) * rate / 1e9 >= 2 * rate);
  }

  private static <T> Future<T> refuse(int code, String reason) {
    return Future.failedFuture(new Refused(code, reason));
  }
}
