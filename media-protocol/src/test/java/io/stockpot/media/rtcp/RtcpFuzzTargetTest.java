package io.stockpot.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stockpot.media.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the compound RTCP walk (RFC 3550 §6.1) and every packet view: SR/RR
 * (§6.4), SDES (§6.5), BYE (§6.6), PLI/FIR (RFC 4585 §6.3.1, RFC 5104 §4.3.1), generic NACK (RFC
 * 4585 §6.2.1), REMB and transport-wide CC feedback. Each packet a view reads is written again with
 * its builder and reads back with the same fields. Transport-CC has its own target: {@link
 * TransportCcFuzzTargetTest}.
 */
class RtcpFuzzTargetTest {
  private final RtcpCompound compound = new RtcpCompound();
  private final SenderReport sr = new SenderReport();
  private final ReceiverReport rr = new ReceiverReport();
  private final Sdes sdes = new Sdes();
  private final Bye bye = new Bye();
  private final Pli pli = new Pli();
  private final Fir fir = new Fir();
  private final Nack nack = new Nack();
  private final Remb remb = new Remb();
  private final TransportCc tcc = new TransportCc();
  private final byte[] out = new byte[4096];

  @FuzzTest
  void compound(byte[] data) {
    compound.reset(data, 0, data.length);
    int end = 0;
    while (compound.next()) {
      int at = compound.packetOffset();
      int size = compound.packetLength();
      assertEquals(end, at, "packets follow each other");
      assertTrue(size >= RtcpHeader.HEADER_LENGTH && at + size <= data.length);
      end = at + size;
      readAndRewrite(data, at, size);
    }
    assertTrue(compound.isMalformed() || end == data.length, "a clean walk covers the datagram");
    readAndRewrite(data, 0, data.length); // the views alone, without the walk's checks
  }

  private void readAndRewrite(byte[] buf, int off, int len) {
    if (sr.read(buf, off, len)) {
      ReportBlock[] blocks = blocks(sr);
      int n =
          SenderReport.write(
              out,
              0,
              sr.ssrc(),
              sr.ntpMsw(),
              sr.ntpLsw(),
              sr.rtpTimestamp(),
              sr.packetCount(),
              sr.octetCount(),
              blocks,
              blocks.length);
      SenderReport again = new SenderReport();
      assertTrue(again.read(out, 0, n));
      assertEquals(sr.compactNtp(), again.compactNtp());
      assertEquals(sr.rtpTimestamp(), again.rtpTimestamp());
      assertEquals(sr.packetCount(), again.packetCount());
      assertEquals(sr.octetCount(), again.octetCount());
      assertSameReports(sr, again);
    }
    if (rr.read(buf, off, len)) {
      ReportBlock[] blocks = blocks(rr);
      int n = ReceiverReport.write(out, 0, rr.ssrc(), blocks, blocks.length);
      ReceiverReport again = new ReceiverReport();
      assertTrue(again.read(out, 0, n));
      assertSameReports(rr, again);
    }
    if (sdes.read(buf, off, len) && sdes.hasCname()) {
      byte[] cname = sdes.cname().getBytes(StandardCharsets.UTF_8);
      if (cname.length <= 255) { // undecodable bytes come back as U+FFFD, three bytes each
        int n = Sdes.writeCname(out, 0, sdes.cnameSsrc(), cname);
        Sdes again = new Sdes();
        assertTrue(again.read(out, 0, n));
        assertEquals(sdes.cnameSsrc(), again.cnameSsrc());
        assertEquals(sdes.cname(), again.cname());
      }
    }
    if (bye.read(buf, off, len)) {
      rewriteBye();
    }
    if (pli.read(buf, off, len)) {
      Pli again = new Pli();
      assertTrue(again.read(out, 0, Pli.write(out, 0, pli.senderSsrc(), pli.mediaSsrc())));
      assertEquals(pli.senderSsrc(), again.senderSsrc());
      assertEquals(pli.mediaSsrc(), again.mediaSsrc());
    }
    if (fir.read(buf, off, len) && fir.entryCount() > 0) {
      int n = Fir.write(out, 0, fir.senderSsrc(), fir.entrySsrc(0), fir.entrySeqNr(0));
      Fir again = new Fir();
      assertTrue(again.read(out, 0, n));
      assertEquals(fir.senderSsrc(), again.senderSsrc());
      assertEquals(fir.entrySsrc(0), again.entrySsrc(0));
      assertEquals(fir.entrySeqNr(0), again.entrySeqNr(0));
    }
    if (nack.read(buf, off, len) && nack.entryCount() > 0) {
      rewriteNack();
    }
    if (remb.read(buf, off, len) && remb.bitrate() != Long.MAX_VALUE) {
      long[] ssrcs = new long[remb.ssrcCount()];
      Arrays.setAll(ssrcs, remb::ssrc);
      int n = Remb.write(out, 0, remb.senderSsrc(), remb.bitrate(), ssrcs, ssrcs.length);
      Remb again = new Remb();
      assertTrue(again.read(out, 0, n));
      assertEquals(remb.bitrate(), again.bitrate());
      for (int i = 0; i < ssrcs.length; i++) {
        assertEquals(ssrcs[i], again.ssrc(i));
      }
    }
    if (tcc.read(buf, off, len)) {
      int entries = 0;
      while (tcc.nextEntry()) {
        tcc.entryArrivalUs();
        entries++;
      }
      assertEquals(tcc.packetStatusCount(), entries);
    }
  }

  private static ReportBlock[] blocks(ReportPacket packet) {
    ReportBlock[] blocks = new ReportBlock[packet.reportCount()];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = new ReportBlock();
      assertTrue(packet.reportBlock(i, blocks[i]));
    }
    return blocks;
  }

  private static void assertSameReports(ReportPacket a, ReportPacket b) {
    assertEquals(a.ssrc(), b.ssrc());
    assertEquals(a.reportCount(), b.reportCount());
    ReportBlock x = new ReportBlock();
    ReportBlock y = new ReportBlock();
    for (int i = 0; i < a.reportCount(); i++) {
      assertTrue(a.reportBlock(i, x) && b.reportBlock(i, y));
      assertEquals(x.ssrc(), y.ssrc());
      assertEquals(x.fractionLost(), y.fractionLost());
      assertEquals(x.cumulativeLost(), y.cumulativeLost());
      assertEquals(x.extendedHighestSeq(), y.extendedHighestSeq());
      assertEquals(x.jitter(), y.jitter());
      assertEquals(x.lastSr(), y.lastSr());
      assertEquals(x.delaySinceLastSr(), y.delaySinceLastSr());
    }
  }

  private void rewriteBye() {
    long[] ssrcs = new long[bye.ssrcCount()];
    Arrays.setAll(ssrcs, bye::ssrc);
    String reason = bye.reason();
    byte[] bytes = reason == null ? null : reason.getBytes(StandardCharsets.UTF_8);
    if (bytes != null && bytes.length > 255) {
      return; // undecodable bytes came back as U+FFFD, three bytes each: too long to write
    }
    Bye again = new Bye();
    assertTrue(again.read(out, 0, Bye.write(out, 0, ssrcs, ssrcs.length, bytes)));
    assertEquals(ssrcs.length, again.ssrcCount());
    for (int i = 0; i < ssrcs.length; i++) {
      assertEquals(ssrcs[i], again.ssrc(i));
    }
    assertEquals(reason, again.reason());
  }

  /** The numbers a NACK names survive being packed again (as a set: entries may overlap). */
  private void rewriteNack() {
    int[] lost = new int[17 * nack.entryCount()];
    int count = nack.lostSequenceNumbers(lost);
    int n = Nack.write(out, 0, nack.senderSsrc(), nack.mediaSsrc(), lost, count);
    if (n < 0) {
      assertTrue(Feedback.HEADER_LENGTH + 4 * count > out.length, "only a too-long NACK fails");
      return;
    }
    Nack again = new Nack();
    assertTrue(again.read(out, 0, n));
    assertEquals(nack.senderSsrc(), again.senderSsrc());
    assertEquals(nack.mediaSsrc(), again.mediaSsrc());
    int[] relost = new int[17 * again.entryCount()];
    int recount = again.lostSequenceNumbers(relost);
    assertEquals(set(lost, count), set(relost, recount));
  }

  private static TreeSet<Integer> set(int[] values, int count) {
    TreeSet<Integer> set = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      set.add(values[i]);
    }
    return set;
  }

  /** Seeds: the packets of the views' own tests and Chrome's feedback from the RFC tests. */
  @Test
  void seedsAreTheVectors() {
    FuzzSeeds.assertSeeds(
        RtcpFuzzTargetTest.class,
        "compound",
        Map.of(
            "sr-one-block", SenderReportTest.SR_ONE_BLOCK,
            "sdes-cname", SdesTest.CNAME_ABCD,
            "pli", PliTest.PLI,
            "chrome-tcc-run-length", RtcpRfcTest.CHROME_RUN_LENGTH,
            "chrome-tcc-two-chunk-types", RtcpRfcTest.CHROME_TWO_CHUNK_TYPES,
            "compound-sr-sdes", concat(SenderReportTest.SR_ONE_BLOCK, SdesTest.CNAME_ABCD)));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
