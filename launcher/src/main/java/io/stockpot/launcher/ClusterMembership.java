package io.stockpot.launcher;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.multimap.MultiMap;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.MemberLeft;
import io.stockpot.registry.NodeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.spi.cluster.hazelcast.impl.HazelcastRegistrationInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Tells this node's verticles when another Stockpot node leaves the cluster, as a {@link
 * MemberLeft} published locally on {@link Addresses#membership()}.
 *
 * <p>Each Hazelcast member carries its Stockpot node id and roles as member attributes, so a
 * departed member still says who it was. The listener is Hazelcast's own (any number may be added):
 * Vert.x's {@code ClusterManager.nodeListener} has a single slot, which Vert.x itself fills, and
 * taking it would starve Vert.x of the same news.
 */
final class ClusterMembership implements MembershipListener {
  private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());
  static final String NODE_ID_ATTRIBUTE = "stockpot.nodeId";
  static final String ROLES_ATTRIBUTE = "stockpot.roles";

  /** Where Vert.x's Hazelcast cluster manager keeps event-bus subscriptions, and its id key. */
  private static final String SUBSCRIPTIONS = "__vertx.subs";

  private static final String VERTX_NODE_ID_ATTRIBUTE = "__vertx.nodeId";
  private static final int CLEANUP_ATTEMPTS = 10;
  private static final long CLEANUP_RETRY_MS = 200;

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;

  private ClusterMembership(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
  }

  /** Puts this node's id and roles on its Hazelcast member. */
  static void describe(Config hazelcast, NodeConfig node) {
    hazelcast.getMemberAttributeConfig().setAttribute(NODE_ID_ATTRIBUTE, node.nodeId());
    hazelcast
        .getMemberAttributeConfig()
        .setAttribute(ROLES_ATTRIBUTE, String.join(",", node.roles()));
  }

  /** Starts listening; events from before this call are not replayed. */
  static void watch(Vertx vertx, HazelcastClusterManager clusterManager) {
    clusterManager
        .getHazelcastInstance()
        .getCluster()
        .addMembershipListener(new ClusterMembership(vertx, clusterManager.getHazelcastInstance()));
  }

  @Override
  public void memberAdded(MembershipEvent event) {}

  // Called on a Hazelcast thread: publishing is thread-safe, and each consumer runs on its own
  // verticle's context.
  @Override
  public void memberRemoved(MembershipEvent event) {
    Member member = event.getMember();
    String nodeId = member.getAttribute(NODE_ID_ATTRIBUTE);
    if (nodeId == null) {
      return; // not a Stockpot node (e.g. an admin client)
    }
    String roles = member.getAttribute(ROLES_ATTRIBUTE);
    List<String> roleList =
        roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
    MemberLeft left = new MemberLeft(nodeId, roleList);
    LOG.info(() -> "node " + nodeId + " " + roleList + " left the cluster");
    String vertxNodeId = member.getAttribute(VERTX_NODE_ID_ATTRIBUTE);
    vertx
        .executeBlocking(() -> removeSubscriptionsOf(vertxNodeId), false)
        .onComplete(
            ar ->
                vertx
                    .eventBus()
                    .publish(
                        Addresses.membership(),
                        left.toJson(),
                        new DeliveryOptions().setLocalOnly(true)));
  }

  /**
   * Removes the departed node's event-bus subscriptions. Vert.x does the same when a member leaves,
   * but its single try can fail while Hazelcast's partition table still names the dead member ("Not
   * Member!"); the subscriptions then stay, and requests to the dead node's rooms vanish until they
   * time out. Retried here until a pass succeeds.
   */
  private int removeSubscriptionsOf(String vertxNodeId) throws InterruptedException {
    if (vertxNodeId == null) {
      return 0;
    }
    MultiMap<String, HazelcastRegistrationInfo> subs = hazelcast.getMultiMap(SUBSCRIPTIONS);
    for (int attempt = 1; ; attempt++) {
      try {
        int removed = 0;
        for (Map.Entry<String, HazelcastRegistrationInfo> e : subs.entrySet()) {
          if (vertxNodeId.equals(e.getValue().unwrap().nodeId())
              && subs.remove(e.getKey(), e.getValue())) {
            removed++;
          }
        }
        return removed;
      } catch (RuntimeException e) {
        if (attempt >= CLEANUP_ATTEMPTS) {
          LOG.warning("could not remove subscriptions of a departed node: " + e);
          return 0;
        }
        Thread.sleep(CLEANUP_RETRY_MS);
      }
    }
  }
}
