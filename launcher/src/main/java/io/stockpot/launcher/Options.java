package io.stockpot.launcher;

import io.stockpot.registry.NodeConfig;
import io.stockpot.registry.NodeLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Command-line flags of {@code bin/stockpot}. Each flag {@code --some-flag} can also be set by the
 * environment variable {@code STOCKPOT_SOME_FLAG}; a flag on the command line wins.
 */
public final class Options {
  /** Flag name → (default, help). Order is the order of {@code --help}. */
  private static final Map<String, String[]> FLAGS = new LinkedHashMap<>();

  static {
    flag("http-port", "8080", "HTTP(S) port for the webroot, SockJS, protoo and /health");
    flag("http-host", "0.0.0.0", "address the HTTP server listens on");
    flag("rtc-ports", "40000-49999", "UDP port range for media; each room takes a slice");
    flag("ports-per-room", "4", "UDP ports in one room's slice");
    flag("announced-ip", "127.0.0.1", "IP address put in ICE candidates (this host's address)");
    flag(
        "rtc-listen-ip",
        "",
        "address media sockets bind to (default: 0.0.0.0, or 127.0.0.1"
            + " when --announced-ip is a loopback address)");
    flag("roles", "signaling,media", "what this node runs: signaling, media or both");
    flag("cluster", "false", "join the Hazelcast cluster described by the cluster config");
    flag("cluster-config", "", "Hazelcast XML (default: ./cluster.xml, else the bundled one)");
    flag("cluster-host", "127.0.0.1", "this host's address for Hazelcast and the event bus");
    flag("node-id", "", "this node's name in the cluster (default: host name + random suffix)");
    flag("room-close-delay", "5000", "ms an empty room stays open before it closes");
    flag(
        "ice-consent-timeout",
        "30",
        "s without a valid STUN check before a transport is closed (RFC 7675; 0: never)");
    flag("https", "false", "serve HTTPS (browsers on other hosts need a secure context)");
    flag("tls-cert", "", "PEM certificate for --https (default: a generated self-signed one)");
    flag("tls-key", "", "PEM private key for --https");
    flag("webroot", "webroot", "directory of the browser client (falls back to the bundled one)");
    flag(
        "admin-token",
        "",
        "token for /admin/, /api/ and the admin event-bus bridge"
            + " (default: a random one, logged at start)");
    flag(
        "room-auth",
        "",
        "who may join: 'token' (a signed room token, ?token=) or 'open' (anyone; demo)"
            + " (default: token once a JWT key is set, else open)");
    flag("jwt-secret", "", "shared secret (16+ characters) of HS256 room tokens");
    flag("jwt-public-key", "", "PEM public key file of RS256/ES256 room tokens");
    flag("max-peers-per-room", "100", "peers one room admits");
    flag("max-producers-per-peer", "10", "producers one peer may have at once");
    flag("max-transports-per-peer", "8", "WebRTC transports one peer may have at once");
    flag("max-rooms-per-node", "500", "rooms one media node opens");
    flag("max-connections-per-ip", "100", "signaling connections open at once from one IP");
    flag("max-joins-per-second-per-ip", "10", "new signaling connections per second from one IP");
    flag(
        "signaling-idle-timeout",
        "30000",
        "ms a signaling connection may stay silent (no message, no pong) before it is closed");
    flag(
        "min-outgoing-bitrate",
        "100000",
        "bps below which no transport's outgoing bandwidth estimate goes"
            + " (mediasoup's minimumAvailableOutgoingBitrate)");
  }

  private final Map<String, String> values;
  private String generatedToken;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  private static void flag(String name, String def, String help) {
    FLAGS.put(name, new String[] {def, help});
  }

  /** Parses flags over environment variables over defaults. */
  public static Options parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    FLAGS.forEach((name, v) -> values.put(name, v[0]));
    FLAGS
        .keySet()
        .forEach(
            name -> {
              String fromEnv =
                  env.get("STOCKPOT_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
              if (fromEnv != null) {
                values.put(name, fromEnv);
              }
            });
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "' (see --help)");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!FLAGS.containsKey(name)) {
        throw new IllegalArgumentException("unknown flag --" + name + " (see --help)");
      }
      boolean bool = "false".equals(FLAGS.get(name)[0]);
      if (value == null) {
        if (bool) {
          value = "true";
        } else if (rest.isEmpty()) {
          throw new IllegalArgumentException("--" + name + " needs a value");
        } else {
          value = rest.remove(0);
        }
      }
      values.put(name, value);
    }
    return new Options(values);
  }

  public static String help() {
    StringBuilder sb =
        new StringBuilder(
            "Usage: bin/stockpot [flags]\n\n"
                + "Starts a Stockpot node: a WebRTC SFU. With no flags, a complete single-node SFU\n"
                + "on http://127.0.0.1:8080/.\n\nFlags (each also STOCKPOT_<NAME> in the"
                + " environment):\n");
    FLAGS.forEach(
        (name, v) ->
            sb.append(
                String.format(
                    "  --%-28s %s%s%n",
                    name, v[1], v[0].isEmpty() || "false".equals(v[0]) ? "" : " [" + v[0] + "]")));
    sb.append("  --help                         this text\n");
    return sb.toString();
  }

  public String get(String name) {
    return values.get(name);
  }

  public boolean bool(String name) {
    return Boolean.parseBoolean(values.get(name));
  }

  public boolean cluster() {
    return bool("cluster");
  }

  public NodeConfig toNodeConfig() {
    List<String> roles = Arrays.stream(get("roles").split(",")).map(String::trim).toList();
    for (String role : roles) {
      if (!role.equals(NodeConfig.ROLE_SIGNALING) && !role.equals(NodeConfig.ROLE_MEDIA)) {
        throw new IllegalArgumentException("unknown role '" + role + "' in --roles");
      }
    }
    String[] range = get("rtc-ports").split("-");
    if (range.length != 2) {
      throw new IllegalArgumentException("--rtc-ports must look like 40000-49999");
    }
    String announced = get("announced-ip");
    String listen = get("rtc-listen-ip");
    if (listen.isEmpty()) {
      listen = isLoopback(announced) ? "127.0.0.1" : "0.0.0.0";
    }
    String nodeId = get("node-id");
    if (nodeId.isEmpty()) {
      nodeId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
    return new NodeConfig(
        nodeId,
        roles,
        get("http-host"),
        integer("http-port"),
        announced,
        listen,
        Integer.parseInt(range[0].trim()),
        Integer.parseInt(range[1].trim()),
        integer("ports-per-room"),
        integer("room-close-delay"),
        bool("https"),
        emptyToNull(get("tls-cert")),
        emptyToNull(get("tls-key")),
        get("webroot"),
        adminToken(),
        roomAuth(),
        emptyToNull(get("jwt-secret")),
        publicKeyPem(),
        new NodeLimits(
            positive("max-peers-per-room"),
            positive("max-producers-per-peer"),
            positive("max-transports-per-peer"),
            positive("max-rooms-per-node"),
            positive("max-connections-per-ip"),
            positive("max-joins-per-second-per-ip")),
        positive("signaling-idle-timeout"),
        integer("ice-consent-timeout"),
        positive("min-outgoing-bitrate"));
  }

  /** {@code token} or {@code open}; a configured key makes {@code token} the default. */
  private String roomAuth() {
    boolean key = !get("jwt-secret").isEmpty() || !get("jwt-public-key").isEmpty();
    if (!get("jwt-secret").isEmpty() && !get("jwt-public-key").isEmpty()) {
      throw new IllegalArgumentException("give --jwt-secret or --jwt-public-key, not both");
    }
    if (!get("jwt-secret").isEmpty() && get("jwt-secret").length() < 16) {
      throw new IllegalArgumentException("--jwt-secret must have at least 16 characters");
    }
    String mode = get("room-auth").isEmpty() ? (key ? "token" : "open") : get("room-auth");
    if (!mode.equals(NodeConfig.AUTH_TOKEN) && !mode.equals(NodeConfig.AUTH_OPEN)) {
      throw new IllegalArgumentException(
          "--room-auth must be 'token' or 'open', not '" + mode + "'");
    }
    if (mode.equals(NodeConfig.AUTH_TOKEN) && !key) {
      throw new IllegalArgumentException(
          "--room-auth token needs a key to verify tokens with:"
              + " --jwt-secret SECRET (HS256) or --jwt-public-key FILE (RS256/ES256, PEM)");
    }
    return mode;
  }

  /** The PEM text of {@code --jwt-public-key}, or null. */
  private String publicKeyPem() {
    String path = get("jwt-public-key");
    if (path.isEmpty()) {
      return null;
    }
    try {
      return Files.readString(Path.of(path));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read --jwt-public-key " + path + ": " + e, e);
    }
  }

  private int positive(String name) {
    int value = integer(name);
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + " must be at least 1, not " + value);
    }
    return value;
  }

  /** Whether the admin token was generated at start (then the node logs it once). */
  public boolean adminTokenGenerated() {
    return get("admin-token").isEmpty();
  }

  private String adminToken() {
    if (!adminTokenGenerated()) {
      return get("admin-token");
    }
    if (generatedToken == null) {
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      generatedToken = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
    return generatedToken;
  }

  private int integer(String name) {
    try {
      return Integer.parseInt(get(name).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + " must be a number, not '" + get(name) + "'");
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static boolean isLoopback(String ip) {
    return ip.startsWith("127.") || ip.equals("::1") || ip.equals("localhost");
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.\\-]", "");
    } catch (Exception e) {
      return "node";
    }
  }
}
