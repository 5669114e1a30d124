package io.stockpot.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NackTest {
  private final Nack nack = new Nack();
  private final int[] lost = new int[64];

  @Test
  void packsSeqsIntoPidAndBitmask() {
    int[] seqs = {100, 101, 105, 116, 117, 200};
    byte[] out = new byte[64];
    int len = Nack.write(out, 0, 1, 2, seqs, seqs.length);
    assertEquals(12 + 3 * 4, len);
    assertTrue(nack.read(out, 0, len));
    assertEquals(3, nack.entryCount());
    assertEquals(100, nack.pid(0));
    assertEquals((1 << 0) | (1 << 4) | (1 << 15), nack.blp(0)); // 101, 105, 116
    assertEquals(117, nack.pid(1));
    assertEquals(0, nack.blp(1));
    assertEquals(200, nack.pid(2));
    int n = nack.lostSequenceNumbers(lost);
    assertArrayEquals(seqs, Arrays.copyOf(lost, n));
    assertEquals(2, nack.mediaSsrc());
  }

  @Test
  void bitmaskSpansTheWrap() {
    int[] seqs = {65534, 65535, 0, 3};
    byte[] out = new byte[64];
    int len = Nack.write(out, 0, 1, 2, seqs, seqs.length);
    assertEquals(16, len);
    assertTrue(nack.read(out, 0, len));
    assertEquals(65534, nack.pid(0));
    assertEquals(0b10011, nack.blp(0));
    int n = nack.lostSequenceNumbers(lost);
    assertArrayEquals(seqs, Arrays.copyOf(lost, n));
  }

  @Test
  void stopsAtTheOutputArrayAndRefusesWhatDoesNotFit() {
    int[] seqs = new int[17];
    for (int i = 0; i < seqs.length; i++) {
      seqs[i] = 1000 + i;
    }
    byte[] out = new byte[16];
    assertEquals(16, Nack.write(out, 0, 1, 2, seqs, seqs.length));
    assertTrue(nack.read(out, 0, 16));
    assertEquals(0xFFFF, nack.blp(0));
    assertEquals(5, nack.lostSequenceNumbers(new int[5]));
    assertEquals(17, nack.lostSequenceNumbers(lost));
    assertEquals(-1, Nack.write(out, 0, 1, 2, new int[] {1, 100}, 2));
    assertEquals(-1, Nack.write(out, 0, 1, 2, seqs, 0));
  }
}
