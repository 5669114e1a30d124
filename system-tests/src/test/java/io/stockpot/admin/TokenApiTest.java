package io.stockpot.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.launcher.Node;
import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.auth.RoomTokens;
import io.stockpot.testkit.ProtooTestClient;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/tokens}: the admin plane mints room tokens that the node then admits. */
class TokenApiTest {
  private static final String ADMIN = "token-api-admin";
  private static final String SECRET = "token-api-test-secret-0123456789";
  private static Node node;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    node =
        TestNode.start("token-api", "46440-46459", "--admin-token", ADMIN, "--jwt-secret", SECRET);
  }

  @AfterAll
  static void stop() {
    Waits.await(node.stop());
  }

  private HttpResponse<String> post(String body, String bearer) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/tokens"))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void mintsATokenTheNodeAdmits() throws Exception {
    JsonObject request =
        new JsonObject()
            .put("roomId", "minted-room")
            .put("peerId", "grace")
            .put("displayName", "Grace")
            .put("grants", new JsonArray().add("subscribe"))
            .put("ttlSeconds", 120);
    HttpResponse<String> response = post(request.encode(), ADMIN);
    assertEquals(200, response.statusCode(), response.body());
    JsonObject answer = new JsonObject(response.body());
    long now = System.currentTimeMillis() / 1000;
    long expiresAt = answer.getLong("expiresAt");
    assertTrue(expiresAt > now + 60 && expiresAt <= now + 121, answer.encode());

    RoomToken token =
        RoomTokens.hs256(node.vertx(), SECRET)
            .verify(answer.getString("token"))
            .await(10, TimeUnit.SECONDS);
    assertEquals("minted-room", token.roomId());
    assertEquals("grace", token.peerId());
    assertEquals("Grace", token.displayName());
    assertEquals(Set.of("subscribe"), token.grants());

    try (ProtooTestClient grace =
        ProtooTestClient.connect(
            node.vertx(),
            ProtooTestClient.Transport.WEBSOCKET,
            node.httpPort(),
            "token=" + answer.getString("token"))) {
      JsonObject caps = grace.requestOk("getRouterRtpCapabilities", null);
      grace.requestOk("join", new JsonObject().put("rtpCapabilities", caps));
    }
  }

  @Test
  void withoutTheAdminTokenNothingIsMinted() throws Exception {
    String body = new JsonObject().put("roomId", "r").put("peerId", "p").encode();
    HttpResponse<String> none = post(body, null);
    assertEquals(401, none.statusCode(), none.body());
    assertTrue(none.body().contains("unauthorized"), none.body());
    assertTrue(!none.body().contains("token\":\"ey"), "no token in " + none.body());
    assertEquals(403, post(body, "wrong").statusCode());
  }

  @Test
  void badRequestsSayWhatIsWrong() throws Exception {
    HttpResponse<String> noPeer = post(new JsonObject().put("roomId", "r").encode(), ADMIN);
    assertEquals(400, noPeer.statusCode());
    assertTrue(noPeer.body().contains("peerId"), noPeer.body());
    HttpResponse<String> badGrant =
        post(
            new JsonObject()
                .put("roomId", "r")
                .put("peerId", "p")
                .put("grants", new JsonArray().add("fly"))
                .encode(),
            ADMIN);
    assertEquals(400, badGrant.statusCode());
    assertTrue(badGrant.body().contains("unknown grant"), badGrant.body());
    HttpResponse<String> notJson = post("{", ADMIN);
    assertEquals(400, notJson.statusCode(), notJson.body());
    HttpResponse<String> badRoom =
        post(new JsonObject().put("roomId", "a room").put("peerId", "p").encode(), ADMIN);
    assertEquals(400, badRoom.statusCode(), badRoom.body());
  }
}
