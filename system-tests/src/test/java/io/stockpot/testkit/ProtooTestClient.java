package io.stockpot.testkit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A protoo client for tests, over a plain WebSocket (subprotocol {@code protoo}) or over SockJS's
 * WebSocket transport with SockJS framing. Blocking methods: call from the test thread.
 */
public final class ProtooTestClient implements AutoCloseable {
  public enum Transport {
    WEBSOCKET,
    SOCKJS
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Transport transport;
  private final WebSocketClient client;
  private final AtomicInteger ids = new AtomicInteger(1);
  private final Map<Object, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final BlockingQueue<JsonObject> notifications = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonObject> unmatched = new LinkedBlockingQueue<>();
  private final List<String> closeReasons = new CopyOnWriteArrayList<>();
  private final Promise<Void> closed = Promise.promise();
  private ClientWebSocket ws;

  private ProtooTestClient(Vertx vertx, Transport transport) {
    this.transport = transport;
    this.client = vertx.createWebSocketClient();
  }

  /** Connects and waits until the connection is open. */
  public static ProtooTestClient connect(Vertx vertx, Transport transport, int port, String query) {
    ProtooTestClient c = new ProtooTestClient(vertx, transport);
    Waits.await(c.open(port, query), TIMEOUT);
    return c;
  }

  /** Tries to connect; the future fails if the server refuses the handshake. */
  public static Future<ProtooTestClient> tryConnect(
      Vertx vertx, Transport transport, int port, String query) {
    ProtooTestClient c = new ProtooTestClient(vertx, transport);
    return c.open(port, query).map(c);
  }

  private Future<Void> open(int port, String query) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port);
    Promise<Void> opened = Promise.promise();
    if (transport == Transport.WEBSOCKET) {
      options.setURI("/?" + query).setSubProtocols(List.of("protoo"));
    } else {
      String session = UUID.randomUUID().toString().substring(0, 8);
      options.setURI("/sockjs/000/" + session + "/websocket?" + query);
    }
    // Handlers go on before connecting: the SockJS open frame may follow the handshake at once.
    ClientWebSocket socket = client.webSocket();
    socket.closeHandler(
        v -> {
          closeReasons.add(socket.closeStatusCode() + " " + socket.closeReason());
          closed.tryComplete();
          opened.tryFail("closed before open");
        });
    socket.textMessageHandler(text -> onFrame(text, opened));
    ws = socket;
    socket
        .connect(options)
        .onFailure(opened::tryFail)
        .onSuccess(
            v -> {
              if (transport == Transport.WEBSOCKET) {
                opened.tryComplete();
              }
            });
    return opened.future();
  }

  private void onFrame(String text, Promise<Void> opened) {
    if (transport == Transport.WEBSOCKET) {
      onMessage(text);
      return;
    }
    // SockJS framing: o = open, h = heartbeat, a[...] = messages, c[code,reason] = close.
    switch (text.charAt(0)) {
      case 'o' -> opened.tryComplete();
      case 'a' -> new JsonArray(text.substring(1)).forEach(m -> onMessage((String) m));
      case 'c' -> {
        closeReasons.add(text.substring(1));
        closed.tryComplete();
        opened.tryFail("closed: " + text);
      }
      default -> {}
    }
  }

  private void onMessage(String text) {
    JsonObject msg = new JsonObject(text);
    if (msg.getBoolean("notification", false)) {
      if ("sessionClosed".equals(msg.getString("method"))) {
        JsonObject data = msg.getJsonObject("data");
        closeReasons.add(data.getInteger("code") + " " + data.getString("reason"));
      }
      notifications.add(msg);
      return;
    }
    Promise<JsonObject> p = msg.getValue("id") == null ? null : pending.remove(msg.getValue("id"));
    if (p != null) {
      p.complete(msg);
    } else {
      unmatched.add(msg);
    }
  }

  /** Sends raw text as one protoo message (framed for SockJS when needed). */
  public void sendRaw(String text) {
    if (transport == Transport.WEBSOCKET) {
      ws.writeTextMessage(text);
    } else {
      ws.writeTextMessage(new JsonArray().add(text).encode());
    }
  }

  /** Sends a request and returns the whole response message (ok or not). */
  public JsonObject request(String method, JsonObject data) {
    return Waits.await(requestAsync(method, data), TIMEOUT);
  }

  /** Sends a request without waiting; the future gets the whole response message. */
  public io.vertx.core.Future<JsonObject> requestAsync(String method, JsonObject data) {
    int id = ids.getAndIncrement();
    Promise<JsonObject> p = Promise.promise();
    pending.put(id, p);
    JsonObject req = new JsonObject().put("request", true).put("id", id).put("method", method);
    if (data != null) {
      req.put("data", data);
    }
    sendRaw(req.encode());
    return p.future();
  }

  /** Sends a request that must succeed and returns its data. */
  public JsonObject requestOk(String method, JsonObject data) {
    JsonObject response = request(method, data);
    if (!response.getBoolean("ok", false)) {
      throw new AssertionError(method + " failed: " + response.encode());
    }
    return response.getJsonObject("data");
  }

  /** The next response that matched no pending request (e.g. to malformed input). */
  public JsonObject nextUnmatched() throws InterruptedException {
    JsonObject m = unmatched.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) {
      throw new AssertionError("no response arrived");
    }
    return m;
  }

  /** Waits for the next notification with this method, skipping others. */
  public JsonObject awaitNotification(String method) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject n = notifications.poll(100, TimeUnit.MILLISECONDS);
      if (n != null && method.equals(n.getString("method"))) {
        return n.getJsonObject("data");
      }
    }
    throw new AssertionError("no '" + method + "' notification arrived");
  }

  /** Everything that matched no pending request so far (e.g. requests from the server). */
  public List<JsonObject> drainUnmatched() {
    List<JsonObject> list = new java.util.ArrayList<>();
    unmatched.drainTo(list);
    return list;
  }

  public List<JsonObject> drainNotifications() {
    List<JsonObject> list = new java.util.ArrayList<>();
    notifications.drainTo(list);
    return list;
  }

  /** Waits until the server closed the connection; returns the close code and reason. */
  public String awaitClosed() {
    Waits.await(closed.future(), TIMEOUT);
    return closeReasons.isEmpty() ? "" : closeReasons.get(0);
  }

  public boolean isClosed() {
    return closed.future().isComplete();
  }

  @Override
  public void close() {
    if (ws != null && !ws.isClosed()) {
      Waits.await(ws.close(), TIMEOUT);
    }
    client.close();
  }
}
