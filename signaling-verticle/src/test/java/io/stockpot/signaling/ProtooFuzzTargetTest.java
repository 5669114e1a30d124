package io.stockpot.signaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stockpot.registry.Addresses;
import io.stockpot.registry.ErrorCodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of how a signaling session takes an incoming protoo frame (protoo's
 * request, response and notification messages): whatever the text, {@link PeerSession#onText} never
 * throws, and what it answers at once is at most one protoo error response (400, 404 or 413) that
 * echoes the request's id when the request had a usable one. Requests that pass go to an in-memory
 * room that answers them.
 */
class ProtooFuzzTargetTest {
  private static final Vertx VERTX = Vertx.vertx();
  private static final String ROOM = "fuzz";
  private static final Set<Integer> REFUSALS =
      Set.of(ErrorCodes.BAD_REQUEST, ErrorCodes.NOT_FOUND, ErrorCodes.TOO_LARGE);

  static {
    VERTX.eventBus().consumer(Addresses.room(ROOM), msg -> msg.reply(new JsonObject()));
  }

  private final SignalingStats stats = new SignalingStats();
  private final RoomClient rooms = new RoomClient(VERTX, "fuzz-node", null, stats);

  /** Records what the session sends from the calling thread, i.e. its immediate answers. */
  private static final class Recording implements Connection {
    final Thread caller = Thread.currentThread();
    final List<String> sent = new ArrayList<>();

    @Override
    public void send(String text) {
      if (Thread.currentThread() == caller) {
        sent.add(text);
      }
    }

    @Override
    public void close(int code, String reason) {}

    @Override
    public String transport() {
      return "fuzz";
    }
  }

  @AfterAll
  static void closeVertx() {
    VERTX.close();
  }

  @FuzzTest
  void onText(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Recording connection = new Recording();
    // Open mode (no token): the widest surface, every method reaches the parser.
    new PeerSession("peer", ROOM, connection, rooms, stats, null).onText(text);
    assertTrue(connection.sent.size() <= 1, "at most one immediate answer");
    if (connection.sent.isEmpty()) {
      return;
    }
    JsonObject answer = new JsonObject(connection.sent.get(0));
    assertEquals(Boolean.TRUE, answer.getValue("response"));
    assertEquals(Boolean.FALSE, answer.getValue("ok"));
    assertTrue(REFUSALS.contains(answer.getInteger("errorCode")), answer.encode());
    assertNotNull(answer.getString("errorReason"));
    Object id = answer.getValue("id");
    if (id != null) {
      assertEquals(new JsonObject(text).getValue("id"), id, "the request's own id");
    }
  }

  /** Seeds: each kind of protoo frame a browser sends, and one that is none. */
  static final Map<String, String> SEEDS =
      Map.of(
          "request-join",
          "{\"request\":true,\"id\":12,\"method\":\"join\",\"data\":{\"displayName\":\"a\","
              + "\"rtpCapabilities\":{\"codecs\":[]}}}",
          "request-no-data",
          "{\"request\":true,\"id\":\"x\",\"method\":\"getRouterRtpCapabilities\"}",
          "response-ok",
          "{\"response\":true,\"id\":7,\"ok\":true,\"data\":{}}",
          "response-error",
          "{\"response\":true,\"id\":8,\"ok\":false,\"errorCode\":500,\"errorReason\":\"x\"}",
          "notification",
          "{\"notification\":true,\"method\":\"x\",\"data\":{}}",
          "internal-method",
          "{\"request\":true,\"id\":1,\"method\":\"stockpot.peerLeft\",\"data\":{}}");

  @Test
  void seedsAreTheProtooFrames() {
    for (Map.Entry<String, String> seed : SEEDS.entrySet()) {
      String name = "io/stockpot/signaling/ProtooFuzzTargetTestInputs/onText/" + seed.getKey();
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
        assertNotNull(in, "missing seed " + name);
        assertArrayEquals(seed.getValue().getBytes(StandardCharsets.UTF_8), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        new JsonObject(seed.getValue());
      } catch (DecodeException e) {
        throw new AssertionError("seed " + name + " is not JSON", e);
      }
    }
  }
}
