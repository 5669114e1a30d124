package io.stockpot.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stockpot.launcher.Node;
import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.auth.RoomTokens;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A WHIP publisher (aiortc) that vanishes without DELETE: once ICE consent runs out the room closes
 * its peer, and the session resource goes away with it (404 afterwards).
 */
class WhipConsentTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SECRET = "whip-consent-test-secret-0123456789";

  private final HttpClient http = HttpClient.newHttpClient();
  private Node node;

  @BeforeEach
  void start() {
    node =
        TestNode.start(
            "whip-consent-test",
            "47740-47759",
            "--jwt-secret",
            SECRET,
            "--ice-consent-timeout",
            "3");
  }

  @AfterEach
  void stop() {
    Waits.await(node.stop());
  }

  private JsonObject whipStats() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body()).getJsonObject("signaling").getJsonObject("whip");
  }

  private String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  @Test
  void aVanishedPublisherLosesItsSession() throws Exception {
    String token =
        RoomTokens.hs256(node.vertx(), SECRET)
            .mint("stage", "cam", null, Set.of(RoomToken.PUBLISH), 600);
    String location;
    try (WhipPublisher cam = WhipPublisher.start(base() + "/whip/stage", token)) {
      assertEquals("status 201", cam.awaitLine("status", WAIT));
      location = cam.awaitLine("location ", WAIT).substring("location ".length());
      cam.awaitLine("connection connected", WAIT);
      assertEquals(1, whipStats().getInteger("activeSessions"));
      long killed = System.nanoTime();
      cam.kill(WAIT);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (whipStats().getInteger("activeSessions") != 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      System.out.printf(
          "WHIP session ended %d ms after its publisher was killed (consent timeout 3 s)%n",
          (System.nanoTime() - killed) / 1_000_000);
    }
    JsonObject stats = whipStats();
    assertEquals(0, stats.getInteger("activeSessions"), stats.encode());
    assertEquals(1, stats.getLong("endedByRoom"), stats.encode());
    HttpResponse<String> gone =
        http.send(
            HttpRequest.newBuilder(URI.create(location)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(404, gone.statusCode(), gone.body());
  }
}
