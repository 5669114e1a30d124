package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.testkit.ShapedDownlink;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Chromium peers whose downlink from the server shares a 300 kbit/s token bucket: what the
 * server forwards (each peer's video and audio, about 0.7 Mbit/s together) does not fit, and the
 * estimate of each receiving transport leaves its 1 Mbit/s start for the bottleneck's
 * neighbourhood, never going below the floor.
 */
@Tag("browser")
class BrowserShapedLinkTest {
  private static final int FIRST_PORT = 48960;
  private static final int PORTS = 32;
  private static final int SHAPED_KBIT = 300;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  final NodeAndBrowser env =
      new NodeAndBrowser("browser-shaped", FIRST_PORT + "-" + (FIRST_PORT + PORTS - 1));

  private static JsonObject recvTransportStats(Page page) {
    JsonArray stats =
        (JsonArray)
            page.eval(
                "window.stockpot.request('getTransportStats', {transportId:"
                    + " window.stockpot.transportIds.recv})");
    return stats.getJsonObject(0);
  }

  @Test
  void estimateFallsTowardAShapedDownlinkAndStaysAboveTheFloor() throws Exception {
    String base = "http://127.0.0.1:" + env.node().httpPort() + "/?room=shaped&peerId=";
    try (Page a = env.chromium().newPage(base + "a");
        Page b = env.chromium().newPage(base + "b")) {
      String decoding =
          "window.stockpot.recvStats().then(all => all.some(s => s.kind === 'video'"
              + " && s.framesDecoded > 30))";
      a.waitFor(decoding, WAIT);
      b.waitFor(decoding, WAIT);
      long lowest = Long.MAX_VALUE;
      long[] last = new long[2];
      try (ShapedDownlink shaped = ShapedDownlink.on(FIRST_PORT, PORTS, SHAPED_KBIT)) {
        for (int second = 1; second <= 30; second++) {
          Thread.sleep(1000);
          Page[] pages = {a, b};
          StringBuilder line = new StringBuilder("shaped " + second + " s:");
          for (int i = 0; i < 2; i++) {
            JsonObject stats = recvTransportStats(pages[i]);
            last[i] = stats.getLong("availableOutgoingBitrate");
            lowest = Math.min(lowest, last[i]);
            JsonObject cc = stats.getJsonObject("congestionControl");
            line.append(
                String.format(
                    " [estimate %d, sent %d, acked %d, loss %.2f, %s]",
                    last[i],
                    stats.getLong("sendBitrate"),
                    cc.getLong("acknowledgedBitrate"),
                    cc.getDouble("lossFraction"),
                    cc.getString("bandwidthUsage")));
          }
          System.out.println(line);
        }
      }
      for (long estimate : last) {
        // Each peer's share of the shaped 300 kbit/s is about half; the bound is generous.
        assertTrue(estimate <= 2 * SHAPED_KBIT * 1000, "estimate " + estimate);
      }
      assertTrue(lowest >= 100_000, "lowest estimate " + lowest);
    }
  }
}
