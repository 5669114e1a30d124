package io.stockpot.media.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** How one transport's estimate is shared among its simulcast consumers. */
class LayerAllocationTest {
  private static final long[] LAYERS = {100_000, 300_000, 900_000};

  /** No allocation before: raises need no margin. */
  private static final int[] NO_LAST = {Integer.MAX_VALUE, Integer.MAX_VALUE};

  @Test
  void aRaiseAboveTheLastLayerNeedsTheMarginButKeepingItDoesNot() {
    // 950 kbit/s: 100 + 200 + 600 fit exactly, a raise needs 600 + 25 % on top.
    assertArrayEquals(
        new int[] {2}, LayerAllocation.layers(950_000, costs(1), new int[] {2}, new int[] {2}));
    assertArrayEquals(
        new int[] {1}, LayerAllocation.layers(950_000, costs(1), new int[] {2}, new int[] {1}));
    assertArrayEquals(
        new int[] {2}, LayerAllocation.layers(1_050_000, costs(1), new int[] {2}, new int[] {1}));
  }

  @Test
  void everyoneGetsTheTopLayerWhenItFits() {
    assertArrayEquals(
        new int[] {2, 2}, LayerAllocation.layers(2_000_000, costs(2), new int[] {2, 2}, NO_LAST));
  }

  @Test
  void stepsAreSharedRoundByRoundNotGreedily() {
    // 1 Mbit/s: both get layer 1 (2 x 300k); a greedy pass would give the first one 900k and the
    // second 100k.
    assertArrayEquals(
        new int[] {1, 1}, LayerAllocation.layers(1_000_000, costs(2), new int[] {2, 2}, NO_LAST));
    // 1.2 Mbit/s: the first one's next step (600k) fits after both are at layer 1.
    assertArrayEquals(
        new int[] {2, 1}, LayerAllocation.layers(1_200_000, costs(2), new int[] {2, 2}, NO_LAST));
  }

  @Test
  void aCeilingIsNeverPassed() {
    assertArrayEquals(
        new int[] {0, 2}, LayerAllocation.layers(5_000_000, costs(2), new int[] {0, 2}, NO_LAST));
  }

  @Test
  void theLowestLayerIsKeptWhenNothingFits() {
    assertArrayEquals(
        new int[] {0, 0}, LayerAllocation.layers(50_000, costs(2), new int[] {2, 2}, NO_LAST));
    assertArrayEquals(new int[] {0}, LayerAllocation.layers(-1, costs(1), new int[] {2}, NO_LAST));
  }

  private static long[][] costs(int consumers) {
    long[][] c = new long[consumers][];
    for (int i = 0; i < consumers; i++) {
      c[i] = LAYERS.clone();
    }
    return c;
  }
}
