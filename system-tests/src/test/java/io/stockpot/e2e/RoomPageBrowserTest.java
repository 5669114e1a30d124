package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two headless Chromium pages of the webroot page, against a real node, see each other. */
@Tag("browser")
class RoomPageBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension final NodeAndBrowser env = new NodeAndBrowser("browser-test", "43000-43099");

  @Test
  void twoPagesInOneRoomListEachOther() {
    String base = "http://127.0.0.1:" + env.node().httpPort() + "/?room=lobby";
    try (Page alice = env.chromium().newPage(base + "&peerId=alice&name=Alice");
        Page bob = env.chromium().newPage(base + "&peerId=bob&name=Bob")) {
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

      JsonArray rooms = Waits.await(env.node().status()).getJsonArray("rooms");
      assertEquals(1, rooms.size(), rooms.encode());
      assertEquals(2, rooms.getJsonObject(0).getJsonArray("peers").size());

      bob.close();
      alice.waitFor("!window.stockpot.peers.includes('bob')", WAIT);
      alice.waitFor("!document.querySelector('#peers li[data-peer-id=\"bob\"]')", WAIT);
    }
  }
}
