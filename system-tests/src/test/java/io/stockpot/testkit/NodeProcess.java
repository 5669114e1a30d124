package io.stockpot.testkit;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Stockpot node in its own JVM, started from the test classpath, as {@code bin/stockpot} would.
 */
public final class NodeProcess implements AutoCloseable {
  /** The JVM flags Hazelcast and Netty want (the same as the runnable jar's). */
  private static final List<String> JVM_FLAGS =
      List.of(
          "--add-modules",
          "java.se",
          "--add-exports",
          "java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.lang=ALL-UNNAMED",
          "--add-opens",
          "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens",
          "java.management/sun.management=ALL-UNNAMED",
          "--add-opens",
          "jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--enable-native-access=ALL-UNNAMED",
          "-Xmx512m");

  /** How long {@link #health()} keeps asking a live node that does not answer. */
  private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(30);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int httpPort;
  private final Path log;
  private final long startedNanos = System.nanoTime();
  private long readyMillis = -1;

  private NodeProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  /** Starts {@code io.stockpot.launcher.Main} with these flags; logs go to {@code log}. */
  public static NodeProcess start(int httpPort, Path log, String... flags) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(JVM_FLAGS);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.stockpot.launcher.Main");
    cmd.add("--http-port");
    cmd.add(String.valueOf(httpPort));
    cmd.add("--http-host");
    cmd.add("127.0.0.1");
    cmd.addAll(List.of(flags));
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .start();
    return new NodeProcess(p, httpPort, log);
  }

  /** Waits until {@code /health} answers 200 and the node sees {@code members} cluster members. */
  public NodeProcess awaitHealthy(int members, Duration timeout) {
    Waits.until(
        "node on port " + httpPort + " healthy with " + members + " members (log: " + log + ")",
        timeout,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError("node died; see " + log + ":\n" + tail());
          }
          JsonObject h = healthOrNull();
          return h != null && h.getInteger("clusterMembers", 0) >= members;
        });
    if (readyMillis < 0) {
      readyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    }
    return this;
  }

  /** Milliseconds from process start to the first healthy answer. */
  public long readyMillis() {
    return readyMillis;
  }

  /**
   * The node's {@code /health}. A node on a loaded machine may miss one request's timeout, so this
   * asks again for up to {@link #HEALTH_DEADLINE} before it fails; a dead node fails then.
   */
  public JsonObject health() {
    long deadline = System.nanoTime() + HEALTH_DEADLINE.toNanos();
    JsonObject h;
    while ((h = healthOrNull()) == null) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "no /health from port " + httpPort + (process.isAlive() ? "" : " (process exited)"));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while asking port " + httpPort + " for /health", e);
      }
    }
    return h;
  }

  private JsonObject healthOrNull() {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  public int httpPort() {
    return httpPort;
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** kill -9. */
  public void kill() {
    process.destroyForcibly();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
