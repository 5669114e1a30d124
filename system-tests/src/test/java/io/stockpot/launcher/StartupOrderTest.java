package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.registry.NodeConfig;
import io.stockpot.signaling.SignalingVerticle;
import io.stockpot.testkit.Waits;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Nothing asks the signaling verticle for its port too early without an answer: before it listens
 * it says -1, as a stats publisher running during its deployment sees.
 */
class StartupOrderTest {
  @Test
  void thePortIsUnknownUntilTheServerListens() {
    NodeConfig config =
        Options.parse(
                new String[] {
                  "--http-port", "0", "--http-host", "127.0.0.1", "--roles", "signaling"
                },
                Map.of())
            .toNodeConfig();
    Vertx vertx = Vertx.vertx();
    try {
      SignalingVerticle signaling = new SignalingVerticle(config);
      assertEquals(-1, signaling.actualPort());
      // Asked every millisecond while it deploys, as the node's stats timer once did.
      List<Object> seen = new CopyOnWriteArrayList<>();
      long timer =
          vertx.setPeriodic(
              1,
              id -> {
                try {
                  seen.add(signaling.actualPort());
                } catch (RuntimeException e) {
                  seen.add(e);
                }
              });
      Waits.await(vertx.deployVerticle(signaling));
      vertx.cancelTimer(timer);
      int port = signaling.actualPort();
      assertTrue(port > 0, "listening on " + port);
      for (Object answer : seen) {
        assertTrue(answer.equals(-1) || answer.equals(port), "asked too early: " + answer);
      }
    } finally {
      Waits.await(vertx.close());
    }
  }
}
