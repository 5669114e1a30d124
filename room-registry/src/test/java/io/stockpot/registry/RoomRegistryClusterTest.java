package io.stockpot.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two real Hazelcast members (in this JVM, on loopback) place the same rooms at the same time:
 * every room ends up on exactly one node, and both members agree which.
 */
@Tag("cluster")
class RoomRegistryClusterTest {
  private final List<Vertx> members = new ArrayList<>();

  @BeforeEach
  void startMembers() throws Exception {
    for (int i = 0; i < 2; i++) {
      Config config = new Config().setClusterName("stockpot-registry-test");
      config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
      config.setProperty("hazelcast.wait.seconds.before.join", "1");
      config.setProperty("hazelcast.logging.type", "jdk");
      config.getNetworkConfig().setPort(5931).setPortAutoIncrement(true).setPortCount(5);
      config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
      config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
      config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
      VertxOptions options = new VertxOptions();
      options.getEventBusOptions().setHost("127.0.0.1");
      members.add(
          Vertx.builder()
              .with(options)
              .withClusterManager(new HazelcastClusterManager(config))
              .buildClustered()
              .await(60, TimeUnit.SECONDS));
    }
  }

  @AfterEach
  void stopMembers() throws Exception {
    for (Vertx v : members) {
      v.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void concurrentFirstJoinsOnTwoMembersCreateOneRoomEach() throws Exception {
    RoomRegistry a = new RoomRegistry(members.get(0));
    RoomRegistry b = new RoomRegistry(members.get(1));
    a.announce(new NodeInfo("media-1", "127.0.0.1", 1, 100, 0, 0, 10, false, 0))
        .await(10, TimeUnit.SECONDS);
    b.announce(new NodeInfo("media-2", "127.0.0.1", 101, 200, 0, 0, 10, false, 0))
        .await(10, TimeUnit.SECONDS);
    List<Future<RoomLocation>> fromA = new ArrayList<>();
    List<Future<RoomLocation>> fromB = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      fromA.add(a.place("room-" + i));
      fromB.add(b.place("room-" + i));
    }
    Future.all(new ArrayList<Future<?>>(fromA)).await(30, TimeUnit.SECONDS);
    Future.all(new ArrayList<Future<?>>(fromB)).await(30, TimeUnit.SECONDS);
    for (int i = 0; i < 30; i++) {
      RoomLocation seenByA = fromA.get(i).result();
      assertEquals(seenByA, fromB.get(i).result(), "both members agree on room-" + i);
      assertEquals(seenByA, a.locate("room-" + i).await(10, TimeUnit.SECONDS));
    }
  }
}
