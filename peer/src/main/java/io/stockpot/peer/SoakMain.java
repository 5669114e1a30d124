package io.stockpot.peer;

import io.stockpot.media.dtls.DtlsCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The soak run behind {@code bin/soak}: N Java peers in one room of a running node (each sends
 * audio and video and receives everyone else's) for a given time; every interval it samples the
 * node's live heap after a full GC ({@code jcmd <pid> GC.class_histogram}'s total), its open file
 * descriptors ({@code /proc/<pid>/fd}) and the loss the receivers saw, prints one table row, and
 * ends with a verdict: heap flat within 5 %, file descriptors flat, no added loss.
 *
 * <pre>
 * java -cp stockpot.jar io.stockpot.peer.SoakMain --port 18600 --pid 1234 \
 *     [--minutes 30] [--peers 6] [--interval-seconds 60] [--video-bps 300000]
 * </pre>
 *
 * Exits 0 when the verdict is good, 1 when it is not, 2 on bad arguments.
 */
public final class SoakMain {
  private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");

  private SoakMain() {}

  /** One sample: minute, heap after GC (KiB), open fds, loss over the interval (fraction). */
  record Sample(double minute, long heapKib, long fds, long received, long lost) {
    double loss() {
      return received + lost == 0 ? 0 : (double) lost / (received + lost);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a;
    try {
      a = PeerMain.parse(args);
      if (!a.containsKey("pid")) {
        throw new IllegalArgumentException("--pid of the node is required");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("SoakMain: " + e.getMessage());
      System.exit(2);
      return;
    }
    String host = a.getOrDefault("host", "127.0.0.1");
    int port = Integer.parseInt(a.getOrDefault("port", "18600"));
    long pid = Long.parseLong(a.get("pid"));
    double minutes = Double.parseDouble(a.getOrDefault("minutes", "30"));
    int peers = Integer.parseInt(a.getOrDefault("peers", "6"));
    int interval = Integer.parseInt(a.getOrDefault("interval-seconds", "60"));
    int videoBps = Integer.parseInt(a.getOrDefault("video-bps", "300000"));

    Vertx vertx = Vertx.vertx();
    MediaLoop loop = new MediaLoop("soak-peers");
    DtlsCertificate certificate = DtlsCertificate.generate();
    List<JavaPeer> started = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    int exit;
    try {
      for (int i = 0; i < peers; i++) {
        PeerOptions options =
            PeerOptions.defaults().withConsume(true).withLoop(loop).withCertificate(certificate);
        JavaPeer peer = JavaPeer.connect(vertx, host, port, "soak", "soak-" + i, options).await();
        peer.produceAudio().await();
        peer.produceVideo(videoBps).await();
        started.add(peer);
      }
      System.out.printf(
          "soak: %d peers (audio + %d bit/s video each, everyone receives everyone), %.1f min,"
              + " node pid %d%n",
          peers, videoBps, minutes, pid);
      System.out.println(" minute | heap after GC (MiB) |  fds | packets received | lost | loss");
      long start = System.nanoTime();
      long[] last = totals(started);
      while ((System.nanoTime() - start) / 60e9 < minutes) {
        Thread.sleep(interval * 1000L);
        long[] now = totals(started);
        Sample s =
            new Sample(
                (System.nanoTime() - start) / 60e9,
                heapAfterGc(pid),
                fds(pid),
                now[0] - last[0],
                now[1] - last[1]);
        last = now;
        samples.add(s);
        System.out.printf(
            " %6.1f | %19.1f | %4d | %16d | %4d | %.3f %%%n",
            s.minute(), s.heapKib() / 1024.0, s.fds(), s.received(), s.lost(), 100 * s.loss());
      }
      exit = verdict(samples) ? 0 : 1;
    } catch (Exception e) {
      System.err.println("SoakMain: " + e);
      exit = 1;
    } finally {
      Future.join(started.stream().map(JavaPeer::close).toList()).await();
      loop.close();
      vertx.close().await();
    }
    System.exit(exit);
  }

  /** Received and lost packets over every consumer stream of every peer. */
  private static long[] totals(List<JavaPeer> peers) {
    long received = 0;
    long lost = 0;
    for (JavaPeer p : peers) {
      for (TransportStats t : p.stats().transports()) {
        for (TransportStats.ReceivedStreamStats r : t.received()) {
          received += r.packets();
          lost += r.lost();
        }
      }
    }
    return new long[] {received, lost};
  }

  /**
   * Compares the last samples with the first: the first interval is the warm-up (JIT, pools), so
   * the baseline is the second sample when there are at least three.
   */
  static boolean verdict(List<Sample> samples) {
    if (samples.size() < 2) {
      System.out.println("verdict: too short (need at least two samples)");
      return false;
    }
    Sample base = samples.get(samples.size() >= 3 ? 1 : 0);
    Sample end = samples.get(samples.size() - 1);
    long endHeap = Math.min(end.heapKib(), samples.get(samples.size() - 2).heapKib());
    double heapChange = (double) (endHeap - base.heapKib()) / base.heapKib();
    boolean heapFlat = heapChange <= 0.05;
    boolean fdsFlat = end.fds() <= base.fds();
    boolean noAddedLoss = end.loss() <= base.loss() + 0.001;
    System.out.printf(
        "verdict: heap %+.1f %% (%s), fds %d → %d (%s), loss %.3f %% → %.3f %% (%s): %s%n",
        100 * heapChange,
        heapFlat ? "flat" : "GROWS",
        base.fds(),
        end.fds(),
        fdsFlat ? "flat" : "GROW",
        100 * base.loss(),
        100 * end.loss(),
        noAddedLoss ? "no added loss" : "MORE LOSS",
        heapFlat && fdsFlat && noAddedLoss ? "PASS" : "FAIL");
    return heapFlat && fdsFlat && noAddedLoss;
  }

  /**
   * The node's live heap in KiB: the total of {@code jcmd <pid> GC.class_histogram}, which walks
   * the heap right after its own full GC. (Reading {@code GC.heap_info} after a separate {@code
   * GC.run} also counted what the node allocated between the two commands, several MiB at this
   * load, and made a flat heap look like it grew.)
   */
  private static long heapAfterGc(long pid) throws IOException, InterruptedException {
    Matcher m = HISTOGRAM_TOTAL.matcher(jcmd(pid, "GC.class_histogram"));
    return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private static long fds(long pid) throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return s.count();
    }
  }
}
