package io.stockpot.media.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The whole per-packet path allocates nothing: {@link Router#receiveRtp} → RTP listener →
 * transport-wide arrival → {@link Producer#receive} (stream accounting, retransmission buffer) →
 * each {@link Consumer#forward} (copy, rewrite) → the transport's send. Measured with the JVM's
 * per-thread allocation counter after a warm-up, so one stray object per packet shows.
 */
class RouterAllocationTest {
  private static final int PACKETS = 20_000;
  private static final int CONSUMERS = 4;

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void receiveAndFanOutAllocateNothing() {
    FakeTransport in = new FakeTransport();
    FakeTransport out = new FakeTransport();
    in.keep = false;
    out.keep = false;
    Router router = new Router(new DropCounters());
    Producer producer = RouterFixture.video(in);
    router.addProducer(producer);
    for (int i = 0; i < CONSUMERS; i++) {
      router.addConsumer(RouterFixture.consumer("c" + i, producer, out));
    }
    byte[] buf = RouterFixture.vp8(0, 0, 0, true);
    int[] seq = {0};
    long[] us = {1_000_000_000L};
    Runnable packet =
        () -> {
          int s = seq[0]++ & 0xFFFF;
          buf[2] = (byte) (s >> 8);
          buf[3] = (byte) s;
          buf[12 + 7] = (byte) (s >> 8);
          buf[12 + 8] = (byte) s;
          router.receiveRtp(in, buf, 0, RouterFixture.VP8_LENGTH, us[0]);
          us[0] += 1_000;
        };
    for (int i = 0; i < PACKETS; i++) {
      packet.run();
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < PACKETS; i++) {
      packet.run();
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(2L * PACKETS * CONSUMERS, out.rtpSent, "every packet reached every consumer");
    assertEquals(0, in.drops.total() + out.drops.total());
    assertTrue(in.rtcpSent > 0, "transport-wide feedback went out when its window filled");
    // One object per packet would be at least 16 bytes x 20 000.
    assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
  }

  /**
   * The same for simulcast consumers of a three-encoding producer: packets of the encodings they do
   * not carry are passed over, and temporal layer filtering (sequence numbers and PictureIDs
   * skipped) and the VP8 descriptor rewrite allocate nothing either.
   */
  @Test
  void simulcastFanOutAllocatesNothing() {
    FakeTransport in = new FakeTransport();
    FakeTransport out = new FakeTransport();
    in.keep = false;
    out.keep = false;
    Router router = new Router(new DropCounters());
    Producer producer = SimulcastFixture.producer(in);
    router.addProducer(producer);
    for (int i = 0; i < CONSUMERS; i++) {
      SimulcastConsumer c = SimulcastFixture.consumer("c" + i, producer, out);
      router.addConsumer(c);
      c.preferredLayers(1, 1, 0); // encoding 1, TL2 frames dropped
    }
    byte[][] bufs = new byte[SimulcastFixture.ENCODINGS][];
    for (int e = 0; e < bufs.length; e++) {
      bufs[e] = new SimulcastFixture.Sender(e, 0, 0, 0, 0).frame(true, 1).get(0);
    }
    int[] frame = {0};
    Runnable frames =
        () -> {
          int f = frame[0]++;
          int tid = SimulcastFixture.PATTERN[f % SimulcastFixture.PATTERN.length];
          for (byte[] buf : bufs) {
            buf[2] = (byte) (f >> 8);
            buf[3] = (byte) f;
            long ts = f * 3000L;
            buf[4] = (byte) (ts >> 24);
            buf[5] = (byte) (ts >> 16);
            buf[6] = (byte) (ts >> 8);
            buf[7] = (byte) ts;
            int p = 12;
            buf[p + 2] = (byte) (0x80 | ((f >> 8) & 0x7F));
            buf[p + 3] = (byte) f;
            buf[p + 4] = (byte) ((f + 3) / 4);
            buf[p + 5] = (byte) ((tid << 6) | 0x20);
            buf[p + 6] = (byte) (f == 0 ? 0 : 1);
            router.receiveRtp(in, buf, 0, SimulcastFixture.LENGTH, 1_000_000_000L + f * 33_000L);
          }
        };
    for (int i = 0; i < PACKETS; i++) {
      frames.run();
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < PACKETS; i++) {
      frames.run();
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(
        2L * PACKETS * CONSUMERS / 2,
        out.rtpSent,
        "the TL0 and TL1 frames (0-2-1-2) of encoding 1");
    assertEquals(0, out.drops.total());
    assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
  }
}
