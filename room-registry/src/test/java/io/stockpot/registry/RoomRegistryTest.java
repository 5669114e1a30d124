package io.stockpot.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Placement rules of the registry on a single node's local shared data. */
class RoomRegistryTest {
  private Vertx vertx;
  private RoomRegistry registry;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    registry = new RoomRegistry(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static NodeInfo node(String id, int rooms, int peers, int freeSlices, boolean draining) {
    return new NodeInfo(id, "127.0.0.1", 40000, 40099, rooms, peers, freeSlices, draining, 0);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  @Test
  void placesOnTheLeastLoadedNodeAndSticks() throws Exception {
    await(registry.announce(node("busy", 5, 20, 10, false)));
    await(registry.announce(node("idle", 1, 2, 10, false)));
    await(registry.announce(node("full", 0, 0, 0, false)));
    await(registry.announce(node("draining", 0, 0, 10, true)));
    RoomLocation first = await(registry.place("r1"));
    assertEquals("idle", first.nodeId());
    // Load changes do not move a placed room.
    await(registry.announce(node("idle", 50, 200, 10, false)));
    assertEquals(first, await(registry.place("r1")));
    assertEquals("busy", await(registry.place("r2")).nodeId());
  }

  @Test
  void noNodeMeansUnavailable() throws Exception {
    Future<RoomLocation> f = registry.place("r1");
    Throwable err =
        f.transform(ar -> Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);
    RequestException re = assertInstanceOf(RequestException.class, err);
    assertEquals(ErrorCodes.UNAVAILABLE, re.code());
  }

  @Test
  void roomOfAGoneNodeIsPlacedAgain() throws Exception {
    await(registry.announce(node("a", 0, 0, 10, false)));
    assertEquals("a", await(registry.place("r1")).nodeId());
    await(registry.withdraw("a"));
    await(registry.announce(node("b", 0, 0, 10, false)));
    assertEquals("b", await(registry.place("r1")).nodeId());
  }

  @Test
  void concurrentPlacementsAgree() throws Exception {
    await(registry.announce(node("a", 0, 0, 10, false)));
    await(registry.announce(node("b", 0, 0, 10, false)));
    List<Future<RoomLocation>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(registry.place("same"));
    }
    await(Future.all(all));
    RoomLocation winner = all.get(0).result();
    for (Future<RoomLocation> f : all) {
      assertEquals(winner, f.result());
    }
  }

  @Test
  void releaseOnlyByTheHolder() throws Exception {
    await(registry.announce(node("a", 0, 0, 10, false)));
    await(registry.place("r1"));
    assertFalse(await(registry.releaseIfHeldBy("r1", "b")));
    assertTrue(await(registry.releaseIfHeldBy("r1", "a")));
    assertNull(await(registry.locate("r1")));
  }

  @Test
  void aBurstOfNewRoomsSpreadsBeforeAnnouncementsCatchUp() throws Exception {
    await(registry.announce(node("a", 0, 0, 10, false)));
    await(registry.announce(node("b", 0, 0, 10, false)));
    int onA = 0;
    for (int i = 0; i < 4; i++) {
      if ("a".equals(await(registry.place("burst-" + i)).nodeId())) {
        onA++;
      }
    }
    assertEquals(2, onA, "4 rooms over 2 idle nodes whose announcements still say 0 rooms");
  }

  @Test
  void forwardedBitrateBreaksTies() throws Exception {
    await(
        registry.announce(
            new NodeInfo("heavy", "127.0.0.1", 1, 100, 1, 2, 8_000_000, 10, false, 0)));
    await(
        registry.announce(new NodeInfo("light", "127.0.0.1", 1, 100, 1, 2, 100_000, 10, false, 0)));
    assertEquals("light", await(registry.place("r1")).nodeId());
    NodeInfo parsed =
        NodeInfo.fromJson(new NodeInfo("n", "ip", 1, 2, 3, 4, 5_000_000, 6, true, 7).toJson());
    assertEquals(5_000_000, parsed.bitrate());
    assertTrue(parsed.draining());
  }

  @Test
  void releaseAllRemovesOnlyTheGoneNodesUnchangedEntries() throws Exception {
    await(registry.announce(node("dead", 0, 0, 10, false)));
    await(registry.place("r1"));
    await(registry.place("r2"));
    await(registry.withdraw("dead"));
    await(registry.announce(node("alive", 0, 0, 10, false)));
    // r2 is placed again on a live node before the dead node's entries are released.
    assertEquals("alive", await(registry.place("r2")).nodeId());
    assertEquals(1, await(registry.releaseAll("dead")));
    assertNull(await(registry.locate("r1")));
    assertEquals("alive", await(registry.locate("r2")).nodeId());
  }
}
