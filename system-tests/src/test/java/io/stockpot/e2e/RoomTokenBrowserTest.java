package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.auth.RoomTokens;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page on a node that admits only room tokens: pages with minted tokens join and their media
 * flows; a page with a bad or missing token shows a banner saying what to do.
 */
@Tag("browser")
class RoomTokenBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SECRET = "browser-token-test-secret-0123456789";

  @RegisterExtension
  final NodeAndBrowser env =
      new NodeAndBrowser("token-browser-test", "43300-43399", "--jwt-secret", SECRET);

  private String token(String room, String peer) {
    return RoomTokens.hs256(env.node().vertx(), SECRET)
        .mint(room, peer, "Name of " + peer, RoomToken.DEFAULT_GRANTS, 600);
  }

  /** JS: the receive stats of {@code peerId}'s video consumer, or null. */
  private static String videoStatsOf(String peerId) {
    return "window.stockpot.recvStats().then(all => all.find(s => s.peerId === '"
        + peerId
        + "' && s.kind === 'video') || null)";
  }

  @Test
  void pagesWithMintedTokensJoinAndSeeEachOther() {
    try (Page ada = env.chromium().newPage(env.url("/?token=" + token("guild", "ada")));
        Page bo = env.chromium().newPage(env.url("/?token=" + token("guild", "bo")))) {
      ada.waitFor(videoStatsOf("bo") + ".then(s => s && s.framesDecoded > 10)", WAIT);
      bo.waitFor(videoStatsOf("ada") + ".then(s => s && s.framesDecoded > 10)", WAIT);
      // The token named the room, the peer and its name; the URL named none of them.
      assertEquals("guild", ada.eval("window.stockpot.roomId"));
      assertEquals("ada", ada.eval("window.stockpot.peerId"));
      assertEquals(
          "Name of bo",
          ada.eval("document.querySelector('#peers li[data-peer-id=\"bo\"]').textContent.trim()"));
      assertEquals(Boolean.TRUE, ada.eval("document.getElementById('access-banner').hidden"));
    }
  }

  @Test
  void aBadOrMissingTokenShowsABanner() {
    String forged =
        RoomTokens.hs256(env.node().vertx(), "not-the-node-secret-0123456789")
            .mint("guild", "eve", null, Set.of("publish", "subscribe"), 600);
    try (Page refused = env.chromium().newPage(env.url("/?token=" + forged));
        Page missing = env.chromium().newPage(env.url("/?room=guild&peerId=nobody"))) {
      refused.waitFor("window.stockpot.accessRefused !== null", WAIT);
      missing.waitFor("window.stockpot.accessRefused !== null", WAIT);
      JsonObject bad = (JsonObject) refused.eval("window.stockpot.accessRefused");
      assertEquals("refused", bad.getString("kind"), bad.encode());
      assertTrue(bad.getString("reason").contains("signature"), bad.encode());
      assertEquals(
          "missing",
          ((JsonObject) missing.eval("window.stockpot.accessRefused")).getString("kind"));
      // The banner is on the page, not only in the state.
      assertEquals(Boolean.FALSE, refused.eval("document.getElementById('access-banner').hidden"));
      String text = refused.eval("document.getElementById('access-banner').innerText").toString();
      assertTrue(text.contains("refused") && text.contains("new link"), text);
      assertEquals("closed", refused.eval("window.stockpot.status"));
      refused.screenshot(Path.of("target", "e2e", "token-refused-banner.png"));
      missing.screenshot(Path.of("target", "e2e", "token-missing-banner.png"));
    }
  }
}
