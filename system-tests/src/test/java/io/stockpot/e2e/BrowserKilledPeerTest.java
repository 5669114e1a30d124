package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser killed mid-call (SIGKILL to Chromium and all its processes): the server closes its
 * transports, producers and consumers, and the other page drops it from its peer list. The node
 * runs with a 5 s consent timeout, so whichever notices first — the dead signaling connection or
 * the silent media path — the peer goes; {@code IceConsentTimeoutTest} shows the consent path
 * alone.
 */
@Tag("browser")
class BrowserKilledPeerTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @RegisterExtension
  final NodeAndBrowser env =
      new NodeAndBrowser("browser-killed", "48840-48859", "--ice-consent-timeout", "5");

  @Test
  void aKilledBrowserLeavesTheCall() throws Exception {
    String base = env.url("/?room=killed&peerId=");
    Chromium victimBrowser = Chromium.launch();
    try (Page survivor = env.chromium().newPage(base + "survivor")) {
      Page victim = victimBrowser.newPage(base + "victim");
      String decoding =
          "window.stockpot.recvStats().then(all => all.some(s => s.kind === 'video'"
              + " && s.framesDecoded > 30))";
      survivor.waitFor(decoding, WAIT);
      victim.waitFor(decoding, WAIT);
      assertEquals(4, room().getInteger("producers"), room().encode());

      long killedAt = System.nanoTime();
      victimBrowser.killHard();
      survivor.waitFor("!window.stockpot.peers.includes('victim')", WAIT);
      System.out.printf(
          "killed browser: the other page dropped it %d ms after SIGKILL%n",
          (System.nanoTime() - killedAt) / 1_000_000);
      Waits.until(
          "the victim's producers and consumers to close",
          WAIT,
          () -> room().getInteger("producers") == 2 && room().getInteger("consumers") == 0);
      JsonObject room = room();
      assertEquals(new JsonArray().add("survivor"), room.getJsonArray("peers"), room.encode());
      assertEquals(1, room.getJsonArray("peerStats").size(), room.encode());
    } finally {
      victimBrowser.close();
    }
  }

  private JsonObject room() {
    return Waits.await(env.node().status()).getJsonArray("rooms").getJsonObject(0);
  }
}
