package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * protoo over SockJS's XHR transports, which sockjs-client falls back to when a proxy refuses
 * WebSocket: the session opens with an {@code xhr} poll, requests go up as {@code xhr_send} POSTs
 * and answers come back on the next poll (the SockJS protocol's framing: o, a[...], h).
 */
class SockJsXhrTest {
  private static Node node;
  // HTTP/1.1 as browsers' XHR fallback speaks it (no h2c upgrade).
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void startNode() {
    node = TestNode.start("sockjs-xhr-test", "42040-42049");
  }

  @AfterAll
  static void stopNode() {
    Waits.await(node.stop());
  }

  @Test
  void aRequestSentOverXhrSendIsAnsweredOnThePoll() throws Exception {
    String base = "http://127.0.0.1:" + node.httpPort() + "/sockjs/000/" + UUID.randomUUID() + "/";
    String query = "?roomId=xhr-" + UUID.randomUUID().toString().substring(0, 8) + "&peerId=xhr";
    assertEquals("o\n", post(base + "xhr" + query, "").body(), "the open frame");

    String request =
        new JsonObject()
            .put("request", true)
            .put("id", 7)
            .put("method", "getRouterRtpCapabilities")
            .put("data", new JsonObject())
            .encode();
    HttpResponse<String> sent = post(base + "xhr_send", new JsonArray().add(request).encode());
    assertEquals(204, sent.statusCode(), "xhr_send accepted: " + sent.body());

    JsonObject answer = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (answer == null && System.nanoTime() < deadline) {
      String frame = post(base + "xhr", "").body().trim();
      if (frame.startsWith("a")) {
        answer = new JsonObject(new JsonArray(frame.substring(1)).getString(0));
      }
    }
    assertTrue(answer != null, "an answer came on a poll within 30 s");
    assertEquals(7, answer.getInteger("id"), answer.encode());
    assertEquals(Boolean.TRUE, answer.getBoolean("ok"), answer.encode());
    assertTrue(answer.getJsonObject("data").getJsonArray("codecs").size() > 0, answer.encode());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "text/plain;charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
