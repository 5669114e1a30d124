package io.stockpot.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A minimal Chrome DevTools Protocol client on one browser-level WebSocket.
 *
 * <p>Pages are reached through flattened sessions: every command and event for a page carries its
 * {@code sessionId} at the top level, so one socket serves the browser and all its pages. Commands
 * block the calling thread, which must therefore not be a Vert.x event loop.
 */
final class CdpConnection implements AutoCloseable {

  /** Screenshots arrive as one base64 message of several megabytes. */
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  // Held in a field: a Vert.x client nobody references may be closed under the socket's feet.
  private final WebSocketClient client;
  private final WebSocket socket;
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  // Event listeners by session id; "" is the browser session.
  private final Map<String, Consumer<JsonObject>> eventListeners = new ConcurrentHashMap<>();
  private volatile Throwable closedBy;

  private CdpConnection(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
  }

  static CdpConnection open(Vertx vertx, String webSocketUrl, Duration timeout) {
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxFrameSize(MAX_MESSAGE_BYTES)
                .setMaxMessageSize(MAX_MESSAGE_BYTES));
    WebSocket socket;
    try {
      socket =
          client
              .connect(
                  new WebSocketConnectOptions()
                      .setAbsoluteURI(webSocketUrl)
                      .setConnectTimeout(timeout.toMillis()))
              .await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      client.close();
      throw new IllegalStateException("cannot connect to DevTools at " + webSocketUrl, e);
    }
    CdpConnection connection = new CdpConnection(client, socket);
    socket.textMessageHandler(connection::onMessage);
    socket.closeHandler(v -> connection.failAll(new IllegalStateException("DevTools closed")));
    socket.exceptionHandler(connection::failAll);
    return connection;
  }

  /**
   * Sends a command and waits for its result.
   *
   * @param sessionId a page session, or null for the browser itself
   * @return the {@code result} object of the response
   * @throws CdpException when the browser answers with an error
   */
  JsonObject send(String sessionId, String method, JsonObject params, Duration timeout) {
    if (closedBy != null) {
      throw new IllegalStateException("DevTools connection closed", closedBy);
    }
    long id = nextId.getAndIncrement();
    JsonObject message = new JsonObject().put("id", id).put("method", method);
    message.put("params", params == null ? new JsonObject() : params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonObject> response = new CompletableFuture<>();
    pending.put(id, response);
    socket.writeTextMessage(message.encode());
    JsonObject reply;
    try {
      reply = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(method + " got no answer within " + timeout, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(method + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " interrupted", e);
    } finally {
      pending.remove(id);
    }
    JsonObject error = reply.getJsonObject("error");
    if (error != null) {
      throw new CdpException(method, error.getInteger("code", 0), error.getString("message"));
    }
    JsonObject result = reply.getJsonObject("result");
    return result == null ? new JsonObject() : result;
  }

  /** Receives every event of one session ({@code method} and {@code params}) on the event loop. */
  void onEvents(String sessionId, Consumer<JsonObject> listener) {
    eventListeners.put(sessionId == null ? "" : sessionId, listener);
  }

  void removeEvents(String sessionId) {
    eventListeners.remove(sessionId);
  }

  private void onMessage(String text) {
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (RuntimeException e) {
      return;
    }
    Long id = message.getLong("id");
    if (id != null) {
      CompletableFuture<JsonObject> response = pending.get(id);
      if (response != null) {
        response.complete(message);
      }
      return;
    }
    Consumer<JsonObject> listener = eventListeners.get(message.getString("sessionId", ""));
    if (listener != null) {
      listener.accept(message);
    }
  }

  private void failAll(Throwable cause) {
    closedBy = cause;
    pending.values().forEach(f -> f.completeExceptionally(cause));
  }

  @Override
  public void close() {
    try {
      socket.close().await(2, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // The browser may be gone already; the client is closed below regardless.
    }
    try {
      client.close().await(2, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // Nothing left to release.
    }
  }

  /** An error answer from the browser to one command. */
  static final class CdpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CdpException(String method, int code, String message) {
      super(method + " failed: " + message + " (" + code + ")");
    }
  }
}
