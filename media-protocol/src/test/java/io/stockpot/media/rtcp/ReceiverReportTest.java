package io.stockpot.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReceiverReportTest {
  private final ReceiverReport rr = new ReceiverReport();
  private final ReportBlock block = new ReportBlock();

  @Test
  void roundTripWithTwoBlocks() {
    ReportBlock[] blocks = {
      new ReportBlock().set(7, 12, 100, 0x2_0010, 45, 0x1234_5678L, 65536),
      new ReportBlock().set(0xFFFF_FFFFL, 255, 0, 0xFFFF_FFFFL, 0, 0, 0)
    };
    byte[] out = new byte[100];
    int len = ReceiverReport.write(out, 0, 0xDEADBEEFL, blocks, 2);
    assertEquals(8 + 48, len);
    assertEquals(0x82, out[0] & 0xFF);
    assertEquals(201, out[1] & 0xFF);
    assertEquals(len / 4 - 1, out[3]);
    assertTrue(rr.read(out, 0, len));
    assertEquals(0xDEADBEEFL, rr.ssrc());
    assertEquals(2, rr.reportCount());
    assertTrue(rr.reportBlock(0, block));
    assertEquals(7, block.ssrc());
    assertEquals(12, block.fractionLost());
    assertEquals(100, block.cumulativeLost());
    assertEquals(0x2_0010, block.extendedHighestSeq());
    assertEquals(45, block.jitter());
    assertEquals(0x1234_5678L, block.lastSr());
    assertEquals(65536, block.delaySinceLastSr());
    assertTrue(rr.reportBlock(1, block));
    assertEquals(0xFFFF_FFFFL, block.ssrc());
    assertEquals(255, block.fractionLost());
    assertEquals(0xFFFF_FFFFL, block.extendedHighestSeq());
  }

  @Test
  void emptyRrAndTruncation() {
    byte[] out = new byte[8];
    assertEquals(8, ReceiverReport.write(out, 0, 5, new ReportBlock[0], 0));
    assertTrue(rr.read(out, 0, 8));
    assertEquals(0, rr.reportCount());
    assertFalse(rr.reportBlock(0, block));
    assertFalse(rr.read(out, 0, 7));
    assertEquals(-1, ReceiverReport.write(out, 1, 5, new ReportBlock[0], 0));
  }
}
