package io.stockpot.signaling.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.NodeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.List;

/**
 * The admin plane of a signaling node: the REST API ({@code /api/}), the dashboard's event-bus
 * bridge ({@code /eventbus}), Prometheus metrics ({@code /metrics}). The dashboard page itself is
 * part of the webroot ({@code /admin/}).
 */
public final class AdminRoutes {
  private static final long EXPIRE_INTERVAL_MS = 5_000;

  private final Vertx vertx;
  private final List<MessageConsumer<JsonObject>> consumers;
  private final long expireTimer;

  private AdminRoutes(Vertx vertx, List<MessageConsumer<JsonObject>> consumers, long timer) {
    this.vertx = vertx;
    this.consumers = consumers;
    this.expireTimer = timer;
  }

  /** The Micrometer registry Vert.x's metrics of a node go to; the launcher names it so. */
  public static String registryName(String nodeId) {
    return "stockpot-" + nodeId;
  }

  /** Mounts the admin routes on {@code router}; completes once its consumers are registered. */
  public static Future<AdminRoutes> mount(Vertx vertx, Router router, NodeConfig config) {
    AdminToken token = new AdminToken(config.adminToken());
    AdminActions actions = new AdminActions(vertx);
    new AdminApi(token, actions, new TokenMinting(vertx, config)).mount(router);
    DashboardBridge bridge = new DashboardBridge(vertx, token, actions);
    // The dashboard's SockJS XHR fallback reads its body from a BodyHandler (POSTs only).
    router.post("/eventbus/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.route("/eventbus/*").subRouter(bridge.router());

    MeterRegistry found = BackendRegistries.getNow(registryName(config.nodeId()));
    // Vert.x built without metrics (embedded use): /metrics still has Stockpot's own.
    PrometheusMeterRegistry prometheus =
        found instanceof PrometheusMeterRegistry p
            ? p
            : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    MediaMetrics metrics = new MediaMetrics(prometheus);

    MessageConsumer<JsonObject> media =
        vertx
            .eventBus()
            .consumer(
                Addresses.MEDIA_STATS,
                m -> metrics.onSnapshot(m.body(), System.currentTimeMillis()));
    MessageConsumer<JsonObject> nodes =
        vertx.eventBus().consumer(Addresses.NODE_STATS, m -> actions.onNodeStats(m.body()));
    MessageConsumer<JsonObject> commands = bridge.commands();
    long timer =
        vertx.setPeriodic(EXPIRE_INTERVAL_MS, id -> metrics.expire(System.currentTimeMillis()));
    List<MessageConsumer<JsonObject>> all = List.of(media, nodes, commands);
    return Future.all(all.stream().map(MessageConsumer::completion).toList())
        .map(v -> new AdminRoutes(vertx, all, timer));
  }

  public Future<Void> close() {
    vertx.cancelTimer(expireTimer);
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
