package io.stockpot.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Untrusted RTCP never makes the compound walk or any packet view throw. */
class RtcpFuzzTest {
  private final Random random = new Random(0xC0FFEE);
  private final RtcpCompound compound = new RtcpCompound();
  private final SenderReport sr = new SenderReport();
  private final ReceiverReport rr = new ReceiverReport();
  private final ReportBlock block = new ReportBlock();
  private final Sdes sdes = new Sdes();
  private final Bye bye = new Bye();
  private final Pli pli = new Pli();
  private final Fir fir = new Fir();
  private final Nack nack = new Nack();
  private final Remb remb = new Remb();
  private final TransportCc tcc = new TransportCc();
  private final int[] lost = new int[64];
  private final List<byte[]> vectors = new ArrayList<>();

  RtcpFuzzTest() {
    vectors.add(SenderReportTest.SR_ONE_BLOCK);
    vectors.add(SdesTest.CNAME_ABCD);
    vectors.add(PliTest.PLI);
    vectors.add(RtcpRfcTest.CHROME_RUN_LENGTH);
    vectors.add(RtcpRfcTest.CHROME_TWO_CHUNK_TYPES);
    byte[] out = new byte[256];
    vectors.add(copy(out, ReceiverReport.write(out, 0, 1, new ReportBlock[] {block}, 1)));
    vectors.add(
        copy(out, Bye.write(out, 0, new long[] {1, 2}, 2, "x".getBytes(StandardCharsets.UTF_8))));
    vectors.add(copy(out, Fir.write(out, 0, 1, 2, 3)));
    vectors.add(copy(out, Nack.write(out, 0, 1, 2, new int[] {1, 3, 40}, 3)));
    vectors.add(copy(out, Remb.write(out, 0, 1, 300_000, new long[] {4, 5}, 2)));
    TransportCcBuilder builder = new TransportCcBuilder(200);
    for (int i = 0; i < 40; i++) {
      builder.add(i * 2, i * 70_000L);
    }
    vectors.add(copy(out, builder.write(out, 0)));
  }

  private static byte[] copy(byte[] out, int len) {
    assertTrue(len > 0);
    return Arrays.copyOf(out, len);
  }

  @Test
  void randomBytes() {
    for (int i = 0; i < 30_000; i++) {
      byte[] buf = new byte[random.nextInt(100)];
      random.nextBytes(buf);
      if (buf.length > 1 && random.nextBoolean()) {
        buf[0] = (byte) (0x80 | (buf[0] & 0x3F));
        buf[1] = (byte) (200 + random.nextInt(8));
      }
      int off = buf.length == 0 ? 0 : random.nextInt(buf.length);
      exercise(buf, off, buf.length - off);
    }
  }

  @Test
  void truncations() {
    for (byte[] vector : vectors) {
      for (int len = 0; len <= vector.length; len++) {
        exercise(vector, 0, len);
      }
    }
  }

  @Test
  void mutationsAndLyingLengths() {
    for (int i = 0; i < 50_000; i++) {
      byte[] v = vectors.get(random.nextInt(vectors.size()));
      byte[] buf = v.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        buf[random.nextInt(buf.length)] ^= (byte) (1 << random.nextInt(8));
      }
      if (random.nextBoolean()) {
        buf[2] = (byte) random.nextInt(256);
        buf[3] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0 && buf.length > 16) {
        buf[14 + random.nextInt(2)] = (byte) random.nextInt(256); // e.g. the status count
      }
      exercise(buf, 0, buf.length);
    }
  }

  @Test
  void compoundsOfMutatedPackets() {
    byte[] buf = new byte[600];
    for (int i = 0; i < 5_000; i++) {
      int pos = 0;
      while (true) {
        byte[] v = vectors.get(random.nextInt(vectors.size()));
        if (pos + v.length > buf.length) {
          break;
        }
        System.arraycopy(v, 0, buf, pos, v.length);
        pos += v.length;
      }
      buf[random.nextInt(pos)] ^= (byte) (1 << random.nextInt(8));
      exercise(buf, 0, pos);
    }
  }

  @Test
  void badArgumentsReadFalse() {
    assertFalse(sr.read(null, 0, 28));
    assertFalse(rr.read(new byte[8], 4, 8));
    assertFalse(tcc.read(new byte[8], -1, 8));
    assertFalse(nack.read(new byte[8], Integer.MAX_VALUE, 8));
  }

  private void exercise(byte[] buf, int off, int len) {
    compound.reset(buf, off, len);
    while (compound.next()) {
      int at = compound.packetOffset();
      int size = compound.packetLength();
      assertTrue(at >= off && at + size <= off + len);
      readAll(buf, at, size);
    }
    readAll(buf, off, len); // the views alone, without the walk's checks
  }

  private void readAll(byte[] buf, int off, int len) {
    if (sr.read(buf, off, len)) {
      for (int i = -1; i <= sr.reportCount(); i++) {
        sr.reportBlock(i, block);
      }
      sr.compactNtp();
      sr.octetCount();
    }
    if (rr.read(buf, off, len)) {
      for (int i = -1; i <= rr.reportCount(); i++) {
        rr.reportBlock(i, block);
      }
    }
    if (sdes.read(buf, off, len)) {
      sdes.cname();
    }
    if (bye.read(buf, off, len)) {
      bye.reason();
      bye.ssrc(bye.ssrcCount());
      bye.ssrc(0);
    }
    pli.read(buf, off, len);
    pli.mediaSsrc();
    if (fir.read(buf, off, len)) {
      fir.entrySeqNr(0);
      fir.entrySsrc(fir.entryCount() - 1);
    }
    if (nack.read(buf, off, len)) {
      nack.lostSequenceNumbers(lost);
    }
    if (remb.read(buf, off, len)) {
      remb.bitrate();
      remb.ssrc(remb.ssrcCount() - 1);
    }
    if (tcc.read(buf, off, len)) {
      int n = 0;
      while (tcc.nextEntry()) {
        tcc.entryArrivalUs();
        n++;
      }
      assertTrue(n == tcc.packetStatusCount());
    }
  }
}
