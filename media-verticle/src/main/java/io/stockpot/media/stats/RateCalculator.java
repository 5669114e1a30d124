package io.stockpot.media.stats;

/**
 * Bytes per second over a sliding window of fixed buckets, without allocation: the bitrate figures
 * of transports, producers and consumers.
 */
public final class RateCalculator {
  private static final int BUCKETS = 10;
  private static final long BUCKET_MS = 100;

  private final long[] bytes = new long[BUCKETS];
  private long newestBucket = Long.MIN_VALUE;

  public void add(int size, long nowMs) {
    advance(nowMs);
    bytes[(int) (newestBucket % BUCKETS)] += size;
  }

  /** Bits per second over the last second. */
  public long bitsPerSecond(long nowMs) {
    advance(nowMs);
    long total = 0;
    for (long b : bytes) {
      total += b;
    }
    return total * 8 * 1000 / (BUCKETS * BUCKET_MS);
  }

  private void advance(long nowMs) {
    long bucket = nowMs / BUCKET_MS;
    if (newestBucket == Long.MIN_VALUE || bucket - newestBucket >= BUCKETS) {
      java.util.Arrays.fill(bytes, 0);
    } else {
      for (long b = newestBucket + 1; b <= bucket; b++) {
        bytes[(int) (b % BUCKETS)] = 0;
      }
    }
    if (bucket > newestBucket || newestBucket == Long.MIN_VALUE) {
      newestBucket = bucket;
    }
  }
}
