package io.stockpot.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One browser tab driven over DevTools: evaluate script, wait for conditions, take screenshots.
 * Everything the page logs or throws is kept in {@link #messages()} for failure reports.
 */
public final class Page implements AutoCloseable {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private final CdpConnection cdp;
  private final String targetId;
  private final String sessionId;
  private final List<PageMessage> messages = new CopyOnWriteArrayList<>();
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  Page(CdpConnection cdp, String targetId, String sessionId) {
    this.cdp = cdp;
    this.targetId = targetId;
    this.sessionId = sessionId;
    cdp.onEvents(sessionId, this::onEvent);
    command("Runtime.enable", null);
    command("Log.enable", null);
    command("Page.enable", null);
  }

  /** Loads {@code url} and waits for its load event. */
  public void navigate(String url, Duration timeout) {
    CompletableFuture<Void> load = new CompletableFuture<>();
    loaded = load;
    JsonObject result = command("Page.navigate", new JsonObject().put("url", url));
    String errorText = result.getString("errorText");
    if (errorText != null) {
      throw new IllegalStateException("navigation to " + url + " failed: " + errorText);
    }
    try {
      load.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new AssertionError(url + " did not finish loading within " + timeout + describe(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Evaluates a JavaScript expression, awaiting it if it is a promise.
   *
   * @return the value as Vert.x JSON: String, Number, Boolean, {@link JsonObject}, {@link
   *     JsonArray}, or null for null/undefined; NaN, Infinity and BigInt come back as their String
   * @throws PageScriptException when the expression throws or its promise rejects
   */
  public Object eval(String expression) {
    JsonObject result =
        command(
            "Runtime.evaluate",
            new JsonObject()
                .put("expression", expression)
                .put("awaitPromise", true)
                .put("returnByValue", true));
    JsonObject exception = result.getJsonObject("exceptionDetails");
    if (exception != null) {
      throw new PageScriptException(expression, describeException(exception));
    }
    JsonObject value = result.getJsonObject("result", new JsonObject());
    if (value.containsKey("unserializableValue")) {
      return value.getString("unserializableValue");
    }
    return value.getValue("value");
  }

  /**
   * Polls a JavaScript expression every 100 ms until it is truthy (promises are awaited).
   *
   * @return the truthy value, as {@link #eval} returns it
   * @throws AssertionError on timeout, naming the last value (or exception) and the page's errors
   */
  public Object waitFor(String predicate, Duration timeout) {
    String probe =
        "(async () => { const v = await (" + predicate + "); return { ok: !!v, value: v }; })()";
    long deadline = System.nanoTime() + timeout.toNanos();
    Object last = null;
    while (true) {
      try {
        JsonObject outcome = (JsonObject) eval(probe);
        if (outcome.getBoolean("ok", false)) {
          return outcome.getValue("value");
        }
        last = outcome.getValue("value");
      } catch (PageScriptException | CdpConnection.CdpException e) {
        // Not ready yet (e.g. a global not defined so far); keep polling but remember why.
        last = "threw " + e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after "
                + timeout
                + " waiting for "
                + predicate
                + "; last value: "
                + last
                + describe());
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Sets the page's viewport size in CSS pixels (screenshots capture exactly this). */
  public void viewport(int width, int height) {
    command(
        "Emulation.setDeviceMetricsOverride",
        new JsonObject()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
  }

  /** Saves a PNG of the visible page. */
  public Path screenshot(Path file) {
    JsonObject result = command("Page.captureScreenshot", new JsonObject().put("format", "png"));
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, Base64.getDecoder().decode(result.getString("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Everything the page logged or threw so far, oldest first. */
  public List<PageMessage> messages() {
    return new ArrayList<>(messages);
  }

  /**
   * The errors among {@link #messages()}: console.error, error log entries, uncaught exceptions.
   */
  public List<PageMessage> errors() {
    return messages.stream().filter(PageMessage::isError).collect(Collectors.toList());
  }

  /** The page's messages as text for assertion messages, or "" when there are none. */
  public String describe() {
    if (messages.isEmpty()) {
      return "";
    }
    return messages.stream()
        .map(PageMessage::toString)
        .collect(Collectors.joining("\n  ", "\npage messages:\n  ", ""));
  }

  private boolean closed;

  public String targetId() {
    return targetId;
  }

  /** Closes the tab; closing it again does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      cdp.send(
          null, "Target.closeTarget", new JsonObject().put("targetId", targetId), COMMAND_TIMEOUT);
    } finally {
      cdp.removeEvents(sessionId);
    }
  }

  private JsonObject command(String method, JsonObject params) {
    return cdp.send(sessionId, method, params, COMMAND_TIMEOUT);
  }

  // Runs on the Vert.x event loop.
  private void onEvent(JsonObject event) {
    JsonObject params = event.getJsonObject("params", new JsonObject());
    switch (event.getString("method", "")) {
      case "Page.loadEventFired" -> loaded.complete(null);
      case "Runtime.consoleAPICalled" ->
          messages.add(
              new PageMessage(
                  "console",
                  params.getString("type", "log"),
                  formatArgs(params.getJsonArray("args", new JsonArray()))));
      case "Runtime.exceptionThrown" ->
          messages.add(
              new PageMessage(
                  "exception",
                  "error",
                  describeException(params.getJsonObject("exceptionDetails", new JsonObject()))));
      case "Log.entryAdded" -> {
        JsonObject entry = params.getJsonObject("entry", new JsonObject());
        String url = entry.getString("url");
        messages.add(
            new PageMessage(
                "log",
                entry.getString("level", "info"),
                entry.getString("source", "other")
                    + ": "
                    + entry.getString("text", "")
                    + (url == null ? "" : " (" + url + ")")));
      }
      default -> {}
    }
  }

  private static String formatArgs(JsonArray args) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      JsonObject arg = args.getJsonObject(i);
      if (arg.containsKey("value")) {
        parts.add(String.valueOf(arg.getValue("value")));
      } else if (arg.containsKey("unserializableValue")) {
        parts.add(arg.getString("unserializableValue"));
      } else {
        parts.add(arg.getString("description", arg.getString("type", "?")));
      }
    }
    return String.join(" ", parts);
  }

  private static String describeException(JsonObject details) {
    JsonObject exception = details.getJsonObject("exception");
    String text = details.getString("text", "exception");
    if (exception == null) {
      return text;
    }
    String description = exception.getString("description");
    if (description == null) {
      description = String.valueOf(exception.getValue("value"));
    }
    return text + " " + description;
  }

  /** A script evaluated with {@link #eval} threw or rejected. */
  public static final class PageScriptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PageScriptException(String expression, String detail) {
      super(detail + " (evaluating: " + abbreviate(expression) + ")");
    }

    private static String abbreviate(String s) {
      return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
  }
}
