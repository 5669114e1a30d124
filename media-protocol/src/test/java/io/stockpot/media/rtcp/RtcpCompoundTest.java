package io.stockpot.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RtcpCompoundTest {
  private final RtcpCompound compound = new RtcpCompound();

  /** RR + SDES + PLI + NACK, written back to back behind a 3-byte prefix. */
  private byte[] compound(int[] ends) {
    byte[] buf = new byte[200];
    int pos = 3;
    pos += ReceiverReport.write(buf, pos, 1, new ReportBlock[0], 0);
    ends[0] = pos;
    pos += Sdes.writeCname(buf, pos, 1, "cname".getBytes(StandardCharsets.US_ASCII));
    ends[1] = pos;
    pos += Pli.write(buf, pos, 1, 2);
    ends[2] = pos;
    pos += Nack.write(buf, pos, 1, 2, new int[] {5}, 1);
    ends[3] = pos;
    return buf;
  }

  @Test
  void walksEveryPacket() {
    int[] ends = new int[4];
    byte[] buf = compound(ends);
    assertTrue(compound.reset(buf, 3, ends[3] - 3));
    int[] types = {RtcpHeader.RR, RtcpHeader.SDES, RtcpHeader.PSFB, RtcpHeader.RTPFB};
    int[] counts = {0, 1, Pli.FMT, Nack.FMT};
    int start = 3;
    for (int i = 0; i < 4; i++) {
      assertTrue(compound.next());
      assertEquals(types[i], compound.packetType());
      assertEquals(counts[i], compound.count());
      assertEquals(start, compound.packetOffset());
      assertEquals(ends[i] - start, compound.packetLength());
      start = ends[i];
    }
    assertFalse(compound.next());
    assertFalse(compound.isMalformed());
    assertEquals(-1, compound.packetType());
    Sdes sdes = new Sdes();
    compound.reset(buf, 3, ends[3] - 3);
    compound.next();
    compound.next();
    assertTrue(sdes.read(buf, compound.packetOffset(), compound.packetLength()));
    assertEquals("cname", sdes.cname());
  }

  @Test
  void stopsAtALyingLength() {
    int[] ends = new int[4];
    byte[] buf = compound(ends);
    buf[ends[1] + 3] = 40; // the PLI claims 164 bytes
    compound.reset(buf, 3, ends[3] - 3);
    assertTrue(compound.next());
    assertTrue(compound.next());
    assertFalse(compound.next());
    assertTrue(compound.isMalformed());
    assertFalse(compound.next());
  }

  @Test
  void stopsAtATrailingFragmentOrWrongVersion() {
    int[] ends = new int[4];
    byte[] buf = compound(ends);
    compound.reset(buf, 3, ends[3] - 3 + 2);
    for (int i = 0; i < 4; i++) {
      assertTrue(compound.next());
    }
    assertFalse(compound.next());
    assertTrue(compound.isMalformed());

    buf[ends[0]] = 0x41;
    compound.reset(buf, 3, ends[3] - 3);
    assertTrue(compound.next());
    assertFalse(compound.next());
    assertTrue(compound.isMalformed());
  }

  @Test
  void badArguments() {
    assertFalse(compound.reset(null, 0, 4));
    assertFalse(compound.next());
    assertFalse(compound.reset(new byte[4], 2, 4));
    assertTrue(compound.reset(new byte[4], 0, 0));
    assertFalse(compound.next());
    assertFalse(compound.isMalformed());
  }
}
