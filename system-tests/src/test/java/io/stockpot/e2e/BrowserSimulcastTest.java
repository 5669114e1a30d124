package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.launcher.Node;
import io.stockpot.testkit.BusyY4m;
import io.stockpot.testkit.ShapedDownlink;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rid simulcast end to end with Chromium: peer A sends its (busy, 640×360) camera as two rid
 * simulcast layers; B receives it on an unshaped link, C behind a 400 kbit/s token bucket on the
 * port of its receiving transport. The router's layer allocation shares each transport's
 * transport-cc estimate: B's consumer reaches the top layer, C's settles on a lower one while its
 * estimate stays below the top layer's bitrate, and both keep decoding.
 */
@Tag("browser")
@Disabled(
    "Not yet reliable on the 2-core development machine: it passed 3 runs in 4 while the server"
        + " left a rid simulcast publisher's RTX probes out of the transport-wide feedback (fixed"
        + " since, one passing run after), and C behind 400 kbit/s still stalls for tens of seconds"
        + " (simple consumers and audio are not held to the estimate). Run it by hand with"
        + " -Djunit.jupiter.conditions.deactivate=org.junit.*DisabledCondition")
class BrowserSimulcastTest {
  private static final int FIRST_PORT = 49088;
  private static final int PORTS = 32;
  private static final int SHAPED_KBIT = 400;
  private static final int LAYERS = 2;

  /** Camera frame rate: 15 fps halves the encoding and decoding work of 30 on a busy machine. */
  private static final int FPS = 15;

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int SAMPLE_MS = 2000;
  private static final int MAX_SAMPLES = 45;

  /** Samples (of {@link #SAMPLE_MS}) C must stay below the top layer while decoding. */
  private static final int SETTLED_SAMPLES = 8;

  /** C must decode new frames within the last this many samples. */
  private static final int DECODING_SAMPLES = 4;

  private static Object request(Page page, String method, String data) {
    return page.eval("window.stockpot.request('" + method + "', " + data + ")");
  }

  private static String videoConsumerId(Page page) {
    return (String)
        page.eval("(window.stockpot.consumers.find(c => c.kind === 'video') || {}).id || null");
  }

  private static JsonArray consumerStats(Page page, String consumerId) {
    return (JsonArray) request(page, "getConsumerStats", "{consumerId: '" + consumerId + "'}");
  }

  private static JsonObject recvTransportStats(Page page) {
    return ((JsonArray)
            request(page, "getTransportStats", "{transportId: window.stockpot.transportIds.recv}"))
        .getJsonObject(0);
  }

  private static long framesDecoded(Page page) {
    Object n =
        page.eval(
            "window.stockpot.recvStats().then(all => all.filter(s => s.kind === 'video')"
                + ".reduce((sum, s) => sum + s.framesDecoded, 0))");
    return ((Number) n).longValue();
  }

  private static int layer(JsonObject consumer) {
    Integer current = consumer.getInteger("currentSpatialLayer");
    return current == null ? -1 : current;
  }

  @Test
  void shapedSubscriberSettlesOnALowerLayerWhileTheOtherGetsTheTop() throws Exception {
    Path y4m = BusyY4m.write(640, 360, FPS, 4 * FPS);
    Node node = TestNode.start("browser-simulcast", FIRST_PORT + "-" + (FIRST_PORT + PORTS - 1));
    try (Chromium chromium = Chromium.launch(List.of("--use-file-for-fake-video-capture=" + y4m))) {
      String base = "http://127.0.0.1:" + node.httpPort() + "/?room=simulcast&peerId=";
      try (Page a = chromium.newPage(base + "a&simulcast=" + LAYERS);
          Page b = chromium.newPage(base + "b&video=0");
          Page c = chromium.newPage(base + "c&video=0")) {
        a.waitFor("window.stockpot.producers.video !== null", WAIT);
        String decoding =
            "window.stockpot.recvStats().then(all => all.some(s => s.kind === 'video'"
                + " && s.framesDecoded > 30))";
        b.waitFor(decoding, WAIT);
        c.waitFor(decoding, WAIT);
        String bConsumer = videoConsumerId(b);
        String cConsumer = videoConsumerId(c);
        assertNotNull(bConsumer, "B's video consumer");
        assertNotNull(cConsumer, "C's video consumer");
        int cPort = recvTransportStats(c).getJsonObject("iceSelectedTuple").getInteger("localPort");
        List<String> history = new ArrayList<>();
        int bTop = -1;
        int settled = 0;
        List<Long> cFramesSeen = new ArrayList<>();
        long topBitrate = 0;
        long cEstimate = 0;
        int cLayer = -1;
        int bLayer = -1;
        long cFramesGrowth = 0;
        int windowBMax = -1;
        long windowEstimates = 0;
        long windowTopBitrates = 0;
        try (ShapedDownlink shaped = ShapedDownlink.on(cPort, 1, SHAPED_KBIT)) {
          for (int sample = 1; sample <= MAX_SAMPLES; sample++) {
            Thread.sleep(SAMPLE_MS);
            JsonArray bStats = consumerStats(b, bConsumer);
            JsonArray cStats = consumerStats(c, cConsumer);
            JsonObject bOut = bStats.getJsonObject(0);
            JsonObject cOut = cStats.getJsonObject(0);
            assertTrue(
                bOut.containsKey("targetSpatialLayer"), "B's consumer is simulcast: " + bOut);
            bLayer = layer(bOut);
            cLayer = layer(cOut);
            bTop = Math.max(bTop, bLayer);
            // The producer's streams follow the consumer's entry, lowest layer first.
            StringBuilder layers = new StringBuilder();
            for (int i = 1; i < bStats.size(); i++) {
              JsonObject in = bStats.getJsonObject(i);
              layers
                  .append(' ')
                  .append(in.getString("rid"))
                  .append('=')
                  .append(in.getLong("bitrate"));
              if (i == bStats.size() - 1) {
                topBitrate = in.getLong("bitrate");
              }
            }
            JsonObject cTransport = recvTransportStats(c);
            cEstimate = cTransport.getLong("availableOutgoingBitrate");
            long cFrames = framesDecoded(c);
            cFramesSeen.add(cFrames);
            long bFrames = framesDecoded(b);
            Object sent = a.eval("window.stockpot.sendStats().then(s => s.video.layers)");
            String line =
                String.format(
                    "t=%2d s producer [%s ] | B layer %d sent %d frames %d | C layer %d target %d"
                        + " sent %d estimate %d frames %d | A sends %s",
                    sample * SAMPLE_MS / 1000,
                    layers.toString().trim(),
                    bLayer,
                    bOut.getLong("bitrate"),
                    bFrames,
                    cLayer,
                    cOut.getInteger("targetSpatialLayer"),
                    cOut.getLong("bitrate"),
                    cEstimate,
                    cFrames,
                    sent);
            System.out.println("simulcast " + line);
            history.add(line);
            if (cLayer >= 0 && cLayer < LAYERS - 1) {
              if (settled == 0) {
                windowBMax = -1;
                windowEstimates = 0;
                windowTopBitrates = 0;
              }
              settled++;
              windowBMax = Math.max(windowBMax, bLayer);
              windowEstimates += cEstimate;
              windowTopBitrates += topBitrate;
              cFramesGrowth =
                  cFrames - cFramesSeen.get(Math.max(0, cFramesSeen.size() - 1 - DECODING_SAMPLES));
            } else {
              settled = 0;
            }
            if (windowBMax == LAYERS - 1 && settled > SETTLED_SAMPLES && cFramesGrowth > 0) {
              break;
            }
          }
        }
        String report = String.join("\n", history);
        assertEquals(LAYERS - 1, bTop, "B reaches the top layer\n" + report);
        assertTrue(
            settled > SETTLED_SAMPLES,
            "C stays below the top layer for " + SETTLED_SAMPLES + " samples\n" + report);
        assertEquals(
            LAYERS - 1, windowBMax, "B gets the top layer while C stays below it\n" + report);
        // Averages over the window in which C stayed below the top layer.
        assertTrue(
            windowEstimates < windowTopBitrates,
            "C's estimate (mean "
                + windowEstimates / settled
                + ") below the top layer's bitrate (mean "
                + windowTopBitrates / settled
                + ")\n"
                + report);
        assertTrue(
            cFramesGrowth > 0,
            "C decodes during the last " + DECODING_SAMPLES + " samples\n" + report);
      }
    } finally {
      Waits.await(node.stop());
      Files.deleteIfExists(y4m);
    }
  }
}
