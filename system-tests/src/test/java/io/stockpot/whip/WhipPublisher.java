package io.stockpot.whip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/whip-publish} (aiortc) in a process of its own; its stdout lines are collected. Fails
 * the test, never skips it, when Debian's python3-aiortc is missing ({@code bin/test} installs it).
 */
final class WhipPublisher implements AutoCloseable {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final Path SCRIPT = Path.of("..", "bin", "whip-publish");

  private final Process process;
  private final List<String> lines = new ArrayList<>();

  /** Reads stdout until the process exits (end of stream): then every line is in. */
  private final Thread reader;

  private WhipPublisher(Process process) {
    this.process = process;
    reader =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                      System.out.println("[whip-publish] " + line);
                      synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                      }
                    }
                  } catch (IOException e) {
                    // The process ended.
                  }
                });
    reader.setName("whip-publish-reader");
  }

  static WhipPublisher start(String url, String token) throws IOException {
    if (!Files.isExecutable(PYTHON)) {
      throw new IllegalStateException("/usr/bin/python3 missing: apt-get install python3-aiortc");
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                PYTHON.toString(),
                SCRIPT.toString(),
                "--url",
                url,
                "--seconds",
                "300",
                "--local-address",
                "127.0.0.1"));
    if (token != null) {
      cmd.addAll(List.of("--token", token));
    }
    return new WhipPublisher(new ProcessBuilder(cmd).redirectErrorStream(true).start());
  }

  /**
   * Waits for a line starting with {@code prefix}; returns it, or fails with what was printed once
   * the output ended (the process exited) or the timeout passed.
   */
  String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      while (true) {
        for (String l : lines) {
          if (l.startsWith(prefix)) {
            return l;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !reader.isAlive()) {
          throw new AssertionError("whip-publish printed no '" + prefix + "' line: " + lines);
        }
        lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
      }
    }
  }

  /** SIGTERM: the script DELETEs its session, then exits. */
  void stop(Duration timeout) throws InterruptedException {
    // Through the handle: Process.destroy() also closes our end of its stdout, losing what it
    // prints while it ends.
    process.toHandle().destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
    }
  }

  /** SIGKILL: the publisher vanishes without a DELETE, as a crashed encoder or a lost host does. */
  void kill(Duration timeout) throws InterruptedException {
    process.toHandle().destroyForcibly();
    process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
