package io.stockpot.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceNumbersTest {
  @Test
  void newerAcrossTheWrap() {
    assertTrue(SequenceNumbers.isNewer(1, 0));
    assertFalse(SequenceNumbers.isNewer(0, 1));
    assertTrue(SequenceNumbers.isNewer(0, 65535));
    assertTrue(SequenceNumbers.isNewer(5, 65530));
    assertFalse(SequenceNumbers.isNewer(65530, 5));
    assertFalse(SequenceNumbers.isNewer(7, 7));
    assertTrue(SequenceNumbers.isNewerOrEqual(7, 7));
    // Exactly half apart: only one of the two is newer.
    assertTrue(SequenceNumbers.isNewer(0x8000, 0) ^ SequenceNumbers.isNewer(0, 0x8000));
    assertEquals(-2, SequenceNumbers.diff(65534, 0));
    assertEquals(2, SequenceNumbers.diff(0, 65534));
    assertEquals(1, SequenceNumbers.add(65535, 2));
  }

  @Test
  void unwrapsForwardAndBackwardAcrossCycles() {
    SeqUnwrapper unwrapper = new SeqUnwrapper();
    assertEquals(-1, unwrapper.highest());
    assertEquals(65534, unwrapper.unwrap(65534));
    assertEquals(65535, unwrapper.unwrap(65535));
    assertEquals(65536, unwrapper.unwrap(0));
    assertEquals(65535, unwrapper.unwrap(65535)); // late packet from the previous cycle
    assertEquals(65536 + 10, unwrapper.unwrap(10));
    assertEquals(65546, unwrapper.highest());
    assertEquals(65536 + 5, unwrapper.peek(5));
    // Many cycles.
    long expected = 65546;
    int seq = 10;
    for (int i = 0; i < 10_000; i++) {
      seq = (seq + 1000) & 0xFFFF;
      expected += 1000;
      assertEquals(expected, unwrapper.unwrap(seq));
    }
    unwrapper.reset();
    assertEquals(3, unwrapper.unwrap(3));
    assertEquals(-2, unwrapper.unwrap(65534)); // before the first number
  }
}
