package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.testkit.ProtooTestClient;
import io.stockpot.testkit.ProtooTestClient.Transport;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client whose connection stays open but says nothing (a frozen tab, a host asleep) is closed
 * after the idle timeout and leaves its room; clients that answer pings stay.
 */
class SignalingLivenessTest {
  private static final int IDLE_TIMEOUT_MS = 1500;
  private static Node node;

  @BeforeAll
  static void startNode() {
    node =
        TestNode.start(
            "liveness-test",
            "42340-42379",
            "--signaling-idle-timeout",
            String.valueOf(IDLE_TIMEOUT_MS));
  }

  @AfterAll
  static void stopNode() {
    Waits.await(node.stop());
  }

  private static String room() {
    return "room-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aWebSocketThatStopsAnsweringPingsIsClosedAndItsPeerLeaves() throws Exception {
    String room = room();
    try (ProtooTestClient watcher =
            ProtooTestClient.connect(
                node.vertx(), Transport.WEBSOCKET, node.httpPort(), "peerId=w&roomId=" + room);
        Socket frozen = new Socket("127.0.0.1", node.httpPort())) {
      JsonObject caps = watcher.requestOk("getRouterRtpCapabilities", null);
      watcher.requestOk("join", new JsonObject().put("rtpCapabilities", caps));

      // A WebSocket client by hand, so that it can fall silent: it never answers a ping.
      OutputStream out = frozen.getOutputStream();
      InputStream in = frozen.getInputStream();
      out.write(
          ("GET /?peerId=frozen&roomId="
                  + room
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: "
                  + Base64.getEncoder().encodeToString(new byte[16])
                  + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: protoo\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      String join =
          new JsonObject()
              .put("request", true)
              .put("id", 1)
              .put("method", "join")
              .put("data", new JsonObject().put("rtpCapabilities", caps))
              .encode();
      out.write(maskedTextFrame(join));
      out.flush();
      String received = readUntil(in, "\"ok\":true");
      assertTrue(received.contains("101"), "upgraded: " + received.lines().findFirst());
      assertEquals("frozen", watcher.awaitNotification("newPeer").getString("id"));

      // From now on it reads and writes nothing: the server's pings go unanswered.
      JsonObject closed = watcher.awaitNotification("peerClosed");
      assertEquals("frozen", closed.getString("peerId"));
      // The watcher answered every ping by itself: it is still in the room.
      assertFalse(watcher.isClosed(), "a client that answers pings stays");
      watcher.requestOk("changeDisplayName", new JsonObject().put("displayName", "still here"));
      assertTrue(idleClosed() >= 1, "counted");
    }
  }

  @Test
  void aSockJsClientThatSentHeartbeatsAndFellSilentIsClosed() {
    try (ProtooTestClient c =
        ProtooTestClient.connect(
            node.vertx(), Transport.SOCKJS, node.httpPort(), "peerId=s&roomId=" + room())) {
      c.sendRaw(new JsonObject().put("notification", true).put("method", "heartbeat").encode());
      String why = c.awaitClosed();
      assertTrue(why.contains("4408") && why.contains("no sign of life"), why);
    }
  }

  private static long idleClosed() {
    return Waits.await(
            node.vertx()
                .createHttpClient()
                .request(io.vertx.core.http.HttpMethod.GET, node.httpPort(), "127.0.0.1", "/health")
                .compose(req -> req.send())
                .compose(resp -> resp.body()))
        .toJsonObject()
        .getJsonObject("signaling")
        .getLong("idleClosed");
  }

  /** A client-to-server text frame (RFC 6455: clients mask; a zero mask keeps it readable). */
  private static byte[] maskedTextFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    frame.writeBytes(new byte[4]);
    frame.writeBytes(payload);
    return frame.toByteArray();
  }

  private static String readUntil(InputStream in, String marker) throws IOException {
    StringBuilder sb = new StringBuilder();
    byte[] buf = new byte[4096];
    while (!sb.toString().contains(marker)) {
      int n = in.read(buf);
      if (n < 0) {
        throw new AssertionError("closed before '" + marker + "': " + sb);
      }
      sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
    }
    return sb.toString();
  }
}
