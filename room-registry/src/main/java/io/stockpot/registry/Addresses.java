package io.stockpot.registry;

/**
 * Every event-bus address Stockpot uses. Addresses are few and long-lived on purpose: each
 * clustered consumer is a write into Hazelcast's subscription map.
 */
public final class Addresses {
  private static final String PREFIX = "stockpot.";

  /**
   * Media nodes publish a snapshot of their rooms, peers, streams and counters here every second;
   * the admin dashboard and the {@code stockpot_*} metrics read it.
   */
  public static final String MEDIA_STATS = PREFIX + "stats.media";

  /**
   * Every node publishes who it is (roles, host, uptime, CPU, heap) and its event-bus traffic here
   * every second, for the admin dashboard.
   */
  public static final String NODE_STATS = PREFIX + "stats.node";

  /** Admin commands from the dashboard (close a room, kick a peer, drain a node); local only. */
  public static final String ADMIN_COMMANDS = PREFIX + "admin.commands";

  private Addresses() {}

  /** A room verticle's request address; the event bus routes it to whichever node hosts it. */
  public static String room(String roomId) {
    return PREFIX + "room." + roomId;
  }

  /** A media node's control address: open rooms, report status. */
  public static String mediaNode(String nodeId) {
    return PREFIX + "media." + nodeId;
  }

  /** A signaling node's push address: rooms send notifications and requests for its peers here. */
  public static String signalingNode(String nodeId) {
    return PREFIX + "signaling." + nodeId;
  }

  /** A node's local status address (never clustered): what {@code GET /health} reports. */
  public static String nodeStatus(String nodeId) {
    return PREFIX + "status." + nodeId;
  }

  /**
   * A node's local membership address (never clustered): the launcher publishes here a {@code
   * {nodeId, roles}} for every Stockpot node that leaves the cluster.
   */
  public static String membership() {
    return PREFIX + "membership";
  }
}
