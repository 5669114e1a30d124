package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stockpot.launcher.Node;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two headless Chromium pages of the webroot page, against a real node, see each other. */
@Tag("browser")
class RoomPageBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private Node node;
  private Chromium chromium;

  @BeforeEach
  void start() {
    node = TestNode.start("browser-test", "43000-43099");
    chromium = Chromium.launch(node.vertx());
  }

  @AfterEach
  void stop() {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      Waits.await(node.stop());
    }
  }

  @Test
  void twoPagesInOneRoomListEachOther() {
    String base = "http://127.0.0.1:" + node.httpPort() + "/?room=lobby";
    try (Page alice = chromium.newPage(base + "&peerId=alice&name=Alice");
        Page bob = chromium.newPage(base + "&peerId=bob&name=Bob")) {
      alice.waitFor("window.stockpot.peers.includes('bob')", WAIT);
      bob.waitFor("window.stockpot.peers.includes('alice')", WAIT);
      // The page shows them too, by display name.
      assertEquals(
          "Bob",
          alice
              .eval("document.querySelector('#peers li[data-peer-id=\"bob\"]').textContent")
              .toString()
              .trim());
      bob.screenshot(Path.of("target", "e2e", "room-two-peers.png"));

      JsonArray rooms = Waits.await(node.status()).getJsonArray("rooms");
      assertEquals(1, rooms.size(), rooms.encode());
      assertEquals(2, rooms.getJsonObject(0).getJsonArray("peers").size());

      bob.close();
      alice.waitFor("!window.stockpot.peers.includes('bob')", WAIT);
      alice.waitFor("!document.querySelector('#peers li[data-peer-id=\"bob\"]')", WAIT);
    }
  }
}
