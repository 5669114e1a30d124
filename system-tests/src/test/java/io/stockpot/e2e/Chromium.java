package io.stockpot.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium with a fake camera and microphone, driven by Selenium WebDriver over
 * chromedriver and WebDriver BiDi (tabs, script evaluation, console and exception events,
 * screenshots).
 *
 * <p>Browser tests must exercise a real browser, so a missing Chromium or chromedriver is a
 * failure, never a skip. The executables are {@code $STOCKPOT_CHROMIUM} or {@code
 * /usr/bin/chromium}, and {@code $STOCKPOT_CHROMEDRIVER} or {@code /usr/bin/chromedriver} (Debian's
 * {@code chromium-driver}, the same version as its {@code chromium}). Each instance gets a fresh
 * profile directory, removed again by {@link #close()}.
 */
public final class Chromium implements AutoCloseable {

  public static final String EXECUTABLE_ENV = "STOCKPOT_CHROMIUM";
  public static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");
  public static final String DRIVER_ENV = "STOCKPOT_CHROMEDRIVER";
  public static final Path DEFAULT_DRIVER = Path.of("/usr/bin/chromedriver");

  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final int LOG_LINES_KEPT = 200;

  private final ChromeDriver driver;
  private final Path profileDir;
  private final Path driverLog;

  private Chromium(ChromeDriver driver, Path profileDir, Path driverLog) {
    this.driver = driver;
    this.profileDir = profileDir;
    this.driverLog = driverLog;
  }

  /** Starts a browser. */
  public static Chromium launch() {
    return launch(List.of());
  }

  /**
   * Starts a browser with further command-line flags (e.g. {@code
   * --use-file-for-fake-video-capture=<file.y4m>} for a camera that really fills its bitrate).
   */
  public static Chromium launch(List<String> extraFlags) {
    Path executable = executable();
    Path driverExecutable = driverExecutable(System.getenv(DRIVER_ENV));
    Path profileDir;
    Path driverLog;
    try {
      profileDir = Files.createTempDirectory("stockpot-chromium-");
      driverLog = Files.createTempFile("stockpot-chromedriver-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(executable.toFile());
    options.addArguments(flags(profileDir));
    options.addArguments(extraFlags);
    // BiDi: per-tab script evaluation and the console/exception events of every tab.
    options.enableBiDi();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driverExecutable.toFile())
            .usingAnyFreePort()
            .withLogFile(driverLog.toFile())
            .build();
    try {
      return new Chromium(new ChromeDriver(service, options), profileDir, driverLog);
    } catch (WebDriverException e) {
      String log = tail(driverLog);
      deleteRecursively(profileDir);
      deleteRecursively(driverLog);
      throw new IllegalStateException(
          "cannot start " + executable + " through " + driverExecutable + log, e);
    }
  }

  /** The Chromium executable to use; throws if there is none. */
  public static Path executable() {
    return executable(System.getenv(EXECUTABLE_ENV));
  }

  /** The executable for a configured path, or the default when none is configured. */
  static Path executable(String configured) {
    return existing(configured, DEFAULT_EXECUTABLE, EXECUTABLE_ENV, "chromium");
  }

  /** The chromedriver for a configured path, or the default when none is configured. */
  static Path driverExecutable(String configured) {
    return existing(configured, DEFAULT_DRIVER, DRIVER_ENV, "chromium-driver");
  }

  private static Path existing(String configured, Path fallback, String env, String debPackage) {
    Path path = configured == null || configured.isBlank() ? fallback : Path.of(configured);
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          path
              + " not found: browser tests need it. Install it (apt-get install -y "
              + debPackage
              + ") or set "
              + env
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
        "--user-data-dir=" + profileDir);
  }

  /** Opens a new tab, listens to what it logs, and loads {@code url}. */
  public Page newPage(String url) {
    // Listen before loading so that nothing the page logs early is missed.
    Page page = new Page(driver, new BrowsingContext(driver, WindowType.TAB));
    page.navigate(url, LOAD_TIMEOUT);
    return page;
  }

  /** The browser's name and version, e.g. "chrome 156.0.8078.108". */
  public String version() {
    var caps = ((HasCapabilities) driver).getCapabilities();
    return caps.getBrowserName() + " " + caps.getBrowserVersion();
  }

  /** The last lines chromedriver logged (it relays the browser's own complaints), for reports. */
  public String stderrTail() {
    return tail(driverLog);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      List<String> last = lines.subList(Math.max(0, lines.size() - LOG_LINES_KEPT), lines.size());
      return last.isEmpty() ? "" : "\nchromedriver log:\n  " + String.join("\n  ", last);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * SIGKILL to this browser's processes (found by their own profile directory), as a crash or a
   * pulled plug would end it: no close_notify, no goodbye on any connection. {@link #close} still
   * cleans up afterwards.
   */
  public void killHard() {
    String marker = "--user-data-dir=" + profileDir;
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      all.filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
          .forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } catch (WebDriverException e) {
      // A browser killed by killHard() cannot answer; its driver still goes away.
    } finally {
      deleteRecursively(profileDir);
      deleteRecursively(driverLog);
    }
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
