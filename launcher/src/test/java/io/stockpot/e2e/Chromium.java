package io.stockpot.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium with a fake camera and microphone, driven over DevTools.
 *
 * <p>Browser tests must exercise a real browser, so a missing Chromium is a failure, never a skip.
 * The executable is {@code $STOCKPOT_CHROMIUM} or {@code /usr/bin/chromium}. Each instance gets a
 * fresh profile directory, removed again by {@link #close()}.
 */
public final class Chromium implements AutoCloseable {

  public static final String EXECUTABLE_ENV = "STOCKPOT_CHROMIUM";
  public static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final int STDERR_LINES_KEPT = 200;

  private final Process process;
  private final Path profileDir;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final CdpConnection cdp;
  private final Deque<String> stderrTail;

  private Chromium(
      Process process,
      Path profileDir,
      Vertx vertx,
      boolean ownsVertx,
      CdpConnection cdp,
      Deque<String> stderrTail) {
    this.process = process;
    this.profileDir = profileDir;
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.cdp = cdp;
    this.stderrTail = stderrTail;
  }

  /** Starts a browser with its own Vert.x instance (closed with the browser). */
  public static Chromium launch() {
    return launch(Vertx.vertx(), true);
  }

  /** Starts a browser whose DevTools client runs on {@code vertx} (left open on close). */
  public static Chromium launch(Vertx vertx) {
    return launch(vertx, false);
  }

  /** The Chromium executable to use; throws if there is none. */
  public static Path executable() {
    return executable(System.getenv(EXECUTABLE_ENV));
  }

  /** The executable for a configured path, or the default when none is configured. */
  static Path executable(String configured) {
    Path path =
        configured == null || configured.isBlank() ? DEFAULT_EXECUTABLE : Path.of(configured);
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          "Chromium not found at "
              + path
              + ": browser tests need it. Install it (apt-get install -y chromium) or set "
              + EXECUTABLE_ENV
              + " to its path.");
    }
    return path;
  }

  /** Command-line flags: headless, fake media devices, nothing reaching out to the network. */
  static List<String> flags(Path profileDir) {
    return List.of(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        "--allow-loopback-in-peer-connection",
        "--autoplay-policy=no-user-gesture-required",
        "--remote-debugging-port=0",
        "--user-data-dir=" + profileDir);
  }

  private static Chromium launch(Vertx vertx, boolean ownsVertx) {
    Path executable = executable();
    Path profileDir;
    try {
      profileDir = Files.createTempDirectory("stockpot-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(flags(profileDir));
    command.add("about:blank");

    Process process = null;
    try {
      process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      Deque<String> stderrTail = new ArrayDeque<>();
      CompletableFuture<String> devtoolsUrl = new CompletableFuture<>();
      drainStderr(process, stderrTail, devtoolsUrl);
      String url = awaitDevtoolsUrl(process, devtoolsUrl, stderrTail);
      CdpConnection cdp = CdpConnection.open(vertx, url, START_TIMEOUT);
      return new Chromium(process, profileDir, vertx, ownsVertx, cdp, stderrTail);
    } catch (IOException e) {
      cleanUp(process, profileDir, vertx, ownsVertx);
      throw new UncheckedIOException("cannot start " + executable, e);
    } catch (RuntimeException e) {
      cleanUp(process, profileDir, vertx, ownsVertx);
      throw e;
    }
  }

  // Chromium keeps writing to stderr; it must be read to the end or the browser blocks on a full
  // pipe.
  private static void drainStderr(
      Process process, Deque<String> tail, CompletableFuture<String> devtoolsUrl) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > STDERR_LINES_KEPT) {
                      tail.removeFirst();
                    }
                  }
                  Matcher m = DEVTOOLS_URL.matcher(line);
                  if (m.find()) {
                    devtoolsUrl.complete(m.group(1));
                  }
                }
              } catch (IOException ignored) {
                // The stream closes when the browser is killed.
              } finally {
                devtoolsUrl.completeExceptionally(new IllegalStateException("stderr closed"));
              }
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
  }

  private static String awaitDevtoolsUrl(
      Process process, CompletableFuture<String> devtoolsUrl, Deque<String> tail) {
    try {
      return devtoolsUrl.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      String state = process.isAlive() ? "still running" : "exited with " + process.exitValue();
      throw new IllegalStateException(
          "Chromium printed no DevTools URL within "
              + START_TIMEOUT
              + " ("
              + state
              + ")"
              + describeTail(tail),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens a new tab, attaches to it and loads {@code url}. */
  public Page newPage(String url) {
    String targetId =
        cdp.send(
                null,
                "Target.createTarget",
                new JsonObject().put("url", "about:blank"),
                START_TIMEOUT)
            .getString("targetId");
    String sessionId =
        cdp.send(
                null,
                "Target.attachToTarget",
                new JsonObject().put("targetId", targetId).put("flatten", true),
                START_TIMEOUT)
            .getString("sessionId");
    // Attach before loading so that nothing the page logs early is missed.
    Page page = new Page(cdp, targetId, sessionId);
    page.navigate(url, LOAD_TIMEOUT);
    return page;
  }

  /** The browser's product string, e.g. "Chrome/130.0.6723.58". */
  public String version() {
    return cdp.send(null, "Browser.getVersion", null, START_TIMEOUT).getString("product");
  }

  /** The last lines Chromium wrote to stderr, for failure reports. */
  public String stderrTail() {
    return describeTail(stderrTail);
  }

  private static String describeTail(Deque<String> tail) {
    synchronized (tail) {
      return tail.isEmpty() ? "" : "\nchromium stderr:\n  " + String.join("\n  ", tail);
    }
  }

  @Override
  public void close() {
    try {
      cdp.close();
    } finally {
      cleanUp(process, profileDir, vertx, ownsVertx);
    }
  }

  private static void cleanUp(Process process, Path profileDir, Vertx vertx, boolean ownsVertx) {
    if (process != null) {
      kill(process);
    }
    deleteRecursively(profileDir);
    if (ownsVertx) {
      try {
        vertx.close().await(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // Only threads of this test remain; nothing to report.
      }
    }
  }

  /**
   * SIGKILL to the browser and every process it started, as a crash or a pulled plug would end it:
   * no close_notify, no goodbye on any connection. {@link #close} still cleans up afterwards.
   */
  public void killHard() {
    try (Stream<ProcessHandle> descendants = process.descendants()) {
      descendants.forEach(ProcessHandle::destroyForcibly);
    }
    process.destroyForcibly();
  }

  // A polite SIGTERM lets Chromium take its renderer and GPU processes down; stragglers get killed.
  private static void kill(Process process) {
    List<ProcessHandle> children;
    try (Stream<ProcessHandle> descendants = process.descendants()) {
      children = descendants.toList();
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // Best effort: a file still held open by a dying child process.
                }
              });
    } catch (IOException ignored) {
      // Best effort, as above.
    }
  }
}
