package io.stockpot.media.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The packets kept for NACKs: found by sequence number across its wrap, gone when overwritten or
 * old.
 */
class RetransmissionBufferTest {
  private final RetransmissionBuffer buffer = new RetransmissionBuffer();
  private final byte[] packet = new byte[200];

  @Test
  void findsAcrossTheSequenceWrap() {
    for (int seq = 65_530; seq < 65_530 + 12; seq++) {
      packet[0] = (byte) seq;
      buffer.store(seq & 0xFFFF, packet, 0, 100, 1_000);
    }
    int slot = buffer.find(2, 1_500);
    assertTrue(slot >= 0);
    assertEquals((byte) 65_538, buffer.data(slot)[0]);
    assertEquals(100, buffer.length(slot));
    assertTrue(buffer.find(65_535, 1_500) >= 0);
  }

  @Test
  void aSlotReusedByANewerPacketNoLongerAnswersTheOldOne() {
    buffer.store(7, packet, 0, 100, 1_000);
    buffer.store(7 + RetransmissionBuffer.SLOTS, packet, 0, 100, 1_001);
    assertEquals(-1, buffer.find(7, 1_002));
    assertTrue(buffer.find(7 + RetransmissionBuffer.SLOTS, 1_002) >= 0);
  }

  @Test
  void packetsOlderThanTwoSecondsAreNotResent() {
    buffer.store(9, packet, 0, 100, 1_000);
    assertTrue(buffer.find(9, 3_000) >= 0);
    assertEquals(-1, buffer.find(9, 3_001));
  }

  @Test
  void oversizedPacketsAreNotKept() {
    buffer.store(11, new byte[1600], 0, 1600, 1_000);
    assertEquals(-1, buffer.find(11, 1_000));
  }
}
