package io.stockpot.media.stats;

import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time and heap bytes allocated so far by the calling thread: on a room's event loop, the
 * per-packet cost figures that benchmarks divide by packet counts.
 */
public final class ThreadUsage {
  private ThreadUsage() {}

  public static JsonObject current() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    JsonObject usage = new JsonObject().put("thread", Thread.currentThread().getName());
    if (mx.isCurrentThreadCpuTimeSupported()) {
      usage.put("cpuNanos", mx.getCurrentThreadCpuTime());
    }
    if (mx instanceof com.sun.management.ThreadMXBean sun
        && sun.isThreadAllocatedMemorySupported()) {
      usage.put("allocatedBytes", sun.getCurrentThreadAllocatedBytes());
    }
    return usage;
  }
}
