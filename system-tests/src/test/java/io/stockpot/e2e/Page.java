package io.stockpot.e2e;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.bidi.BiDiException;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContext;
import org.openqa.selenium.bidi.browsingcontext.ReadinessState;
import org.openqa.selenium.bidi.log.ConsoleLogEntry;
import org.openqa.selenium.bidi.log.JavascriptLogEntry;
import org.openqa.selenium.bidi.log.LogEntry;
import org.openqa.selenium.bidi.module.LogInspector;
import org.openqa.selenium.bidi.module.Script;
import org.openqa.selenium.bidi.script.EvaluateResult;
import org.openqa.selenium.bidi.script.EvaluateResultExceptionValue;
import org.openqa.selenium.bidi.script.EvaluateResultSuccess;

/**
 * One browser tab driven over WebDriver BiDi: evaluate script, wait for conditions, take
 * screenshots. Everything the page logs or throws is kept in {@link #messages()} for failure
 * reports.
 */
public final class Page implements AutoCloseable {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  /**
   * Wraps an expression (or statements: their completion value counts, as in a console) so that its
   * awaited value comes back as JSON text; undefined becomes null, and NaN, ±Infinity and BigInt
   * their String, as DevTools' unserializable values did.
   */
  private static final String EVAL_WRAPPER =
      """
      (async () => {
        const v = await (0, eval)(%s);
        const plain = (k, x) =>
          typeof x === 'bigint' || (typeof x === 'number' && !Number.isFinite(x)) ? String(x) : x;
        return v === undefined ? 'null' : JSON.stringify(v, plain) ?? 'null';
      })()""";

  private final BrowsingContext context;
  private final Script script;
  private final LogInspector logs;
  private final List<PageMessage> messages = new CopyOnWriteArrayList<>();
  private boolean closed;

  Page(WebDriver driver, BrowsingContext context) {
    this.context = context;
    this.script = new Script(context.getId(), driver);
    this.logs = new LogInspector(context.getId(), driver);
    // One listener for both kinds: each listener is its own BiDi subscription to the same event.
    logs.onLog(this::onLog);
  }

  /** Loads {@code url} and waits for its load event. */
  public void navigate(String url, Duration timeout) {
    try {
      context.navigate(url, ReadinessState.COMPLETE, timeout);
    } catch (WebDriverException e) {
      throw new AssertionError(url + " did not finish loading within " + timeout + describe(), e);
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
    String wrapped = String.format(Locale.ROOT, EVAL_WRAPPER, Json.encode(expression));
    EvaluateResult result =
        script.evaluateFunctionInBrowsingContext(context.getId(), wrapped, true, Optional.empty());
    if (result instanceof EvaluateResultExceptionValue failed) {
      throw new PageScriptException(expression, failed.getExceptionDetails().getText());
    }
    Object json = ((EvaluateResultSuccess) result).getResult().getValue().orElse("null");
    try {
      return Json.decodeValue(String.valueOf(json));
    } catch (DecodeException e) {
      throw new PageScriptException(expression, "not JSON: " + json);
    }
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
      } catch (PageScriptException | WebDriverException e) {
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
    context.setViewport(width, height, 1);
  }

  /** Saves a PNG of the visible page. */
  public Path screenshot(Path file) {
    byte[] png = Base64.getDecoder().decode(context.captureScreenshot());
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Everything the page logged or threw so far, oldest first. */
  public List<PageMessage> messages() {
    return new ArrayList<>(messages);
  }

  /** The errors among {@link #messages()}: console.error and uncaught exceptions. */
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

  /** The tab's WebDriver BiDi browsing context id (its window handle). */
  public String targetId() {
    return context.getId();
  }

  /** Closes the tab; closing it again does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      logs.close();
    } catch (BiDiException e) {
      // Chromium may drop a tab's subscription by itself; there is nothing left to unsubscribe.
    } finally {
      context.close();
    }
  }

  // Runs on Selenium's BiDi connection thread.
  private void onLog(LogEntry entry) {
    entry.getConsoleLogEntry().ifPresent(this::onConsole);
    entry.getJavascriptLogEntry().ifPresent(this::onException);
  }

  private void onConsole(ConsoleLogEntry entry) {
    // DevTools' names for the levels, which the tests and reports were written against.
    String level = "warn".equals(entry.getMethod()) ? "warning" : entry.getMethod();
    messages.add(new PageMessage("console", level, entry.getText()));
  }

  private void onException(JavascriptLogEntry entry) {
    messages.add(new PageMessage("exception", "error", entry.getText()));
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
