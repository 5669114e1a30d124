package io.stockpot.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.e2e.NodeAndBrowser;
import io.stockpot.e2e.Page;
import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.auth.RoomTokens;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An aiortc WHIP publisher (RFC 9725) is a peer of the room: a Chromium page joined with a room
 * token decodes its video and receives its audio; the publisher's DELETE removes it from the page.
 */
@Tag("browser")
class WhipBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SECRET = "whip-browser-test-secret-0123456789";

  @RegisterExtension
  final NodeAndBrowser env =
      new NodeAndBrowser("whip-browser-test", "47600-47699", "--jwt-secret", SECRET);

  private String token(String peer, Set<String> grants) {
    return RoomTokens.hs256(env.node().vertx(), SECRET)
        .mint("stage", peer, "Name of " + peer, grants, 600);
  }

  private static String statsOf(String peerId, String kind) {
    return "window.stockpot.recvStats().then(all => all.find(s => s.peerId === '"
        + peerId
        + "' && s.kind === '"
        + kind
        + "') || null)";
  }

  @Test
  void aiortcPublisherIsSeenByAChromiumPage() throws Exception {
    try (Page viewer =
        env.chromium().newPage(env.url("/?token=" + token("viewer", RoomToken.DEFAULT_GRANTS)))) {
      viewer.waitFor("window.stockpot.joined === true", WAIT);
      long started = System.nanoTime();
      try (WhipPublisher obs =
          WhipPublisher.start(env.url("/whip/stage"), token("obs", Set.of(RoomToken.PUBLISH)))) {
        assertEquals("status 201", obs.awaitLine("status", WAIT));
        assertTrue(obs.awaitLine("location", WAIT).contains("/whip/stage/"));
        obs.awaitLine("connection connected", WAIT);
        System.out.printf(
            "WHIP publisher connected %d ms after start%n",
            (System.nanoTime() - started) / 1_000_000);
        viewer.waitFor(statsOf("obs", "video") + ".then(s => s && s.framesDecoded > 30)", WAIT);
        System.out.printf(
            "page decoded 30 frames of the WHIP publisher %d ms after its start%n",
            (System.nanoTime() - started) / 1_000_000);
        viewer.waitFor(statsOf("obs", "audio") + ".then(s => s && s.packetsReceived > 50)", WAIT);
        assertEquals(
            "Name of obs",
            viewer.eval(
                "document.querySelector('#peers li[data-peer-id=\"obs\"]').textContent.trim()"));
        obs.stop(WAIT);
        assertEquals("deleted 200", obs.awaitLine("deleted", WAIT));
      }
      viewer.waitFor("document.querySelector('#peers li[data-peer-id=\"obs\"]') === null", WAIT);
      viewer.waitFor(statsOf("obs", "video") + ".then(s => s === null)", WAIT);
    }
  }
}
