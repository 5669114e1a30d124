package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Plays the server side of protoo for the packaged browser client: serves webroot/ and answers the
 * page's requests from a script, one function from request to response data. Everything the page
 * sends is queued for the test to inspect, as are the SockJS connections it opens.
 */
final class ScriptedProtooServer implements AutoCloseable {

  /** What a script returns to fail a request. */
  record Failure(int errorCode, String errorReason) {}

  /** Enough of a mediasoup router's capabilities for mediasoup-client's Device to load. */
  static final JsonObject ROUTER_CAPABILITIES =
      new JsonObject(
          """
          {"codecs": [
            {"kind": "audio", "mimeType": "audio/opus", "clockRate": 48000, "channels": 2,
             "preferredPayloadType": 100, "parameters": {},
             "rtcpFeedback": [{"type": "transport-cc", "parameter": ""}]},
            {"kind": "video", "mimeType": "video/VP8", "clockRate": 90000,
             "preferredPayloadType": 101, "parameters": {},
             "rtcpFeedback": [{"type": "nack", "parameter": ""},
                              {"type": "nack", "parameter": "pli"},
                              {"type": "ccm", "parameter": "fir"},
                              {"type": "goog-remb", "parameter": ""}]},
            {"kind": "video", "mimeType": "video/rtx", "clockRate": 90000,
             "preferredPayloadType": 102, "parameters": {"apt": 101}, "rtcpFeedback": []}],
           "headerExtensions": [
            {"kind": "audio", "uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "preferredId": 1,
             "preferredEncrypt": false, "direction": "sendrecv"},
            {"kind": "video", "uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "preferredId": 1,
             "preferredEncrypt": false, "direction": "sendrecv"},
            {"kind": "video",
             "uri": "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
             "preferredId": 4, "preferredEncrypt": false, "direction": "sendrecv"}]}
          """);

  private final Vertx vertx;
  private final HttpServer server;
  private final Function<JsonObject, Object> script;
  private final BlockingQueue<SockJSSocket> sockets = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

  /**
   * @param script maps a request from the page to its response data (a JsonObject), a {@link
   *     Failure}, or null for "unknown method" (404)
   */
  ScriptedProtooServer(Function<JsonObject, Object> script) throws Exception {
    this.script = script;
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route("/sockjs/*").subRouter(SockJSHandler.create(vertx).socketHandler(this::onSocket));
    // The launcher packages webroot/ as the classpath folder "webroot".
    router.route("/*").handler(StaticHandler.create("webroot"));
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
  }

  Vertx vertx() {
    return vertx;
  }

  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.actualPort() + pathAndQuery;
  }

  private void onSocket(SockJSSocket sock) {
    sockets.add(sock);
    sock.handler(
        buffer -> {
          JsonObject message = buffer.toJsonObject();
          received.add(message);
          if (!message.getBoolean("request", false)) {
            return;
          }
          Object answer = script.apply(message);
          JsonObject response =
              new JsonObject().put("response", true).put("id", message.getValue("id"));
          if (answer instanceof JsonObject data) {
            response.put("ok", true).put("data", data);
          } else {
            Failure failure = answer instanceof Failure f ? f : new Failure(404, "unknown method");
            response
                .put("ok", false)
                .put("errorCode", failure.errorCode())
                .put("errorReason", failure.errorReason());
          }
          sock.write(response.encode());
        });
  }

  SockJSSocket nextSocket(Duration wait) throws InterruptedException {
    SockJSSocket sock = sockets.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(sock, "the page opened no connection");
    return sock;
  }

  boolean hasNewSocket() {
    return !sockets.isEmpty();
  }

  /** The next message from the page, whatever it is. */
  JsonObject next(String what, Duration wait) throws InterruptedException {
    JsonObject message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(message, "no " + what + " from the page");
    return message;
  }

  /** The next message that matches, skipping anything before it. */
  JsonObject next(Predicate<JsonObject> match, String what, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject message = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      assertNotNull(message, "no " + what + " from the page");
      if (match.test(message)) {
        return message;
      }
    }
  }

  /** The next request of one method, skipping anything before it. */
  JsonObject nextRequest(String method, Duration wait) throws InterruptedException {
    return next(
        m -> m.getBoolean("request", false) && method.equals(m.getString("method")),
        method + " request",
        wait);
  }

  /** The page's answer to the server's request of that id, skipping anything before it. */
  JsonObject nextResponse(int id, Duration wait) throws InterruptedException {
    return next(
        m -> m.getBoolean("response", false) && Integer.valueOf(id).equals(m.getInteger("id")),
        "response to request " + id,
        wait);
  }

  /** Sends a notification; the future completes once it is written. */
  static Future<Void> sendNotification(SockJSSocket sock, String method, JsonObject data) {
    return sock.write(
        new JsonObject()
            .put("notification", true)
            .put("method", method)
            .put("data", data)
            .encode());
  }

  static void sendRequest(SockJSSocket sock, int id, String method, JsonObject data) {
    sock.write(
        new JsonObject()
            .put("request", true)
            .put("id", id)
            .put("method", method)
            .put("data", data)
            .encode());
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
