package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.registry.StatsFields;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Send-side estimation with Chromium: the server numbers what it forwards with each receiving
 * transport's own transport-wide sequence, Chromium keeps decoding and answers with transport-cc
 * feedback that matches what was sent, and getTransportStats reports the estimate
 * (availableOutgoingBitrate) between the floor and the ceiling.
 */
@Tag("browser")
class BrowserBandwidthEstimateTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension final NodeAndBrowser env = new NodeAndBrowser("browser-bwe", "48900-48939");

  private static JsonObject recvTransportStats(Page page) {
    JsonArray stats =
        (JsonArray)
            page.eval(
                "window.stockpot.request('getTransportStats', {transportId:"
                    + " window.stockpot.transportIds.recv})");
    return stats.getJsonObject(0);
  }

  @Test
  void chromiumFeedsBackOnOurSequenceAndTheEstimateIsReported() throws Exception {
    String base = "http://127.0.0.1:" + env.node().httpPort() + "/?room=bwe&peerId=";
    try (Page a = env.chromium().newPage(base + "a");
        Page b = env.chromium().newPage(base + "b")) {
      String decoding =
          "window.stockpot.recvStats().then(all => all.some(s => s.kind === 'video'"
              + " && s.framesDecoded > 100))";
      a.waitFor(decoding, WAIT);
      b.waitFor(decoding, WAIT);
      for (Page page : new Page[] {a, b}) {
        JsonObject stats = recvTransportStats(page);
        JsonObject cc = stats.getJsonObject("congestionControl");
        long estimate = stats.getLong("availableOutgoingBitrate");
        System.out.println(
            "receive transport: availableOutgoingBitrate="
                + estimate
                + " sendBitrate="
                + stats.getLong("sendBitrate")
                + " congestionControl="
                + cc.encode());
        assertTrue(cc.getLong("packetsNumbered") > 100, cc.encode());
        assertTrue(cc.getLong("feedbackReceived") > 10, cc.encode());
        assertEquals(0L, cc.getLong("feedbackInvalid"), cc.encode());
        // Every packet Chromium reports is one this transport sent, under the number we gave it.
        assertEquals(0L, cc.getLong("packetsUnmatched"), cc.encode());
        assertTrue(
            cc.getLong("packetsAcknowledged") > 0.9 * cc.getLong("packetsNumbered") - 200,
            cc.encode());
        assertTrue(estimate >= 100_000 && estimate <= 100_000_000, "estimate " + estimate);
      }
      // The node's status (what the admin API and dashboard read) carries it per transport.
      JsonObject room = Waits.await(env.node().status()).getJsonArray("rooms").getJsonObject(0);
      int withEstimate = 0;
      for (Object peer : room.getJsonArray(StatsFields.PEER_STATS)) {
        for (Object t : ((JsonObject) peer).getJsonArray("transports")) {
          Long bps = ((JsonObject) t).getLong(StatsFields.AVAILABLE_OUTGOING_BITRATE);
          if (bps != null && bps >= 100_000) {
            withEstimate++;
          }
        }
      }
      assertEquals(4, withEstimate, room.encode());
    }
  }
}
