package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SFU itself, through the webroot page in headless Chromium: everyone gets everyone. */
@Tag("browser")
class BrowserRoomTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final List<Page> pages = new ArrayList<>();

  @RegisterExtension final NodeAndBrowser env = new NodeAndBrowser("browser-room", "47000-47099");

  private Page open(String room, String peerId) {
    Page page =
        env.chromium()
            .newPage(
                "http://127.0.0.1:"
                    + env.node().httpPort()
                    + "/?room="
                    + room
                    + "&peerId="
                    + peerId);
    pages.add(page);
    return page;
  }

  /** JS: the receive stats of {@code peerId}'s consumer of {@code kind}, or null. */
  private static String statsOf(String peerId, String kind) {
    return "window.stockpot.recvStats().then(all => all.find(s => s.peerId === '"
        + peerId
        + "' && s.kind === '"
        + kind
        + "') || null)";
  }

  private static long field(Page page, String peerId, String kind, String name) {
    Object stats = page.eval(statsOf(peerId, kind));
    return stats instanceof JsonObject o ? o.getLong(name, 0L) : 0;
  }

  @Test
  void threePeersDecodeEachOtherAndALeaverIsRemoved() {
    String[] ids = {"ann", "ben", "cat"};
    for (String id : ids) {
      open("trio", id);
    }
    for (Page page : pages) {
      page.waitFor(
          "window.stockpot.consumers.filter(c => c.kind === 'video').length === 2"
              + " && window.stockpot.consumers.filter(c => c.kind === 'audio').length === 2",
          WAIT);
    }
    for (int i = 0; i < pages.size(); i++) {
      for (String other : ids) {
        if (other.equals(ids[i])) {
          continue;
        }
        pages
            .get(i)
            .waitFor(statsOf(other, "video") + ".then(s => s && s.framesDecoded > 10)", WAIT);
        pages
            .get(i)
            .waitFor(statsOf(other, "audio") + ".then(s => s && s.packetsReceived > 50)", WAIT);
      }
    }
    Page ann = pages.get(0);
    long annFramesFromBen = field(ann, "ben", "video", "framesDecoded");
    long annAudioFromBen = field(ann, "ben", "audio", "packetsReceived");
    ann.waitFor(
        statsOf("ben", "video") + ".then(s => s.framesDecoded > " + (annFramesFromBen + 20) + ")",
        WAIT);
    ann.waitFor(
        statsOf("ben", "audio") + ".then(s => s.packetsReceived > " + (annAudioFromBen + 50) + ")",
        WAIT);
    ann.screenshot(Path.of("target", "e2e", "room-three-peers.png"));
    // The browser's receiver reports echo our sender reports: the server knows the round trip.
    Object rtt =
        ann.waitFor(
            "window.stockpot.request('getConsumerStats', {consumerId:"
                + " window.stockpot.consumers.find(c => c.peerId === 'ben' && c.kind === 'video').id})"
                + ".then(s => s[0].roundTripTime !== undefined && s[0].roundTripTime < 1"
                + " ? s[0].roundTripTime : false)",
            WAIT);
    System.out.println("round trip to ann for ben's video: " + rtt + " s");

    // cat leaves: the others drop its consumers and forget it.
    Page cat = pages.remove(2);
    cat.close();
    for (Page page : pages) {
      page.waitFor(
          "!window.stockpot.peers.includes('cat')"
              + " && !window.stockpot.consumers.some(c => c.peerId === 'cat')",
          WAIT);
    }
    JsonArray rooms = Waits.await(env.node().status()).getJsonArray("rooms");
    assertTrue(rooms.getJsonObject(0).getJsonArray("peers").size() == 2, rooms.encode());
    long after = field(ann, "ben", "video", "framesDecoded");
    ann.waitFor(
        statsOf("ben", "video") + ".then(s => s.framesDecoded > " + (after + 10) + ")", WAIT);
  }

  @Test
  void aNewcomerDecodesItsFirstFrame() {
    Page first = open("late", "early");
    first.waitFor("window.stockpot.producers.video", WAIT);
    first.waitFor("window.stockpot.sendStats().then(s => s.video.framesEncoded > 40)", WAIT);
    long opened = System.nanoTime();
    Page late = open("late", "newcomer");
    late.waitFor("window.stockpot.joined", WAIT);
    long joinedMs = (System.nanoTime() - opened) / 1_000_000;
    late.waitFor("window.stockpot.consumers.some(c => c.kind === 'video')", WAIT);
    Object elapsed =
        late.eval(
            "(async () => {"
                + " const c = window.stockpot.consumers.find(c => c.kind === 'video');"
                + " const deadline = Date.now() + "
                + WAIT.toMillis()
                + ";"
                + " while (Date.now() < deadline) {"
                + "  const s = (await window.stockpot.recvStats()).find(x => x.id === c.id);"
                + "  if (s && s.framesDecoded > 0) return Date.now() - c.addedAt;"
                + "  await new Promise(r => setTimeout(r, 10));"
                + " }"
                + " return -1;"
                + "})()");
    long ms = ((Number) elapsed).longValue();
    System.out.println("newcomer's first decoded frame " + ms + " ms after accepting the consumer");
    System.out.println(
        "newcomer: page opened to joined "
            + joinedMs
            + " ms, to the first remote frame decoded "
            + (System.nanoTime() - opened) / 1_000_000
            + " ms");
    // Correctness, not speed: the newcomer decodes a frame within the generous deadline. The time
    // it took is printed above (and kept in docs/benchmarks.md), never asserted.
    assertTrue(ms >= 0, "no frame decoded within " + WAIT.toSeconds() + " s of accepting");
  }
}
