package io.stockpot.launcher;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.stockpot.media.MediaNodeVerticle;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.Methods;
import io.stockpot.registry.NodeConfig;
import io.stockpot.registry.RoomMessages;
import io.stockpot.signaling.SignalingVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/** A running Stockpot node: one Vert.x instance and the verticles of its roles. */
public final class Node {
  private static final Logger LOG = Logger.getLogger(Node.class.getName());
  private static final long NODE_STATS_INTERVAL_MS = 1_000;

  private final Vertx vertx;
  private final NodeConfig config;
  private final ClusterManager clusterManager;
  private final long startedAt = System.currentTimeMillis();
  private final EventBusTraffic traffic = new EventBusTraffic();
  private String host = "";
  private SignalingVerticle signaling;
  private HttpServer healthServer;

  private Node(Vertx vertx, NodeConfig config, ClusterManager clusterManager) {
    this.vertx = vertx;
    this.config = config;
    this.clusterManager = clusterManager;
  }

  public static Future<Node> start(Options options) {
    NodeConfig config = options.toNodeConfig();
    if (options.adminTokenGenerated()) {
      // Logged once, never stored: set --admin-token to keep one across restarts.
      LOG.warning(
          "no --admin-token given; this node's admin token is "
              + config.adminToken()
              + " (open /admin/?token=…)");
    }
    if (!config.tokensRequired()) {
      LOG.warning(
          "--room-auth open: anyone may join any room as any peer (demo mode); set --jwt-secret"
              + " or --jwt-public-key to require room tokens");
    }
    VertxOptions vertxOptions =
        new VertxOptions()
            .setPreferNativeTransport(true)
            .setMetricsOptions(MetricsSetup.options(config.nodeId()));
    Future<Vertx> vertx;
    HazelcastClusterManager cm = null;
    if (options.cluster()) {
      String host = options.get("cluster-host");
      vertxOptions.getEventBusOptions().setHost(host).setClusterPublicHost(host);
      Config hazelcast = hazelcastConfig(options.get("cluster-config"), host);
      ClusterMembership.describe(hazelcast, config);
      cm = new HazelcastClusterManager(hazelcast);
      HazelcastClusterManager joined = cm;
      vertx =
          Vertx.builder()
              .with(vertxOptions)
              .withClusterManager(cm)
              .buildClustered()
              .onSuccess(v -> ClusterMembership.watch(v, joined));
    } else {
      vertx = Future.succeededFuture(Vertx.builder().with(vertxOptions).build());
    }
    HazelcastClusterManager clusterManager = cm;
    String host = options.cluster() ? options.get("cluster-host") : config.announcedIp();
    return vertx.compose(
        v -> {
          Node node = new Node(v, config, clusterManager);
          node.host = host;
          return node.deploy();
        });
  }

  static Config hazelcastConfig(String path, String host) {
    Config config;
    try {
      if (path != null && !path.isEmpty()) {
        config = new FileSystemXmlConfig(path);
      } else if (Files.exists(Path.of("cluster.xml"))) {
        config = new FileSystemXmlConfig("cluster.xml");
      } else {
        try (InputStream in = Node.class.getResourceAsStream("/cluster.xml")) {
          config = new XmlConfigBuilder(in).build();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the cluster config: " + e.getMessage(), e);
    }
    // Bind and announce this host's address only, never whatever interface Hazelcast picks.
    config.setProperty("hazelcast.local.localAddress", host);
    return config;
  }

  private Future<Node> deploy() {
    traffic.install(vertx.eventBus());
    Future<?> media =
        config.hasRole(NodeConfig.ROLE_MEDIA)
            ? vertx.deployVerticle(new MediaNodeVerticle(config))
            : Future.succeededFuture();
    return media
        .compose(
            v -> {
              if (config.hasRole(NodeConfig.ROLE_SIGNALING)) {
                SignalingVerticle verticle = new SignalingVerticle(config);
                return vertx
                    .deployVerticle(verticle)
                    .onSuccess(id -> signaling = verticle)
                    .mapEmpty();
              }
              return healthOnly();
            })
        .compose(
            v ->
                // Only a node that is ready answers for itself or publishes its figures.
                vertx
                    .eventBus()
                    .localConsumer(
                        Addresses.nodeStatus(config.nodeId()), m -> status().onSuccess(m::reply))
                    .completion())
        .map(
            v -> {
              vertx.setPeriodic(NODE_STATS_INTERVAL_MS, id -> publishNodeStats());
              LOG.info(
                  () ->
                      "Stockpot node "
                          + config.nodeId()
                          + " "
                          + config.roles()
                          + " ready in "
                          + (System.currentTimeMillis() - startedAt())
                          + " ms (JVM up "
                          + ManagementFactory.getRuntimeMXBean().getUptime()
                          + " ms), HTTP port "
                          + httpPort());
              return this;
            })
        .recover(
            err -> {
              // Logged here: once Vert.x is closed, the failed future may reach no listener.
              LOG.log(java.util.logging.Level.SEVERE, "node failed to start", err);
              return vertx.close().transform(x -> Future.failedFuture(err));
            });
  }

  /** Who this node is and how it fares, for the admin dashboard (every node listening). */
  private void publishNodeStats() {
    long now = System.currentTimeMillis();
    Runtime rt = Runtime.getRuntime();
    double cpu = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      cpu = os.getProcessCpuLoad();
    }
    JsonObject stats =
        new JsonObject()
            .put("nodeId", config.nodeId())
            .put("roles", new JsonArray(config.roles()))
            .put("host", host)
            .put("httpPort", httpPort())
            .put("uptimeMs", now - startedAt)
            .put("cpu", cpu < 0 ? null : Math.round(cpu * 1000) / 1000.0)
            .put("cpus", rt.availableProcessors())
            .put("heapUsed", rt.totalMemory() - rt.freeMemory())
            .put("heapMax", rt.maxMemory())
            .put("clusterMembers", clusterManager == null ? 1 : clusterManager.getNodes().size())
            .put("eventBus", traffic.snapshot(now))
            .put("timestamp", now);
    vertx.eventBus().publish(Addresses.NODE_STATS, stats);
  }

  private long startedAt() {
    return startedAt;
  }

  /** A media-only node still answers {@code /health}. */
  private Future<Void> healthOnly() {
    return vertx
        .createHttpServer()
        .requestHandler(
            req -> {
              if (!"/health".equals(req.path())) {
                req.response().setStatusCode(404).end();
                return;
              }
              status()
                  .onSuccess(
                      s ->
                          req.response()
                              .putHeader("content-type", "application/json")
                              .end(s.encode()));
            })
        .listen(config.httpPort(), config.httpHost())
        .onSuccess(s -> healthServer = s)
        .mapEmpty();
  }

  /** What {@code /health} says: who this node is, its cluster, its rooms. */
  public Future<JsonObject> status() {
    JsonObject status =
        new JsonObject()
            .put("status", "ok")
            .put("nodeId", config.nodeId())
            .put("roles", new JsonArray(config.roles()))
            .put("uptimeMs", System.currentTimeMillis() - startedAt)
            .put("clustered", clusterManager != null)
            .put("clusterMembers", clusterManager == null ? 1 : clusterManager.getNodes().size());
    if (!config.hasRole(NodeConfig.ROLE_MEDIA)) {
      return Future.succeededFuture(status.put("rooms", new JsonArray()));
    }
    return vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.mediaNode(config.nodeId()),
            new JsonObject().put(RoomMessages.METHOD, Methods.NODE_STATUS))
        .map(
            reply ->
                status
                    .put("rooms", reply.body().getJsonArray("rooms", new JsonArray()))
                    .put("freePortSlices", reply.body().getInteger("freePortSlices")))
        .otherwise(err -> status.put("rooms", new JsonArray()));
  }

  public Vertx vertx() {
    return vertx;
  }

  public NodeConfig config() {
    return config;
  }

  public int httpPort() {
    if (signaling != null) {
      return signaling.actualPort();
    }
    return healthServer != null ? healthServer.actualPort() : -1;
  }

  /**
   * Stops the node. A media node drains first: its rooms' peers are told to move and rejoin on
   * another media node, instead of losing their connections with the room.
   */
  public Future<Void> stop() {
    Future<?> drained =
        config.hasRole(NodeConfig.ROLE_MEDIA) && clusterManager != null
            ? Admin.drain(vertx, config.nodeId())
                .onSuccess(reply -> LOG.info("drained before stopping: " + reply.encode()))
                .onFailure(err -> LOG.warning("drain before stopping failed: " + err.getMessage()))
            : Future.succeededFuture();
    return drained.transform(ar -> vertx.close());
  }
}
