package io.stockpot.launcher;

import com.hazelcast.config.Config;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.Methods;
import io.stockpot.registry.RoomMessages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Operator commands sent to nodes over the cluster's event bus. {@code bin/stockpot-admin drain
 * <node-id>} joins the cluster as a Hazelcast lite member (it holds no data), asks the media node
 * to drain, prints its answer and leaves.
 */
public final class Admin {
  /** How long a drain may take: every room's peers are told to move, then its room closes. */
  static final long DRAIN_TIMEOUT_MS = 30_000;

  private Admin() {}

  /**
   * Asks a media node to drain: it takes no new rooms and moves its rooms' peers elsewhere. Answers
   * {@code {nodeId, movedRooms}} once its rooms are closed.
   */
  public static Future<JsonObject> drain(Vertx vertx, String nodeId) {
    return vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.mediaNode(nodeId),
            new JsonObject().put(RoomMessages.METHOD, Methods.DRAIN),
            new DeliveryOptions().setSendTimeout(DRAIN_TIMEOUT_MS))
        .map(reply -> reply.body());
  }

  /** Usage: {@code drain <node-id> [--cluster-config file] [--cluster-host address]}. */
  public static void main(String[] args) throws Exception {
    Logging.configure();
    if (args.length > 0 && "token".equals(args[0])) {
      // Minting needs no cluster: only the key.
      try {
        System.out.println(
            TokenCommand.mint(Arrays.copyOfRange(args, 1, args.length), System.getenv()));
        System.exit(0);
      } catch (IllegalArgumentException e) {
        System.err.println("stockpot-admin: " + e.getMessage());
        System.exit(2);
      }
      return;
    }
    if (args.length < 2 || !"drain".equals(args[0])) {
      System.err.println(
          "usage: stockpot-admin drain <node-id> [--cluster-config file] [--cluster-host address]\n"
              + "       "
              + TokenCommand.USAGE.substring("usage: ".length()));
      System.exit(2);
      return;
    }
    String configPath = "";
    String host = "127.0.0.1";
    for (int i = 2; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--cluster-config" -> configPath = args[i + 1];
        case "--cluster-host" -> host = args[i + 1];
        default -> {
          System.err.println("stockpot-admin: unknown flag " + args[i]);
          System.exit(2);
          return;
        }
      }
    }
    Config hazelcast = Node.hazelcastConfig(configPath, host);
    hazelcast.setLiteMember(true);
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost(host).setClusterPublicHost(host);
    Vertx vertx =
        Vertx.builder()
            .with(options)
            .withClusterManager(new HazelcastClusterManager(hazelcast))
            .buildClustered()
            .await(60, TimeUnit.SECONDS);
    int status = 0;
    try {
      System.out.println(
          drain(vertx, args[1]).await(DRAIN_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS));
    } catch (Exception e) {
      System.err.println("stockpot-admin: drain of " + args[1] + " failed: " + e.getMessage());
      status = 1;
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    System.exit(status);
  }
}
