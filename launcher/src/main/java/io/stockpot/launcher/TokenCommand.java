package io.stockpot.launcher;

import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.auth.RoomTokens;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/stockpot-admin token --room R --peer P [--name N] [--ttl 1h] [--grants
 * publish,subscribe]}: mints a room token without any cluster. The key comes from {@code
 * --jwt-secret} (HS256) or {@code --jwt-private-key FILE} (RS256/ES256, PKCS#8 PEM), or from {@code
 * STOCKPOT_JWT_SECRET} / {@code STOCKPOT_JWT_PRIVATE_KEY}, as the node reads its key.
 */
final class TokenCommand {
  static final String USAGE =
      "usage: stockpot-admin token --room ROOM --peer PEER [--name NAME] [--ttl 1h]"
          + " [--grants publish,subscribe,admin] (--jwt-secret SECRET | --jwt-private-key FILE)";

  private TokenCommand() {}

  /** Mints the token these arguments (after {@code token}) ask for. */
  static String mint(String[] args, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("'" + arg + "' needs a value\n" + USAGE);
      }
      String name = arg.substring(2);
      if (!Set.of("room", "peer", "name", "ttl", "grants", "jwt-secret", "jwt-private-key")
          .contains(name)) {
        throw new IllegalArgumentException("unknown flag " + arg + "\n" + USAGE);
      }
      flags.put(name, args[++i]);
    }
    for (String name : new String[] {"jwt-secret", "jwt-private-key"}) {
      String fromEnv = env.get("STOCKPOT_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (!flags.containsKey(name) && fromEnv != null && !fromEnv.isEmpty()) {
        flags.put(name, fromEnv);
      }
    }
    if (!flags.containsKey("room") || !flags.containsKey("peer")) {
      throw new IllegalArgumentException("--room and --peer are required\n" + USAGE);
    }
    long ttl = seconds(flags.getOrDefault("ttl", "1h"));
    Set<String> grants = RoomToken.grants(flags.get("grants"));
    Vertx vertx = Vertx.vertx();
    try {
      return minter(vertx, flags)
          .mint(flags.get("room"), flags.get("peer"), flags.get("name"), grants, ttl);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS);
    }
  }

  private static RoomTokens minter(Vertx vertx, Map<String, String> flags) {
    String secret = flags.get("jwt-secret");
    String keyFile = flags.get("jwt-private-key");
    if (secret != null && keyFile != null) {
      throw new IllegalArgumentException("give --jwt-secret or --jwt-private-key, not both");
    }
    if (secret != null) {
      return RoomTokens.hs256(vertx, secret);
    }
    if (keyFile == null) {
      throw new IllegalArgumentException(
          "no key: --jwt-secret SECRET (HS256) or --jwt-private-key FILE (RS256/ES256)");
    }
    try {
      return RoomTokens.privateKey(vertx, Files.readString(Path.of(keyFile)));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --jwt-private-key " + keyFile + ": " + e, e);
    }
  }

  /** A lifetime: seconds, or a number with s, m, h or d. */
  static long seconds(String ttl) {
    String t = ttl.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (!t.isEmpty() && "smhd".indexOf(t.charAt(t.length() - 1)) >= 0) {
      unit =
          switch (t.charAt(t.length() - 1)) {
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            default -> 1;
          };
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Long.parseLong(t) * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--ttl must look like 3600, 90s, 30m, 1h or 7d", e);
    }
  }
}
