package io.stockpot.launcher;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts this node's event-bus messages per address family ({@code stockpot.room.*}, replies, …)
 * with interceptors, and turns the counts into rates when asked for a snapshot. Interceptors run on
 * whichever thread sends or delivers, so counting is a {@link LongAdder} increment and nothing
 * more; the snapshot timer does the arithmetic.
 */
final class EventBusTraffic {
  /** Address kinds whose last segment is an id: collapsed into one family each. */
  private static final String[] ID_KINDS = {
    "stockpot.room.", "stockpot.media.", "stockpot.signaling.", "stockpot.status."
  };

  private record Counts(LongAdder in, LongAdder out) {}

  private final Map<String, Counts> counts = new ConcurrentHashMap<>();
  private final Map<String, long[]> last = new TreeMap<>();
  private long lastSnapshotMs = System.currentTimeMillis();

  void install(EventBus eventBus) {
    eventBus.addOutboundInterceptor(
        ctx -> {
          counts(ctx.message().address()).out.increment();
          ctx.next();
        });
    eventBus.addInboundInterceptor(
        ctx -> {
          counts(ctx.message().address()).in.increment();
          ctx.next();
        });
  }

  private Counts counts(String address) {
    return counts.computeIfAbsent(
        family(address), f -> new Counts(new LongAdder(), new LongAdder()));
  }

  /** The family an address belongs to: few distinct values, whatever the number of rooms. */
  static String family(String address) {
    if (address == null) {
      return "other";
    }
    for (String kind : ID_KINDS) {
      if (address.startsWith(kind)) {
        return kind + "*";
      }
    }
    if (address.startsWith("stockpot.")) {
      return address.length() > 64 ? "stockpot.other" : address;
    }
    if (address.startsWith("__vertx.reply") || address.chars().allMatch(Character::isDigit)) {
      return "replies";
    }
    return "other";
  }

  /**
   * Messages per second in and out per family since the previous snapshot, and the totals: {@code
   * {family: {inRate, outRate, in, out}}}. Called from one timer only.
   */
  synchronized JsonObject snapshot(long nowMs) {
    double seconds = Math.max(0.001, (nowMs - lastSnapshotMs) / 1000.0);
    lastSnapshotMs = nowMs;
    JsonObject families = new JsonObject();
    new TreeMap<>(counts)
        .forEach(
            (family, c) -> {
              long in = c.in.sum();
              long out = c.out.sum();
              long[] prev = last.computeIfAbsent(family, f -> new long[2]);
              families.put(
                  family,
                  new JsonObject()
                      .put("inRate", Math.round((in - prev[0]) / seconds * 10) / 10.0)
                      .put("outRate", Math.round((out - prev[1]) / seconds * 10) / 10.0)
                      .put("in", in)
                      .put("out", out));
              prev[0] = in;
              prev[1] = out;
            });
    return families;
  }
}
