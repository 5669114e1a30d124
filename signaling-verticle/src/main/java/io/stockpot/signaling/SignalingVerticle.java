package io.stockpot.signaling;

import io.stockpot.registry.Addresses;
import io.stockpot.registry.Methods;
import io.stockpot.registry.NodeConfig;
import io.stockpot.registry.RoomMessages;
import io.stockpot.registry.RoomRegistry;
import io.stockpot.signaling.admin.AdminRoutes;
import io.stockpot.signaling.whip.WhipEndpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
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
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The signaling node's front door: serves the webroot, {@code /health}, SockJS at {@code /sockjs},
 * protoo WebSockets at {@code /} and {@code /protoo}, and WHIP ingest at {@code /whip/}. Keeps only
 * its connections; every request goes to the room's verticle over the event bus, and the room's
 * pushes come back on this node's signaling address.
 */
public final class SignalingVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(SignalingVerticle.class.getName());
  private static final int MAX_FRAME = 1024 * 1024;

  private final NodeConfig config;
  private final Map<String, PeerSession> sessions = new HashMap<>();
  private final SignalingStats stats = new SignalingStats();
  private RoomClient rooms;
  private Admission admission;
  private WhipEndpoint whip;
  private long livenessTimer;
  private HttpServer server;
  private MessageConsumer<JsonObject> pushConsumer;

  public SignalingVerticle(NodeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    RoomRegistry registry = new RoomRegistry(vertx);
    rooms = new RoomClient(vertx, config.nodeId(), registry, stats);
    admission = new Admission(vertx, config, stats);
    // Three pings per idle timeout: one lost pong alone closes nothing.
    livenessTimer =
        vertx.setPeriodic(
            Math.max(100, config.signalingIdleTimeoutMs() / 3), id -> checkLiveness());
    MembershipWatcher watcher = new MembershipWatcher(vertx, registry, sessions::values, stats);
    pushConsumer =
        vertx.eventBus().consumer(Addresses.signalingNode(config.nodeId()), this::onRoomMessage);
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router.route("/").handler(this::maybeWebSocket);
    router.route("/protoo").handler(this::maybeWebSocket);
    // SockJS's XHR transports (xhr_send, xhr_streaming fallbacks behind proxies that refuse
    // WebSocket) read the request body from a BodyHandler; WebSocket upgrades must not get one.
    router.post("/sockjs/*").handler(BodyHandler.create().setBodyLimit(MAX_FRAME));
    router
        .route("/sockjs/*")
        .subRouter(
            SockJSHandler.create(
                    vertx,
                    new SockJSHandlerOptions()
                        .setLibraryURL("/dist/sockjs.min.js")
                        .setRegisterWriteHandler(false))
                .socketHandler(this::onSockJs));
    whip = new WhipEndpoint(vertx, config, rooms, admission);
    whip.mount(router);
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
            reply ->
                ctx.json(
                    reply
                        .body()
                        .copy()
                        .put("signaling", stats.toJson(sessions.size()).put("whip", whip.stats()))))
        .onFailure(err -> ctx.response().setStatusCode(503).end("starting"));
  }

  private void maybeWebSocket(RoutingContext ctx) {
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.next();
      return;
    }
    String ip = ctx.request().remoteAddress().hostAddress();
    ctx.request().pause();
    admission
        .admit(
            ip,
            ctx.request().getParam("peerId"),
            ctx.request().getParam("roomId"),
            ctx.request().getParam("token"))
        .onSuccess(
            admitted ->
                ctx.request()
                    .toWebSocket()
                    .onSuccess(ws -> onWebSocket(ws, admitted))
                    .onFailure(err -> admission.release(ip)))
        .onFailure(
            err -> {
              Admission.Refused refused = refused(err);
              ctx.response()
                  .setStatusCode(refused.httpStatus())
                  .putHeader("content-type", "text/plain; charset=utf-8")
                  .end(refused.getMessage());
            });
  }

  private static Admission.Refused refused(Throwable err) {
    return err instanceof Admission.Refused r
        ? r
        : new Admission.Refused(PeerSession.REFUSED, String.valueOf(err.getMessage()));
  }

  private void onWebSocket(ServerWebSocket ws, Admission.Admitted admitted) {
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

          @Override
          public boolean answersPings() {
            return true;
          }

          @Override
          public void ping() {
            if (!ws.isClosed()) {
              ws.writePing(Buffer.buffer("stockpot"));
            }
          }
        };
    PeerSession session = open(admitted, connection);
    ws.textMessageHandler(session::onText);
    ws.pongHandler(data -> session.heard());
    ws.closeHandler(v -> closed(session, admitted.ip()));
    ws.exceptionHandler(err -> LOG.fine(() -> "websocket of " + admitted.peerId() + ": " + err));
  }

  private void onSockJs(SockJSSocket socket) {
    String query =
        socket.uri().contains("?") ? socket.uri().substring(socket.uri().indexOf('?')) : "";
    Map<String, String> params = Query.parse(query);
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
    // Messages that arrive while the token is verified wait for the session.
    List<String> early = new ArrayList<>();
    PeerSession[] session = new PeerSession[1];
    boolean[] ended = new boolean[1];
    socket.handler(
        buffer -> {
          if (session[0] != null) {
            session[0].onText(buffer.toString());
          } else if (early.size() < EARLY_MESSAGES) {
            early.add(buffer.toString());
          }
        });
    socket.exceptionHandler(err -> LOG.fine(() -> "sockjs " + socket.uri() + ": " + err));
    String ip = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
    socket.endHandler(
        v -> {
          ended[0] = true;
          if (session[0] != null) {
            closed(session[0], ip);
          }
        });
    admission
        .admit(ip, params.get("peerId"), params.get("roomId"), params.get("token"))
        .onSuccess(
            admitted -> {
              session[0] = open(admitted, connection);
              if (ended[0]) {
                closed(session[0], ip);
                return;
              }
              early.forEach(session[0]::onText);
            })
        .onFailure(
            err -> {
              Admission.Refused refused = refused(err);
              PeerSession.sendClosing(connection, refused.closeCode, refused.getMessage());
            });
  }

  /** Messages a SockJS client may send before its token is verified; more are dropped. */
  private static final int EARLY_MESSAGES = 64;

  private PeerSession open(Admission.Admitted admitted, Connection connection) {
    stats.connections++;
    PeerSession session =
        new PeerSession(
            admitted.peerId(), admitted.roomId(), connection, rooms, stats, admitted.token());
    sessions.put(session.sessionId(), session);
    LOG.fine(
        () ->
            "peer "
                + admitted.peerId()
                + " connected to room "
                + admitted.roomId()
                + " over "
                + connection.transport());
    return session;
  }

  private void closed(PeerSession session, String ip) {
    if (sessions.remove(session.sessionId()) != null) {
      session.onClosed();
    }
    if (session.release()) {
      admission.release(ip);
    }
  }

  /**
   * Pings every WebSocket, and closes the connections silent for longer than the idle timeout (a
   * frozen tab, a host asleep, a NAT that dropped the flow): their peers leave their rooms.
   */
  private void checkLiveness() {
    long now = System.nanoTime();
    long timeout = config.signalingIdleTimeoutMs() * 1_000_000;
    for (PeerSession session : List.copyOf(sessions.values())) {
      if (session.silentFor(now, timeout)) {
        stats.idleClosed++;
        sessions.remove(session.sessionId());
        session.close(
            PeerSession.IDLE,
            "no sign of life for " + config.signalingIdleTimeoutMs() + " ms: connection closed");
        session.onClosed();
      } else {
        session.ping();
      }
    }
    admission.expire(now);
  }

  private void onRoomMessage(Message<JsonObject> message) {
    JsonObject body = message.body();
    PeerSession session = sessions.get(body.getString(RoomMessages.SESSION_ID, ""));
    if (session == null) {
      // Not a protoo connection's: maybe a WHIP session's (closed by its room).
      whip.onRoomMessage(body);
      return;
    }
    switch (body.getString(RoomMessages.METHOD, "")) {
      case Methods.PUSH -> session.send(body.getJsonObject(RoomMessages.MESSAGE));
      case Methods.CLOSE_SESSION -> {
        sessions.remove(session.sessionId());
        session.close(
            PeerSession.CLOSED_BY_ROOM, body.getString(RoomMessages.REASON, "closed by the room"));
      }
      default -> LOG.warning("unknown room message " + body.getString(RoomMessages.METHOD));
    }
  }
}
