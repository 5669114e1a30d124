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
}
