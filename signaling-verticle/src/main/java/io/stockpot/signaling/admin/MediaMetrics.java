package io.stockpot.signaling.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockpot.registry.StatsFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code stockpot_*} metrics, fed from the media nodes' one-second snapshots and labelled with
 * {@code node}. Gauges show the latest snapshot. Counters add up the positive steps of each room's
 * totals between snapshots: a room's totals drop when a transport closes, and a counter must never
 * go down. {@code stockpot_drops_total{node, reason}} adds up each room's {@code drops} (packets
 * dropped by reason, in the media node's path order) the same way.
 */
final class MediaMetrics {
  /** A node's meters go away when it has not reported for this long. */
  static final long NODE_TTL_MS = 10_000;

  /** Snapshot total → counter name (Prometheus adds {@code _total}) and help. */
  static final String[][] COUNTERS = {
    {StatsFields.PACKETS_IN, "stockpot.packets.in", "RTP and RTCP packets received from peers"},
    {StatsFields.PACKETS_OUT, "stockpot.packets.out", "RTP and RTCP packets sent to peers"},
    {StatsFields.BYTES_IN, "stockpot.bytes.in", "UDP payload bytes received on media transports"},
    {StatsFields.BYTES_OUT, "stockpot.bytes.out", "UDP payload bytes sent on media transports"},
    {
      StatsFields.RETRANSMISSIONS,
      "stockpot.retransmissions",
      "RTP packets resent to consumers (NACK)"
    },
    {
      StatsFields.SRTP_FAILURES,
      "stockpot.srtp.failures",
      "SRTP/SRTCP packets refused (auth, replay, other)"
    },
    {StatsFields.STUN_FAILURES, "stockpot.stun.failures", "STUN messages rejected by ICE"},
    {StatsFields.DTLS_HANDSHAKES, "stockpot.dtls.handshakes", "DTLS handshakes completed"},
  };

  /** Snapshot field → gauge name and help. */
  static final String[][] GAUGES = {
    {StatsFields.ROOMS, "stockpot.rooms", "rooms open on the media node"},
    {StatsFields.PEERS, "stockpot.peers", "joined peers in the node's rooms"},
    {StatsFields.PRODUCERS, "stockpot.producers", "producers in the node's rooms"},
    {StatsFields.CONSUMERS, "stockpot.consumers", "consumers in the node's rooms"},
    {
      StatsFields.BITRATE_IN,
      "stockpot.node.received.bitrate",
      "bits per second received from producers"
    },
    {
      StatsFields.BITRATE_OUT,
      "stockpot.node.forwarded.bitrate",
      "bits per second forwarded to consumers"
    },
  };

  private final class NodeMeters {
    final List<Meter> meters = new ArrayList<>();
    final Map<String, AtomicLong> gauges = new HashMap<>();
    final Map<String, Counter> counters = new HashMap<>();
    final Map<String, JsonObject> lastTotals = new HashMap<>();
    final Map<String, JsonObject> lastDrops = new HashMap<>();
    final Map<String, Counter> drops = new HashMap<>();
    final String nodeId;
    long seenAt;

    NodeMeters(String nodeId) {
      this.nodeId = nodeId;
      for (String[] g : GAUGES) {
        AtomicLong value = new AtomicLong();
        gauges.put(g[0], value);
        meters.add(
            Gauge.builder(g[1], value, AtomicLong::doubleValue)
                .description(g[2])
                .tag("node", nodeId)
                .register(registry));
      }
      for (String[] c : COUNTERS) {
        Counter counter =
            Counter.builder(c[1]).description(c[2]).tag("node", nodeId).register(registry);
        counters.put(c[0], counter);
        meters.add(counter);
      }
    }
  }

  private final MeterRegistry registry;
  private final Map<String, NodeMeters> nodes = new HashMap<>();

  MediaMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One media node's snapshot ({@code MediaNodeVerticle}'s status). */
  synchronized void onSnapshot(JsonObject status, long nowMs) {
    String nodeId = status.getString(StatsFields.NODE_ID);
    if (nodeId == null) {
      return;
    }
    NodeMeters node = nodes.computeIfAbsent(nodeId, NodeMeters::new);
    node.seenAt = nowMs;
    JsonArray rooms = status.getJsonArray(StatsFields.ROOMS, new JsonArray());
    long[] sums = new long[GAUGES.length];
    Map<String, JsonObject> totals = new HashMap<>();
    Map<String, JsonObject> drops = new HashMap<>();
    for (Object o : rooms) {
      JsonObject room = (JsonObject) o;
      sums[0]++;
      sums[1] += room.getJsonArray(StatsFields.PEERS, new JsonArray()).size();
      for (int i = 2; i < GAUGES.length; i++) {
        sums[i] += room.getLong(GAUGES[i][0], 0L);
      }
      JsonObject now = room.getJsonObject(StatsFields.TOTALS, new JsonObject());
      JsonObject before = node.lastTotals.get(room.getString(StatsFields.ROOM_ID));
      for (String[] c : COUNTERS) {
        long step = now.getLong(c[0], 0L) - (before == null ? 0L : before.getLong(c[0], 0L));
        if (step > 0) {
          node.counters.get(c[0]).increment(step);
        }
      }
      totals.put(room.getString(StatsFields.ROOM_ID), now);
      JsonObject dropsNow = room.getJsonObject(StatsFields.DROPS, new JsonObject());
      JsonObject dropsBefore = node.lastDrops.get(room.getString(StatsFields.ROOM_ID));
      for (String reason : dropsNow.fieldNames()) {
        long step =
            dropsNow.getLong(reason, 0L)
                - (dropsBefore == null ? 0L : dropsBefore.getLong(reason, 0L));
        if (step > 0) {
          dropCounter(node, reason).increment(step);
        }
      }
      drops.put(room.getString(StatsFields.ROOM_ID), dropsNow);
    }
    node.lastTotals.clear();
    node.lastTotals.putAll(totals);
    node.lastDrops.clear();
    node.lastDrops.putAll(drops);
    for (int i = 0; i < GAUGES.length; i++) {
      node.gauges.get(GAUGES[i][0]).set(sums[i]);
    }
  }

  private Counter dropCounter(NodeMeters node, String reason) {
    return node.drops.computeIfAbsent(
        reason,
        r -> {
          Counter c =
              Counter.builder("stockpot.drops")
                  .description("packets dropped on the media path, by reason")
                  .tag("node", node.nodeId)
                  .tag("reason", r)
                  .register(registry);
          node.meters.add(c);
          return c;
        });
  }

  /** Forgets nodes that stopped reporting, so their series end. */
  synchronized void expire(long nowMs) {
    nodes
        .values()
        .removeIf(
            n -> {
              if (nowMs - n.seenAt <= NODE_TTL_MS) {
                return false;
              }
              n.meters.forEach(registry::remove);
              return true;
            });
  }
}
