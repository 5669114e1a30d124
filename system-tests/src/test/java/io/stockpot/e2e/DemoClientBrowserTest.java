package io.stockpot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * The demo page ({@code /demo/index.html}): a mediasoup-demo style client built on protoo-client,
 * signaling over the plain protoo WebSocket, gets what the SockJS webroot page gets.
 */
@Tag("browser")
class DemoClientBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String DEMO = "window.demo";
  private static final String WEBROOT = "window.stockpot";

  /** True when the page has fetched anything from the SockJS endpoint. */
  private static final String USED_SOCKJS =
      "performance.getEntriesByType('resource').some(e => e.name.includes('/sockjs'))";

  private final List<Page> pages = new ArrayList<>();

  @RegisterExtension final NodeAndBrowser env = new NodeAndBrowser("demo-client", "48000-48099");

  private Page open(String pathAndQuery) {
    Page page = env.chromium().newPage("http://127.0.0.1:" + env.node().httpPort() + pathAndQuery);
    pages.add(page);
    return page;
  }

  private Page openDemo(String room, String peerId) {
    return open("/demo/index.html?roomId=" + room + "&peerId=" + peerId);
  }

  /** JS: the receive stats of {@code peerId}'s consumer of {@code kind} on the page, or null. */
  private static String statsOf(String global, String peerId, String kind) {
    return global
        + ".recvStats().then(all => all.find(s => s.peerId === '"
        + peerId
        + "' && s.kind === '"
        + kind
        + "') || null)";
  }

  private static long field(Page page, String global, String peerId, String kind, String name) {
    Object stats = page.eval(statsOf(global, peerId, kind));
    return stats instanceof JsonObject o ? o.getLong(name, 0L) : 0;
  }

  /** Waits until the page decodes video from {@code peerId} and receives its audio. */
  private static void awaitMediaFrom(Page page, String global, String peerId) {
    try {
      page.waitFor(
          global
              + ".consumers.some(c => c.peerId === '"
              + peerId
              + "' && c.kind === 'video')"
              + " && "
              + global
              + ".consumers.some(c => c.peerId === '"
              + peerId
              + "' && c.kind === 'audio')",
          WAIT);
      page.waitFor(
          statsOf(global, peerId, "video") + ".then(s => s && s.framesDecoded > 10)", WAIT);
      page.waitFor(
          statsOf(global, peerId, "audio") + ".then(s => s && s.packetsReceived > 50)", WAIT);
      long frames = field(page, global, peerId, "video", "framesDecoded");
      long packets = field(page, global, peerId, "audio", "packetsReceived");
      page.waitFor(
          statsOf(global, peerId, "video") + ".then(s => s.framesDecoded > " + (frames + 10) + ")",
          WAIT);
      page.waitFor(
          statsOf(global, peerId, "audio")
              + ".then(s => s.packetsReceived > "
              + (packets + 25)
              + ")",
          WAIT);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + diagnose(page, global), e);
    }
  }

  /** The page's state, its receive stats and the server's view of its consumers. */
  private static Object diagnose(Page page, String global) {
    try {
      return page.eval(
          "(async () => ({ state: "
              + global
              + ", recv: await "
              + global
              + ".recvStats(), server: await Promise.all("
              + global
              + ".consumers.map(c => "
              + global
              + ".request('getConsumerStats', { consumerId: c.id }).catch(e => String(e)))) }))()");
    } catch (RuntimeException e) {
      return "no diagnosis: " + e;
    }
  }

  @Test
  void threeDemoPagesDecodeEachOtherAndALeaverIsRemoved() {
    String[] ids = {"dan", "eve", "fay"};
    for (String id : ids) {
      openDemo("demo", id);
    }
    for (int i = 0; i < pages.size(); i++) {
      Page page = pages.get(i);
      page.waitFor(
          DEMO + ".joined && " + DEMO + ".producers.audio && " + DEMO + ".producers.video", WAIT);
      for (String other : ids) {
        if (!other.equals(ids[i])) {
          awaitMediaFrom(page, DEMO, other);
        }
      }
      // Exactly one consumer per remote producer: two peers, two kinds each.
      assertEquals(4, ((JsonArray) page.eval(DEMO + ".consumers")).size(), page.describe());
      assertEquals(Boolean.FALSE, page.eval(USED_SOCKJS), "the demo signals over the WebSocket");
    }
    pages.get(0).screenshot(Path.of("target", "e2e", "demo-three-peers.png"));

    // fay leaves: consumerClosed takes away the others' consumers of it, peerClosed the peer.
    Page fay = pages.remove(2);
    fay.close();
    for (Page page : pages) {
      page.waitFor(
          "!"
              + DEMO
              + ".peers.includes('fay')"
              + " && !"
              + DEMO
              + ".consumers.some(c => c.peerId === 'fay')",
          WAIT);
      JsonObject notified = (JsonObject) page.eval(DEMO + ".notifications");
      assertTrue(notified.getInteger("consumerClosed", 0) >= 2, notified.encode());
      assertTrue(notified.getInteger("peerClosed", 0) >= 1, notified.encode());
      assertEquals(2, ((JsonArray) page.eval(DEMO + ".consumers")).size(), page.describe());
    }
    JsonArray rooms = Waits.await(env.node().status()).getJsonArray("rooms");
    assertEquals(2, rooms.getJsonObject(0).getJsonArray("peers").size(), rooms.encode());
    // The two who stayed still get each other's media.
    awaitMediaFrom(pages.get(0), DEMO, "eve");
    awaitMediaFrom(pages.get(1), DEMO, "dan");
  }

  @Test
  void aWebrootPageAndADemoPageDecodeEachOther() {
    Page webroot = open("/?room=mix&peerId=a");
    Page demo = openDemo("mix", "b");
    awaitMediaFrom(webroot, WEBROOT, "b");
    awaitMediaFrom(demo, DEMO, "a");
    webroot.waitFor(WEBROOT + ".peers.includes('b')", WAIT);
    demo.waitFor(DEMO + ".peers.includes('a')", WAIT);
    assertEquals(Boolean.TRUE, webroot.eval(USED_SOCKJS), "the webroot page signals over SockJS");
    assertEquals(Boolean.FALSE, demo.eval(USED_SOCKJS), "the demo signals over the WebSocket");
    JsonArray rooms = Waits.await(env.node().status()).getJsonArray("rooms");
    assertEquals(2, rooms.getJsonObject(0).getJsonArray("peers").size(), rooms.encode());
  }
}
