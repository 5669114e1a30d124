package io.stockpot.media.router;

/**
 * Packets dropped, by {@link DropReason}: one preallocated {@code long[]}, so counting costs no
 * allocation on the packet path. A transport's counters roll up into its room's ({@code parent}),
 * which keeps counting after the transport closes. Single-threaded (the room's event loop).
 */
public final class DropCounters {
  private static final DropReason[] REASONS = DropReason.values();

  private final long[] counts = new long[REASONS.length];
  private final DropCounters parent;

  /** Counters that also count into {@code parent} (null: none). */
  public DropCounters(DropCounters parent) {
    this.parent = parent;
  }

  public DropCounters() {
    this(null);
  }

  // The reason's ordinal is the dense index into the preallocated array: that is the point.
  @SuppressWarnings("EnumOrdinal")
  public void count(DropReason reason) {
    counts[reason.ordinal()]++;
    if (parent != null) {
      parent.counts[reason.ordinal()]++;
    }
  }

  @SuppressWarnings("EnumOrdinal")
  public long get(DropReason reason) {
    return counts[reason.ordinal()];
  }

  /** Every drop counted here, whatever the reason. */
  public long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  /** Every reason in path order. */
  public static DropReason[] reasons() {
    return REASONS.clone();
  }
}
