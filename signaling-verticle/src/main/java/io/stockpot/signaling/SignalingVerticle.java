package io.stockpot.signaling;

import io.stockpot.registry.Addresses;
import io.stockpot.registry.Methods;
import io.stockpot.registry.NodeConfig;
import io.stockpot.registry.RoomMessages;
import io.stockpot.registry.RoomRegistry;
import io.stockpot.signaling.admin.AdminRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The signaling node's front door: serves the webroot, {@code /health}, SockJS at {@code /sockjs}
 * and protoo WebSockets at {@code /} and {@code /protoo}. Keeps only its connections; every request
 * goes to the room's verticle over the event bus, and the room's pushes come back on this node's
 * signaling address.
 */
public final class SignalingVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(SignalingVerticle.class.getName());
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  private static final String DEFAULT_ROOM = "default";
  private static final int MAX_FRAME = 1024 * 1024;

  private final NodeConfig config;
  private final Map<String, PeerSession> sessions = new HashMap<>();
  private final SignalingStats stats = new SignalingStats();
  private RoomClient rooms;
  private HttpServer server;
  private MessageConsumer<JsonObject> pushConsumer;

  public SignalingVerticle(NodeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    RoomRegistry registry = new RoomRegistry(vertx);
    rooms = new RoomClient(vertx, config.nodeId(), registry, stats);
    MembershipWatcher watcher = new MembershipWatcher(vertx, registry, sessions::values, stats);
    pushConsumer =
        vertx.eventBus().consumer(Addresses.signalingNode(config.nodeId()), this::onRoomMessage);
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router.route("/").handler(this::maybeWebSocket);
    router.route("/protoo").handler(this::maybeWebSocket);
    router
        .route("/sockjs/*")
        .subRouter(
            SockJSHandler.create(
                    vertx,
                    new SockJSHandlerOptions()
                        .setLibraryURL("/dist/sockjs.min.js")
                        .setRegisterWriteHandler(false))
                .socketHandler(this::onSockJs));
    Future<AdminRoutes> admin = AdminRoutes.mount(vertx, router, config);
    router.route().handler(staticFiles());
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.httpHost())
            .setPort(config.httpPort())
            .setMaxWebSocketFrameSize(MAX_FRAME)
            .setMaxWebSocketMessageSize(MAX_FRAME)
            .setWebSocketSubProtocols(List.of("protoo"));
    // Listen last: until every consumer is registered and the membership watcher runs, nothing
    // may reach this node over HTTP (and actualPort() has no server to ask).
    return Future.all(pushConsumer.completion(), admin)
        .compose(v -> watcher.start())
        .compose(v -> tls(options))
        .compose(opts -> vertx.createHttpServer(opts).requestHandler(router).listen())
        .map(
            s -> {
              server = s;
              LOG.info(
                  () ->
                      "signaling listening on "
                          + (options.isSsl() ? "https" : "http")
                          + "://"
                          + config.httpHost()
                          + ":"
                          + s.actualPort());
              return s;
            });
  }

  /** The webroot: a directory (relative to the working directory, or absolute), else the jar's. */
  private StaticHandler staticFiles() {
    String root = config.webroot();
    StaticHandler handler =
        root.startsWith("/")
            ? StaticHandler.create(FileSystemAccess.ROOT, root)
            : StaticHandler.create(root);
    return handler.setIndexPage("index.html");
  }

  private Future<HttpServerOptions> tls(HttpServerOptions options) {
    if (!config.https()) {
      return Future.succeededFuture(options);
    }
    if (config.tlsCert() != null && config.tlsKey() != null) {
      return Future.succeededFuture(
          options
              .setSsl(true)
              .setKeyCertOptions(
                  new PemKeyCertOptions()
                      .setCertPath(config.tlsCert())
                      .setKeyPath(config.tlsKey())));
    }
    // No pair given: a self-signed one, so that browsers on other hosts get a secure context
    // once the user accepts the certificate.
    return vertx.executeBlocking(
        () -> {
          SelfSignedCertificate cert = SelfSignedCertificate.create(config.announcedIp());
          LOG.warning("--https without --tls-cert/--tls-key: using a self-signed certificate");
          return options.setSsl(true).setKeyCertOptions(cert.keyCertOptions());
        });
  }

  /** The HTTP port actually bound (useful with port 0), or -1 before the server listens. */
  public int actualPort() {
    HttpServer s = server;
    return s == null ? -1 : s.actualPort();
  }

  private void health(RoutingContext ctx) {
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.nodeStatus(config.nodeId()), new JsonObject())
        .onSuccess(
            reply -> ctx.json(reply.body().copy().put("signaling", stats.toJson(sessions.size()))))
        .onFailure(err -> ctx.response().setStatusCode(503).end("starting"));
  }

  private void maybeWebSocket(RoutingContext ctx) {
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.next();
      return;
    }
    String peerId = ctx.request().getParam("peerId");
    String roomId = roomIdOrDefault(ctx.request().getParam("roomId"));
    if (!valid(peerId) || roomId == null) {
      stats.rejectedConnections++;
      ctx.response()
          .setStatusCode(400)
          .end("peerId (required) and roomId must match " + ID.pattern());
      return;
    }
    ctx.request().toWebSocket().onSuccess(ws -> onWebSocket(ws, peerId, roomId));
  }

  private void onWebSocket(ServerWebSocket ws, String peerId, String roomId) {
    Connection connection =
        new Connection() {
          @Override
          public void send(String text) {
            if (!ws.isClosed()) {
              ws.writeTextMessage(text);
            }
          }

          @Override
          public void close(int code, String reason) {
            ws.close((short) code, reason);
          }

          @Override
          public String transport() {
            return "websocket";
          }
        };
    PeerSession session = open(peerId, roomId, connection);
    ws.textMessageHandler(session::onText);
    ws.closeHandler(v -> closed(session));
    ws.exceptionHandler(err -> LOG.fine(() -> "websocket of " + peerId + ": " + err));
  }

  private void onSockJs(SockJSSocket socket) {
    String query =
        socket.uri().contains("?") ? socket.uri().substring(socket.uri().indexOf('?')) : "";
    Map<String, String> params = Query.parse(query);
    String peerId = params.get("peerId");
    String roomId = roomIdOrDefault(params.get("roomId"));
    Connection connection =
        new Connection() {
          private Future<Void> lastWrite = Future.succeededFuture();

          @Override
          public void send(String text) {
            lastWrite = socket.write(text);
          }

          @Override
          public void close(int code, String reason) {
            // SockJS may send its close frame ahead of queued messages: close after the last one.
            lastWrite.onComplete(v -> socket.close(code, reason));
          }

          @Override
          public String transport() {
            return "sockjs";
          }
        };
    if (!valid(peerId) || roomId == null) {
      stats.rejectedConnections++;
      PeerSession.sendClosing(
          connection,
          PeerSession.REFUSED,
          "peerId (required) and roomId must match " + ID.pattern());
      return;
    }
    PeerSession session = open(peerId, roomId, connection);
    socket.handler(buffer -> session.onText(buffer.toString()));
    socket.endHandler(v -> closed(session));
    socket.exceptionHandler(err -> LOG.fine(() -> "sockjs of " + peerId + ": " + err));
  }

  private PeerSession open(String peerId, String roomId, Connection connection) {
    stats.connections++;
    PeerSession session = new PeerSession(peerId, roomId, connection, rooms, stats);
    sessions.put(session.sessionId(), session);
    LOG.fine(
        () ->
            "peer " + peerId + " connected to room " + roomId + " over " + connection.transport());
    return session;
  }

  private void closed(PeerSession session) {
    if (sessions.remove(session.sessionId()) != null) {
      session.onClosed();
    }
  }

  private void onRoomMessage(Message<JsonObject> message) {
    JsonObject body = message.body();
    PeerSession session = sessions.get(body.getString(RoomMessages.SESSION_ID, ""));
    if (session == null) {
      return;
    }
    switch (body.getString(RoomMessages.METHOD, "")) {
      case Methods.PUSH -> session.send(body.getJsonObject(RoomMessages.MESSAGE));
      case Methods.CLOSE_SESSION -> {
        sessions.remove(session.sessionId());
        session.close(body.getString(RoomMessages.REASON, "closed by the room"));
      }
      default -> LOG.warning("unknown room message " + body.getString(RoomMessages.METHOD));
    }
  }

  private static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static String roomIdOrDefault(String roomId) {
    if (roomId == null || roomId.isEmpty()) {
      return DEFAULT_ROOM;
    }
    return valid(roomId) ? roomId : null;
  }
}
