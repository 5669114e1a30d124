package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.stockpot.peer.JavaPeer;
import io.stockpot.peer.PeerOptions;
import io.stockpot.testkit.HalfDtlsPeer;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 200 join → produce → leave cycles of Java peers against one in-process node, four at a time,
 * every fifth one a peer that vanishes after its DTLS ClientHello. Afterwards the node holds what
 * it held before: no room, no peer, every UDP socket and port slice back, no extra platform thread,
 * no DTLS handshake thread left, and the heap after GC where it was (within 20 %).
 */
class ChurnTest {
  private static final int CYCLES = 200;
  private static final int PARALLEL = 4;
  private Node node;

  @BeforeEach
  void start() {
    // 200 cycles from one address: raise the per-address limits, as any load test from one host
    // must.
    node =
        TestNode.start(
            "churn-test",
            "45780-45819",
            "--room-close-delay",
            "300",
            "--max-connections-per-ip",
            "1000",
            "--max-joins-per-second-per-ip",
            "1000");
  }

  @AfterEach
  void stop() {
    Waits.await(node.stop());
  }

  /** What the node holds; read once the room has had time to close. */
  private record Figures(
      int rooms, int freeSlices, long udpSockets, int threads, long dtlsThreads, long heap) {}

  private Figures figures() throws Exception {
    Waits.until(
        "every room to close",
        Duration.ofSeconds(60),
        () -> Waits.await(node.status()).getJsonArray("rooms").isEmpty());
    JsonObject status = Waits.await(node.status());
    long heap = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return new Figures(
        status.getJsonArray("rooms").size(),
        status.getInteger("freePortSlices"),
        udpSockets(),
        ManagementFactory.getThreadMXBean().getThreadCount(),
        dtlsThreads(),
        heap);
  }

  /** UDP sockets open in this network namespace (the test's own process holds them all). */
  private static long udpSockets() throws Exception {
    long n = 0;
    for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
      Path p = Path.of(table);
      if (Files.exists(p)) {
        n += Files.readAllLines(p).size() - 1;
      }
    }
    return n;
  }

  /** Threads, virtual ones included, that are inside a DTLS handshake or association. */
  private static long dtlsThreads() throws Exception {
    Path dump = Files.createTempFile("threads", ".json");
    Files.delete(dump);
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
    String text = Files.readString(dump);
    Files.delete(dump);
    JsonObject root = new JsonObject(text);
    long n = 0;
    for (Object c : root.getJsonObject("threadDump").getJsonArray("threadContainers")) {
      for (Object t : ((JsonObject) c).getJsonArray("threads")) {
        if (((JsonObject) t).getJsonArray("stack").encode().contains("io.stockpot.media.dtls")) {
          n++;
        }
      }
    }
    return n;
  }

  private void cycle(int i) throws Exception {
    String id = "p" + i;
    if (i % 5 == 4) {
      HalfDtlsPeer.joinAndVanish(node.vertx(), node.httpPort(), "churn", id);
      return;
    }
    JavaPeer peer =
        Waits.await(
            JavaPeer.connect(
                node.vertx(),
                "127.0.0.1",
                node.httpPort(),
                "churn",
                id,
                PeerOptions.defaults().withConsume(i % 2 == 0)),
            Duration.ofSeconds(60));
    try {
      Waits.await(peer.produceAudio(), Duration.ofSeconds(60));
      peer.transports().get(0).mediaReady().get(60, TimeUnit.SECONDS);
    } finally {
      Waits.await(peer.close(), Duration.ofSeconds(60));
    }
  }

  private void churn(int from, int to) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = from; i < to; i++) {
        int n = i;
        runs.add(
            pool.submit(
                () -> {
                  cycle(n);
                  return null;
                }));
      }
      for (Future<?> f : runs) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoHundredCyclesLeaveNothingBehind() throws Exception {
    churn(0, 10); // warm-up: classes, pools and caches the node keeps for good
    Figures before = figures();
    long started = System.nanoTime();
    churn(10, 10 + CYCLES);
    long churnMs = (System.nanoTime() - started) / 1_000_000;
    Figures after = figures();
    System.out.printf(
        "churn: %d cycles in %d ms%n  before %s%n  after  %s (heap %+.1f %%)%n",
        CYCLES, churnMs, before, after, 100.0 * (after.heap() - before.heap()) / before.heap());
    assertEquals(0, after.rooms());
    assertEquals(before.freeSlices(), after.freeSlices());
    assertEquals(before.udpSockets(), after.udpSockets());
    assertEquals(0, after.dtlsThreads(), "DTLS threads left: " + after);
    assertTrue(after.threads() <= before.threads() + 2, "threads " + before + " → " + after);
    assertTrue(after.heap() <= before.heap() * 1.2, "heap " + before + " → " + after);
  }
}
