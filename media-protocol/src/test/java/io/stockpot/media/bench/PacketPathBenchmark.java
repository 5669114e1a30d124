package io.stockpot.media.bench;

import io.stockpot.media.rtcp.TransportCc;
import io.stockpot.media.rtcp.TransportCcBuilder;
import io.stockpot.media.rtp.RtpExtensions;
import io.stockpot.media.rtp.RtpPacket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-packet cost of the forwarding rewrite (read, remap extension ids, set transport-wide seq,
 * rewrite seq and SSRC) and of building and parsing transport-wide CC feedback for 100 packets. Run
 * with the test classpath: {@code java -cp ... org.openjdk.jmh.Main PacketPathBenchmark -f 1 -wi 2
 * -i 3 -w 1 -r 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketPathBenchmark {
  private final byte[] buf = new byte[1500];
  private final byte[] idMap = new byte[256];
  private final RtpPacket packet = new RtpPacket();
  private final TransportCcBuilder builder = new TransportCcBuilder(1200);
  private final TransportCc feedback = new TransportCc();
  private final byte[] fbBuf = new byte[1500];
  private int len;
  private int seq;
  private long clock;

  @Setup
  public void setup() {
    RtpPacket.writeHeader(buf, 0, false, 96, 1, 2, 3);
    buf[0] |= 0x10;
    byte[] ext = {(byte) 0xBE, (byte) 0xDE, 0, 3, 0x10, 'a', 0x31, 0, 1, 0x22, 1, 2, 3, 0, 0, 0};
    System.arraycopy(ext, 0, buf, 12, ext.length);
    len = 12 + ext.length + 1000;
    // A swap, so remapping in place every iteration alternates between two valid states.
    int[][] pairs = {{1, 4}, {3, 5}, {2, 6}};
    for (int[] p : pairs) {
      idMap[p[0]] = (byte) p[1];
      idMap[p[1]] = (byte) p[0];
    }
  }

  @Benchmark
  public long forwardRtp() {
    packet.read(buf, 0, len);
    packet.remapExtensionIds(idMap);
    if (!RtpExtensions.setTransportSequenceNumber(packet, 5, seq)) {
      RtpExtensions.setTransportSequenceNumber(packet, 3, seq);
    }
    seq++;
    packet.setSequenceNumber(seq);
    packet.setSsrc(1234);
    return packet.ssrc();
  }

  @Benchmark
  public int transportCcHundredPackets() {
    for (int i = 0; i < 100; i++) {
      clock += 300 + (i * 7919) % 5000;
      builder.add(seq++, clock);
    }
    int n = builder.write(fbBuf, 0);
    int received = 0;
    if (feedback.read(fbBuf, 0, n)) {
      while (feedback.nextEntry()) {
        received += feedback.entryReceived() ? 1 : 0;
      }
    }
    return received;
  }
}
