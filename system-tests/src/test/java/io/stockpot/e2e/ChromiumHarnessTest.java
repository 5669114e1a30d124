package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the browser harness itself: fake camera flags, evaluation, diagnostics, screenshots. */
@Tag("browser")
class ChromiumHarnessTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Asks for camera and microphone and plays the camera in a video element. */
  private static final String MEDIA_PAGE =
      """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>media probe</title></head>
      <body>
      <video id="v" autoplay muted playsinline></video>
      <script>
        window.gum = null;
        navigator.mediaDevices.getUserMedia({ audio: true, video: true }).then(
          (stream) => {
            document.getElementById('v').srcObject = stream;
            const video = stream.getVideoTracks();
            window.gum = {
              videoTracks: video.length,
              audioTracks: stream.getAudioTracks().length,
              videoState: video.length ? video[0].readyState : null,
            };
          },
          (err) => { window.gum = { error: err.name + ': ' + err.message }; });
        console.info('media probe loaded');
      </script>
      </body></html>
      """;

  private static Vertx vertx;
  private static HttpServer server;
  private static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.response()
                        .putHeader("content-type", "text/html; charset=utf-8")
                        .end(MEDIA_PAGE))
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static String pageUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/";
  }

  @Test
  void fakeCameraAndMicrophoneWorkInTwoPages() {
    try (Page first = chromium.newPage(pageUrl());
        Page second = chromium.newPage(pageUrl())) {
      for (Page page : new Page[] {first, second}) {
        JsonObject gum = (JsonObject) page.waitFor("window.gum", WAIT);
        assertEquals(null, gum.getString("error"), "getUserMedia failed" + page.describe());
        assertEquals(1, gum.getInteger("videoTracks"), gum.encode());
        assertEquals(1, gum.getInteger("audioTracks"), gum.encode());
        assertEquals("live", gum.getString("videoState"), gum.encode());
        // Frames actually flow from the fake camera into the element.
        Number width = (Number) page.waitFor("document.getElementById('v').videoWidth", WAIT);
        assertTrue(width.intValue() > 0, "video width " + width);
        assertTrue(
            page.messages().stream().anyMatch(m -> m.text().equals("media probe loaded")),
            "console.info captured" + page.describe());
      }
      assertTrue(!first.targetId().equals(second.targetId()), "two distinct tabs");
    }
  }

  @Test
  void evalReturnsVertxJsonAndRaisesScriptErrors() {
    try (Page page = chromium.newPage(pageUrl())) {
      assertEquals(3, ((Number) page.eval("1 + 2")).intValue());
      assertEquals("ok", page.eval("Promise.resolve('ok')"));
      assertEquals(null, page.eval("undefined"));
      JsonObject obj = (JsonObject) page.eval("({ a: [1, 'x'], b: { c: true } })");
      assertEquals("x", obj.getJsonArray("a").getString(1));
      assertEquals(true, obj.getJsonObject("b").getBoolean("c"));
      Page.PageScriptException thrown =
          assertThrows(
              Page.PageScriptException.class, () -> page.eval("null.property"), "sync throw");
      assertTrue(thrown.getMessage().contains("TypeError"), thrown.getMessage());
      assertThrows(
          Page.PageScriptException.class,
          () -> page.eval("Promise.reject(new Error('rejected'))"),
          "rejected promise");
    }
  }

  @Test
  void uncaughtExceptionsAndConsoleErrorsAreCaptured() {
    try (Page page = chromium.newPage(pageUrl())) {
      page.eval("setTimeout(() => { throw new Error('stockpot-probe-exception'); }, 0); true");
      page.eval("console.error('stockpot-probe-console', 42); true");
      page.waitFor("new Promise((resolve) => setTimeout(() => resolve(true), 200))", WAIT);
      assertTrue(
          page.errors().stream()
              .anyMatch(
                  m ->
                      m.source().equals("exception")
                          && m.text().contains("stockpot-probe-exception")),
          "exception captured" + page.describe());
      assertTrue(
          page.errors().stream()
              .anyMatch(
                  m ->
                      m.source().equals("console")
                          && m.level().equals("error")
                          && m.text().equals("stockpot-probe-console 42")),
          "console.error captured" + page.describe());
    }
  }

  @Test
  void waitForTimeoutReportsLastValueAndPageErrors() {
    try (Page page = chromium.newPage(pageUrl())) {
      page.eval("window.counter = 0; console.error('stockpot-probe-before-timeout'); true");
      AssertionError failure =
          assertThrows(
              AssertionError.class, () -> page.waitFor("window.counter", Duration.ofMillis(500)));
      assertTrue(failure.getMessage().contains("last value: 0"), failure.getMessage());
      assertTrue(
          failure.getMessage().contains("stockpot-probe-before-timeout"), failure.getMessage());
    }
  }

  @Test
  void screenshotWritesPng(@TempDir Path dir) throws Exception {
    try (Page page = chromium.newPage(pageUrl())) {
      Path file = page.screenshot(dir.resolve("shots/page.png"));
      byte[] bytes = Files.readAllBytes(file);
      assertTrue(bytes.length > 100, "png size " + bytes.length);
      assertEquals((byte) 0x89, bytes[0]);
      assertEquals('P', bytes[1]);
      assertEquals('N', bytes[2]);
      assertEquals('G', bytes[3]);
    }
  }

  @Test
  void missingExecutableIsAFailureNotASkip() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Chromium.executable("/nonexistent/chrome"));
    assertTrue(e.getMessage().contains("/nonexistent/chrome"), e.getMessage());
    assertTrue(e.getMessage().contains(Chromium.EXECUTABLE_ENV), e.getMessage());
    assertEquals(Chromium.DEFAULT_EXECUTABLE, Chromium.executable(" "), "blank means default");
  }
}
