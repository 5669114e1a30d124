package io.stockpot.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.rtp.RtpExtensions;
import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.rtp.RtxPacket;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-packet paths allocate nothing: measured with the JVM's per-thread allocation counter over
 * many iterations, after a warm-up, so a single stray allocation per packet shows.
 */
class HotPathAllocationTest {
  private static final int ITERATIONS = 20_000;

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void rtpForwardingPath() {
    byte[] buf = new byte[1500];
    byte[] rtx = new byte[1500];
    RtpPacket.writeHeader(buf, 0, true, 96, 1, 2, 3);
    buf[0] |= 0x10;
    byte[] ext = {(byte) 0xBE, (byte) 0xDE, 0, 2, 0x11, 0x12, 0x34, 0x22, 1, 2, 3, 0};
    System.arraycopy(ext, 0, buf, 12, ext.length);
    int len = 12 + ext.length + 100;
    byte[] idMap = new byte[256];
    for (int i = 1; i < 15; i++) {
      idMap[i] = (byte) i;
    }
    RtpPacket packet = new RtpPacket();
    RtpPacket other = new RtpPacket();
    Runnable forward =
        () -> {
          packet.read(buf, 0, len);
          packet.remapExtensionIds(idMap);
          RtpExtensions.setTransportSequenceNumber(packet, 1, packet.sequenceNumber());
          RtpExtensions.absSendTime(packet, 2);
          packet.setSequenceNumber(packet.sequenceNumber() + 1);
          packet.setSsrc(packet.ssrc() + 1);
          int n = RtxPacket.encapsulate(packet, rtx, 0, 97, 5, 6);
          other.read(rtx, 0, n);
          RtxPacket.decapsulate(other, rtx, 0, 96, 3);
        };
    assertNoAllocation(forward);
  }

  @Test
  void rtcpParsingAndFeedbackBuilding() {
    byte[] compoundBuf = new byte[1500];
    int pos = SenderReport.write(compoundBuf, 0, 1, 2, 3, 4, 5, 6, new ReportBlock[0], 0);
    pos += Nack.write(compoundBuf, pos, 1, 2, new int[] {1, 2, 9, 40}, 4);
    pos += Pli.write(compoundBuf, pos, 1, 2);
    int total = pos;
    RtcpCompound compound = new RtcpCompound();
    SenderReport sr = new SenderReport();
    Nack nack = new Nack();
    Pli pli = new Pli();
    TransportCc tcc = new TransportCc();
    TransportCcBuilder builder = new TransportCcBuilder(1200);
    byte[] fbBuf = new byte[1500];
    int[] lost = new int[64];
    long[] clock = {0};
    int[] seq = {0};
    Runnable work =
        () -> {
          compound.reset(compoundBuf, 0, total);
          while (compound.next()) {
            int at = compound.packetOffset();
            int size = compound.packetLength();
            if (sr.read(compoundBuf, at, size)) {
              sr.ntpMsw();
            } else if (nack.read(compoundBuf, at, size)) {
              nack.lostSequenceNumbers(lost);
            } else {
              pli.read(compoundBuf, at, size);
            }
          }
          for (int i = 0; i < 10; i++) {
            clock[0] += 700 + (i * 997) % 3000;
            seq[0] += i == 5 ? 2 : 1;
            builder.add(seq[0], clock[0]);
          }
          int n = builder.write(fbBuf, 0);
          tcc.read(fbBuf, 0, n);
          while (tcc.nextEntry()) {
            tcc.entryArrivalUs();
          }
        };
    assertNoAllocation(work);
  }

  private void assertNoAllocation(Runnable work) {
    for (int i = 0; i < ITERATIONS; i++) {
      work.run();
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < ITERATIONS; i++) {
      work.run();
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // A few hundred bytes of slack for the counter itself; one object per iteration would be
    // at least 16 bytes x 20 000.
    assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
  }
}
