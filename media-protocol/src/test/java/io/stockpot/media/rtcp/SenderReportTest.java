package io.stockpot.media.rtcp;

import static io.stockpot.media.rtp.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SenderReportTest {
  /** SR from SSRC 0x11223344 with one block about 0xAABBCCDD; cumulative lost is -3. */
  static final byte[] SR_ONE_BLOCK =
      hex(
          """
          81 c8 00 0c 11 22 33 44
          e8 00 00 01 80 00 00 00 00 01 e2 40 00 00 00 64 00 00 27 10
          aa bb cc dd 40 ff ff fd 00 01 00 05 00 00 00 20 00 01 80 00 00 00 80 00
          """);

  private final SenderReport sr = new SenderReport();
  private final ReportBlock block = new ReportBlock();

  @Test
  void readsSenderInfoAndBlocks() {
    assertTrue(sr.read(SR_ONE_BLOCK, 0, SR_ONE_BLOCK.length));
    assertEquals(0x11223344L, sr.ssrc());
    assertEquals(0xE8000001L, sr.ntpMsw());
    assertEquals(0x80000000L, sr.ntpLsw());
    assertEquals(0x00018000L, sr.compactNtp());
    assertEquals(123456, sr.rtpTimestamp());
    assertEquals(100, sr.packetCount());
    assertEquals(10000, sr.octetCount());
    assertEquals(1, sr.reportCount());
    assertTrue(sr.reportBlock(0, block));
    assertFalse(sr.reportBlock(1, block));
    assertEquals(0xAABBCCDDL, block.ssrc());
    assertEquals(0x40, block.fractionLost());
    assertEquals(-3, block.cumulativeLost());
    assertEquals(0x10005, block.extendedHighestSeq());
    assertEquals(32, block.jitter());
    assertEquals(0x18000, block.lastSr());
    assertEquals(0x8000, block.delaySinceLastSr());
  }

  @Test
  void writesWhatItReads() {
    ReportBlock[] blocks = {
      new ReportBlock().set(0xAABBCCDDL, 0x40, -3, 0x10005, 32, 0x18000, 0x8000)
    };
    byte[] out = new byte[64];
    int len =
        SenderReport.write(
            out, 2, 0x11223344L, 0xE8000001L, 0x80000000L, 123456, 100, 10000, blocks, 1);
    assertEquals(SR_ONE_BLOCK.length, len);
    assertArrayEquals(SR_ONE_BLOCK, Arrays.copyOfRange(out, 2, 2 + len));
    assertEquals(-1, SenderReport.write(new byte[40], 0, 1, 2, 3, 4, 5, 6, blocks, 1));
  }

  @Test
  void rejectsBlocksPastTheEndAndOtherTypes() {
    byte[] lying = SR_ONE_BLOCK.clone();
    lying[0] = (byte) 0x82; // claims two blocks
    assertFalse(sr.read(lying, 0, lying.length));
    byte[] rr = SR_ONE_BLOCK.clone();
    rr[1] = (byte) RtcpHeader.RR;
    assertFalse(sr.read(rr, 0, rr.length));
    assertFalse(sr.read(SR_ONE_BLOCK, 0, SR_ONE_BLOCK.length - 4));
    assertEquals(-1, sr.ssrc());
  }

  @Test
  void cumulativeLostIsClampedTo24Bits() {
    byte[] out = new byte[24];
    new ReportBlock().set(1, 0, -10_000_000, 0, 0, 0, 0).write(out, 0);
    assertTrue(block.read(out, 0, 24));
    assertEquals(-0x800000, block.cumulativeLost());
    new ReportBlock().set(1, 0, 10_000_000, 0, 0, 0, 0).write(out, 0);
    assertTrue(block.read(out, 0, 24));
    assertEquals(0x7FFFFF, block.cumulativeLost());
    assertFalse(block.read(out, 1, 24));
  }
}
