package io.stockpot.media.udp;

import java.util.BitSet;

/**
 * Splits a node's RTC port range into equal slices, one per room, so that no two rooms share a
 * port. Owned by the media node verticle's event loop.
 */
public final class PortAllocator {
  private final int min;
  private final int sliceSize;
  private final int slices;
  private final BitSet used;

  public PortAllocator(int min, int max, int sliceSize) {
    if (min <= 0 || max > 65535 || max < min || sliceSize <= 0) {
      throw new IllegalArgumentException(
          "bad RTC port range " + min + "-" + max + " / slice " + sliceSize);
    }
    this.min = min;
    this.sliceSize = sliceSize;
    this.slices = (max - min + 1) / sliceSize;
    if (slices == 0) {
      throw new IllegalArgumentException(
          "RTC port range " + min + "-" + max + " is smaller than one room's " + sliceSize);
    }
    this.used = new BitSet(slices);
  }

  /** Returns the first port of a free slice, or -1 when every slice is taken. */
  public int allocate() {
    int slice = used.nextClearBit(0);
    if (slice >= slices) {
      return -1;
    }
    used.set(slice);
    return min + slice * sliceSize;
  }

  /** Marks a slice unusable (a port in it could not be bound) without handing it out again. */
  public void quarantine(int firstPort) {
    used.set((firstPort - min) / sliceSize);
  }

  public void release(int firstPort) {
    used.clear((firstPort - min) / sliceSize);
  }

  public int sliceSize() {
    return sliceSize;
  }

  public int free() {
    return slices - used.cardinality();
  }
}
