package io.stockpot.testkit;

import io.stockpot.media.dtls.DtlsCertificate;
import io.stockpot.media.dtls.DtlsFingerprint;
import io.stockpot.media.dtls.DtlsRole;
import io.stockpot.media.dtls.DtlsTransport;
import io.stockpot.media.ice.IceRequests;
import io.stockpot.media.stun.MessageIntegrity;
import io.stockpot.media.stun.StunMessageWriter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A peer that vanishes in the middle of its DTLS handshake: it joins, creates a transport, passes
 * ICE with a real check, sends its DTLS ClientHello and then is gone — socket, handshake and
 * signaling connection closed without a word. The server is left holding a handshake that waits for
 * a second flight that never comes.
 */
public final class HalfDtlsPeer {
  private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();

  private HalfDtlsPeer() {}

  /** Runs the whole life of such a peer; returns once it has vanished. */
  public static void joinAndVanish(Vertx vertx, int httpPort, String room, String peerId)
      throws Exception {
    try (ProtooTestClient protoo =
        ProtooTestClient.connect(
            vertx,
            ProtooTestClient.Transport.WEBSOCKET,
            httpPort,
            "roomId=" + room + "&peerId=" + peerId)) {
      JsonObject caps = protoo.requestOk("getRouterRtpCapabilities", new JsonObject());
      protoo.requestOk("join", new JsonObject().put("rtpCapabilities", caps));
      JsonObject info =
          protoo.requestOk(
              "createWebRtcTransport",
              new JsonObject().put("producing", true).put("consuming", false));
      DtlsFingerprint ours = CERTIFICATE.fingerprint();
      protoo.requestOk(
          "connectWebRtcTransport",
          new JsonObject()
              .put("transportId", info.getString("id"))
              .put(
                  "dtlsParameters",
                  new JsonObject()
                      .put("role", "client")
                      .put(
                          "fingerprints",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("algorithm", ours.algorithm())
                                      .put("value", ours.value())))));
      JsonObject ice = info.getJsonObject("iceParameters");
      JsonObject candidate = info.getJsonArray("iceCandidates").getJsonObject(0);
      JsonObject fp =
          info.getJsonObject("dtlsParameters").getJsonArray("fingerprints").getJsonObject(0);
      try (DatagramChannel channel = DatagramChannel.open()) {
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.connect(
            new InetSocketAddress(candidate.getString("ip"), candidate.getInteger("port")));
        check(channel, ice.getString("usernameFragment"), ice.getString("password"));
        CompletableFuture<Void> helloSent = new CompletableFuture<>();
        DtlsTransport dtls =
            new DtlsTransport(
                DtlsRole.CLIENT,
                CERTIFICATE,
                List.of(new DtlsFingerprint(fp.getString("algorithm"), fp.getString("value"))),
                (data, off, len) -> {
                  if (!helloSent.isDone()) {
                    try {
                      channel.write(ByteBuffer.wrap(data, off, len));
                    } catch (IOException e) {
                      // the hello is lost: the server sees an even earlier disappearance
                    }
                    helloSent.complete(null);
                  }
                },
                new DtlsTransport.Listener() {});
        dtls.start();
        helloSent.get(30, TimeUnit.SECONDS);
        dtls.close();
      }
    }
  }

  /** One ICE check with USE-CANDIDATE; waits for the answer so the server selected our tuple. */
  private static void check(DatagramChannel channel, String ufrag, String password)
      throws IOException {
    StunMessageWriter writer = new StunMessageWriter();
    IceRequests.writeCheck(
        writer,
        StunMessageWriter.randomTransactionId(),
        ufrag,
        "half",
        MessageIntegrity.shortTerm(password),
        1_853_817_087L,
        7L,
        true);
    channel.configureBlocking(false);
    ByteBuffer in = ByteBuffer.allocate(1500);
    long deadline = System.nanoTime() + 30_000_000_000L;
    long nextSend = 0;
    while (channel.read(in) <= 0) {
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("no answer to the ICE check");
      }
      if (System.nanoTime() - nextSend > 0) {
        channel.write(ByteBuffer.wrap(writer.buffer(), 0, writer.length()));
        nextSend = System.nanoTime() + 500_000_000L;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }
}
