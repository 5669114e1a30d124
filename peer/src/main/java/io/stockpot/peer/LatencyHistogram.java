package io.stockpot.peer;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in 10 µs buckets up to 200 ms (the last bucket holds everything slower), lock-free for
 * the media loops that record and the thread that reads percentiles.
 */
public final class LatencyHistogram {
  /** What every peer of this JVM records into: test video packets' SFU transit times. */
  public static final LatencyHistogram SHARED = new LatencyHistogram();

  private static final long BUCKET_NANOS = 10_000;
  private static final int BUCKETS = 20_000;
  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  public void record(long nanos) {
    int b = (int) Math.min(BUCKETS - 1, Math.max(0, nanos / BUCKET_NANOS));
    counts.incrementAndGet(b);
  }

  public void reset() {
    for (int i = 0; i < BUCKETS; i++) {
      counts.set(i, 0);
    }
  }

  public long count() {
    long n = 0;
    for (int i = 0; i < BUCKETS; i++) {
      n += counts.get(i);
    }
    return n;
  }

  /** The latency under which {@code p} (0..1) of the samples fall, in microseconds. */
  public double percentileMicros(double p) {
    long total = count();
    if (total == 0) {
      return Double.NaN;
    }
    long target = (long) Math.ceil(total * p);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= target) {
        return (i + 1) * BUCKET_NANOS / 1000.0;
      }
    }
    return BUCKETS * BUCKET_NANOS / 1000.0;
  }
}
