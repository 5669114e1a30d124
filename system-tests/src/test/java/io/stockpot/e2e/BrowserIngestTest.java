package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Headless Chromium with a fake camera and microphone produces through mediasoup-client over
 * SockJS; the server's producers count what the browser says it sent, no SRTP packet fails to
 * authenticate, and the browser's bandwidth estimate ramps up on our transport-wide feedback.
 */
@Tag("browser")
class BrowserIngestTest {

  @RegisterExtension final NodeAndBrowser env = new NodeAndBrowser("browser-ingest", "46000-46099");

  @Test
  void browserProducersReachTheServerAndBandwidthRampsUp() {
    String url = "http://127.0.0.1:" + env.node().httpPort() + "/?room=ingest&peerId=cam&name=Cam";
    try (Page page = env.chromium().newPage(url)) {
      page.waitFor(
          "window.stockpot.producers.audio && window.stockpot.producers.video",
          Duration.ofSeconds(60));
      page.waitFor("window.stockpot.transportStates.send === 'connected'", Duration.ofSeconds(30));

      // The browser's estimate of what it may send passes 1.5 Mbps within 15 s.
      long started = System.nanoTime();
      Object bwe =
          page.waitFor(
              "window.stockpot.sendStats().then(s => s.availableOutgoingBitrate > 1500000"
                  + " ? s.availableOutgoingBitrate : false)",
              Duration.ofSeconds(45));
      System.out.printf(
          "availableOutgoingBitrate %s bps after %d ms%n",
          bwe, (System.nanoTime() - started) / 1_000_000);

      // Let media flow, then compare the browser's and the server's counts.
      page.waitFor(
          "window.stockpot.sendStats().then(s => s.video.packetsSent > 300 && s.audio.packetsSent > 100)",
          Duration.ofSeconds(60));
      JsonObject sent = (JsonObject) page.eval("window.stockpot.sendStats()");
      JsonObject counted = new JsonObject();
      for (String kind : new String[] {"audio", "video"}) {
        JsonArray stats =
            (JsonArray)
                page.eval(
                    "window.stockpot.request('getProducerStats', {producerId:"
                        + " window.stockpot.producers."
                        + kind
                        + "})");
        long packets = 0;
        long bytes = 0;
        for (Object o : stats) {
          packets += ((JsonObject) o).getLong("packetCount");
          bytes += ((JsonObject) o).getLong("byteCount");
        }
        counted.put(kind, new JsonObject().put("packets", packets).put("bytes", bytes));
        long browserPackets = sent.getJsonObject(kind).getLong("packetsSent");
        long browserBytes = sent.getJsonObject(kind).getLong("bytesSent");
        System.out.printf(
            "%s: browser sent %d packets / %d bytes, server counted %d / %d%n",
            kind, browserPackets, browserBytes, packets, bytes);
        assertTrue(packets >= browserPackets * 0.9, kind + " packets: " + counted + " vs " + sent);
        assertTrue(bytes >= browserBytes * 0.9, kind + " bytes: " + counted + " vs " + sent);
      }

      JsonArray transportStats =
          (JsonArray)
              page.eval(
                  "window.stockpot.request('getTransportStats', {transportId:"
                      + " window.stockpot.transportIds.send})");
      JsonObject counters = transportStats.getJsonObject(0).getJsonObject("counters");
      assertEquals(0L, counters.getLong("srtpAuthFailures"), counters.encode());
      assertEquals(0L, counters.getLong("srtpReplays"), counters.encode());
    }
  }
}
