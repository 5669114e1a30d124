package io.stockpot.launcher;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.MemberLeft;
import io.stockpot.registry.NodeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Arrays;
import java.util.List;
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

  private final Vertx vertx;

  private ClusterMembership(Vertx vertx) {
    this.vertx = vertx;
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
        .addMembershipListener(new ClusterMembership(vertx));
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
    vertx
        .eventBus()
        .publish(Addresses.membership(), left.toJson(), new DeliveryOptions().setLocalOnly(true));
  }
}
