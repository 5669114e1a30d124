package io.stockpot.peer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A protoo peer over a WebSocket with subprotocol {@code protoo}, as mediasoup-demo's browser
 * client speaks it: requests with ids answered by responses, notifications both ways, and requests
 * from the server (newConsumer) that we answer. Non-blocking; callbacks run on the socket's Vert.x
 * context.
 */
public final class ProtooClient {
  /** Answers a request from the server with the response's data, or fails to refuse it. */
  @FunctionalInterface
  public interface RequestHandler {
    Future<JsonObject> handle(String method, JsonObject data);
  }

  /** A request the server answered with ok:false. */
  public static final class ProtooException extends RuntimeException {
    private final int errorCode;

    public ProtooException(String method, int errorCode, String reason) {
      super(method + " failed: " + errorCode + " " + reason);
      this.errorCode = errorCode;
    }

    public int errorCode() {
      return errorCode;
    }
  }

  private static final long REQUEST_TIMEOUT_MILLIS = 15_000;

  private final Vertx vertx;
  private final WebSocketClient client;
  private final AtomicLong ids = new AtomicLong(1);
  private final Map<Long, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final Promise<Void> closed = Promise.promise();
  private volatile RequestHandler requestHandler =
      (method, data) -> Future.failedFuture("unsupported request: " + method);
  private volatile BiConsumer<String, JsonObject> notificationHandler = (method, data) -> {};
  private volatile ClientWebSocket socket;

  private ProtooClient(Vertx vertx) {
    this.vertx = vertx;
    this.client = vertx.createWebSocketClient();
  }

  /** Opens {@code ws://host:port/?query}; the query carries roomId and peerId. */
  public static Future<ProtooClient> connect(Vertx vertx, String host, int port, String query) {
    ProtooClient c = new ProtooClient(vertx);
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost(host)
            .setPort(port)
            .setURI("/?" + query)
            .setSubProtocols(List.of("protoo"));
    // Handlers go on before connecting, so nothing the server sends right away is missed.
    ClientWebSocket ws = c.client.webSocket();
    c.attach(ws);
    return ws.connect(options).onFailure(e -> c.client.close()).map(c);
  }

  private void attach(ClientWebSocket ws) {
    socket = ws;
    ws.textMessageHandler(this::onText);
    ws.closeHandler(
        v -> {
          closed.tryComplete();
          pending.values().forEach(p -> p.tryFail("protoo connection closed"));
          pending.clear();
        });
  }

  public void onRequest(RequestHandler handler) {
    this.requestHandler = handler;
  }

  public void onNotification(BiConsumer<String, JsonObject> handler) {
    this.notificationHandler = handler;
  }

  /**
   * Sends a request; the future gets the response's data, or fails with {@link ProtooException}.
   */
  public Future<JsonObject> request(String method, JsonObject data) {
    return requestValue(method, data)
        .map(v -> v instanceof JsonObject o ? o : new JsonObject().put("value", v));
  }

  /** Like {@link #request}, for methods whose data is not an object (stats are arrays). */
  public Future<Object> requestValue(String method, JsonObject data) {
    if (socket == null || isClosed()) {
      return Future.failedFuture("protoo connection closed");
    }
    long id = ids.getAndIncrement();
    Promise<JsonObject> p = Promise.promise();
    pending.put(id, p);
    long timer =
        vertx.setTimer(
            REQUEST_TIMEOUT_MILLIS,
            t -> {
              if (pending.remove(id) != null) {
                p.tryFail(method + " timed out");
              }
            });
    JsonObject msg =
        new JsonObject()
            .put("request", true)
            .put("id", id)
            .put("method", method)
            .put("data", data == null ? new JsonObject() : data);
    socket.writeTextMessage(msg.encode()).onFailure(e -> failPending(id, e));
    return p.future()
        .andThen(r -> vertx.cancelTimer(timer))
        .transform(
            r -> {
              if (r.failed()) {
                return Future.failedFuture(r.cause());
              }
              JsonObject response = r.result();
              if (!response.getBoolean("ok", false)) {
                return Future.failedFuture(
                    new ProtooException(
                        method,
                        response.getInteger("errorCode", 500),
                        response.getString("errorReason", "")));
              }
              Object value = response.getValue("data");
              return Future.succeededFuture(value == null ? new JsonObject() : value);
            });
  }

  /** Sends a notification. */
  public Future<Void> notify(String method, JsonObject data) {
    if (socket == null || isClosed()) {
      return Future.failedFuture("protoo connection closed");
    }
    return socket.writeTextMessage(
        new JsonObject()
            .put("notification", true)
            .put("method", method)
            .put("data", data == null ? new JsonObject() : data)
            .encode());
  }

  private void failPending(long id, Throwable cause) {
    Promise<JsonObject> p = pending.remove(id);
    if (p != null) {
      p.tryFail(cause);
    }
  }

  private void onText(String text) {
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      return; // not protoo; nothing sensible to answer
    }
    if (msg.getBoolean("response", false)) {
      Object id = msg.getValue("id");
      Promise<JsonObject> p = id instanceof Number n ? pending.remove(n.longValue()) : null;
      if (p != null) {
        p.tryComplete(msg);
      }
    } else if (msg.getBoolean("request", false)) {
      onServerRequest(msg);
    } else if (msg.getBoolean("notification", false)) {
      notificationHandler.accept(msg.getString("method", ""), data(msg));
    }
  }

  private static JsonObject data(JsonObject msg) {
    Object data = msg.getValue("data");
    return data instanceof JsonObject o ? o : new JsonObject();
  }

  private void onServerRequest(JsonObject msg) {
    Object id = msg.getValue("id");
    String method = msg.getString("method", "");
    Future<JsonObject> answer;
    try {
      answer = requestHandler.handle(method, data(msg));
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(
        r -> {
          JsonObject response = new JsonObject().put("response", true).put("id", id);
          if (r.succeeded()) {
            response
                .put("ok", true)
                .put("data", r.result() == null ? new JsonObject() : r.result());
          } else {
            response
                .put("ok", false)
                .put("errorCode", 500)
                .put("errorReason", String.valueOf(r.cause().getMessage()));
          }
          if (!isClosed()) {
            socket.writeTextMessage(response.encode());
          }
        });
  }

  /** Completes when the connection is closed, by either side. */
  public Future<Void> closed() {
    return closed.future();
  }

  public boolean isClosed() {
    return closed.future().isComplete();
  }

  /** Closes the connection and the client. */
  public Future<Void> close() {
    Future<Void> done = isClosed() ? Future.succeededFuture() : socket.close();
    return done.eventually(() -> client.close());
  }
}
