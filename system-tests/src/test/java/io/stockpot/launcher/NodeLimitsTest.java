package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.testkit.ProtooTestClient;
import io.stockpot.testkit.ProtooTestClient.Transport;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.Future;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A media node's room limit and the rate of new connections from one address. */
class NodeLimitsTest {
  private static Node node;

  @BeforeAll
  static void startNode() {
    node =
        TestNode.start(
            "node-limits-test",
            "42380-42399",
            "--max-rooms-per-node",
            "1",
            "--max-joins-per-second-per-ip",
            "1");
  }

  @AfterAll
  static void stopNode() {
    Waits.await(node.stop());
  }

  @Test
  void aFullNodeRefusesANewRoomAndAFloodOfConnectionsIsThrottled() {
    List<ProtooTestClient> clients = new ArrayList<>();
    try {
      // Two connections: the burst one address may open at once (twice the rate).
      ProtooTestClient first =
          ProtooTestClient.connect(
              node.vertx(), Transport.WEBSOCKET, node.httpPort(), "peerId=a&roomId=one");
      clients.add(first);
      first.requestOk("getRouterRtpCapabilities", null);
      ProtooTestClient second =
          ProtooTestClient.connect(
              node.vertx(), Transport.WEBSOCKET, node.httpPort(), "peerId=b&roomId=two");
      clients.add(second);
      JsonObject refused = second.request("getRouterRtpCapabilities", null);
      assertFalse(refused.getBoolean("ok"), refused.encode());
      assertEquals(429, refused.getInteger("errorCode"), refused.encode());
      assertTrue(refused.getString("errorReason").contains("maximum of 1 rooms"), refused.encode());

      // Ten more at once from the same address: most are turned away, with the reason.
      List<Future<ProtooTestClient>> flood = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        flood.add(
            ProtooTestClient.tryConnect(
                node.vertx(),
                Transport.WEBSOCKET,
                node.httpPort(),
                "peerId=f" + i + "&roomId=one"));
      }
      int throttled = 0;
      for (Future<ProtooTestClient> attempt : flood) {
        Waits.until("attempt decided", Duration.ofSeconds(20), attempt::isComplete);
        if (attempt.succeeded()) {
          clients.add(attempt.result());
        } else {
          UpgradeRejectedException e = (UpgradeRejectedException) attempt.cause();
          assertEquals(429, e.getStatus());
          assertTrue(e.getBody().toString().contains("too many new connections"));
          throttled++;
        }
      }
      assertTrue(throttled >= 1, "a flood of connections is throttled");
      // The room's peer was not hurt by either refusal.
      first.requestOk("getRouterRtpCapabilities", null);
    } finally {
      clients.forEach(ProtooTestClient::close);
    }
  }
}
