package io.stockpot.media.bwe;

/** What the overuse detector concludes about the path's queue (draft-ietf-rmcat-gcc-02 §5.4). */
public enum BandwidthUsage {
  /** The queue neither grows nor drains. */
  NORMAL,
  /** The queue drains: delay falls. */
  UNDERUSING,
  /** The queue grows: we send more than the bottleneck carries. */
  OVERUSING
}
