package io.stockpot.media.dtls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.bouncycastle.tls.TlsTimeoutException;
import org.junit.jupiter.api.Test;

class DtlsTransportLifecycleTest {

  private static final DtlsCertificate CERT = DtlsCertificate.generate();

  private static DtlsTransport lonelyServer(DtlsOptions options, DtlsLink.Events events) {
    return new DtlsTransport(
        DtlsRole.SERVER,
        CERT,
        List.of(CERT.fingerprint()),
        (data, off, len) -> {},
        events,
        options);
  }

  @Test
  void fullQueueDropsAndCountsInsteadOfBlocking() {
    DtlsTransport server =
        lonelyServer(DtlsOptions.defaults().withQueueCapacity(8), new DtlsLink.Events());
    byte[] datagram = new byte[100];
    // A feed that blocked on the full queue would never return: the generous deadline catches
    // that, while a slow machine's feeding time is irrelevant.
    int accepted =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> {
              int n = 0;
              for (int i = 0; i < 100; i++) {
                n += server.feed(datagram, 0, datagram.length) ? 1 : 0;
              }
              return n;
            });
    assertEquals(8, accepted);
    assertEquals(100, server.counters().datagramsIn());
    assertEquals(92, server.counters().queueDrops());
  }

  /** A stuck handshake thread must never stall the event loop that feeds it. */
  @Test
  void floodWhileHandshakeThreadIsStuckDropsThenHandshakeStillCompletes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    DtlsOptions serverOptions = DtlsOptions.defaults().withQueueCapacity(16);
    DtlsLink link = new DtlsLink(DtlsOptions.defaults(), serverOptions);
    CountDownLatch serverSending = new CountDownLatch(1);
    link.filter =
        (from, datagram) -> {
          if (from == DtlsRole.SERVER) {
            serverSending.countDown();
            try {
              release.await(); // the server's handshake thread hangs in its sender
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return true;
        };
    link.start();
    assertTrue(serverSending.await(10, SECONDS));

    byte[] junk = new byte[200];
    junk[0] = 22;
    // The handshake thread is stuck: a feed that waited for it would never return.
    int accepted =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> {
              int n = 0;
              for (int i = 0; i < 10_000; i++) {
                n += link.server.feed(junk, 0, junk.length) ? 1 : 0;
              }
              return n;
            });
    assertTrue(accepted <= 16, "accepted " + accepted);
    assertTrue(link.server.counters().queueDrops() >= 10_000 - 16);

    release.countDown();
    link.client.connected().get(10, SECONDS);
    link.server.connected().get(10, SECONDS);
  }

  @Test
  void handshakeTimesOutWhenThePeerIsSilent() throws Exception {
    DtlsLink.Events events = new DtlsLink.Events();
    DtlsTransport server =
        lonelyServer(DtlsOptions.defaults().withHandshakeTimeout(Duration.ofMillis(300)), events);
    server.start();
    assertInstanceOf(TlsTimeoutException.class, events.failed.get(10, SECONDS));
    assertEquals(DtlsState.FAILED, server.state());
    assertEquals(1, server.counters().handshakeFailures());
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> server.connected().get(1, SECONDS));
    assertInstanceOf(TlsTimeoutException.class, e.getCause());
    server.close(); // harmless after failure
    assertEquals(DtlsState.FAILED, server.state());
  }

  @Test
  void closeDuringHandshakeStopsQuietly() throws Exception {
    DtlsLink.Events events = new DtlsLink.Events();
    DtlsTransport server = lonelyServer(DtlsOptions.defaults(), events);
    server.start();
    assertEquals(DtlsState.CONNECTING, server.state());
    server.close();
    assertEquals(DtlsState.CLOSED, server.state());
    assertThrows(CancellationException.class, () -> server.connected().join());
    assertFalse(server.feed(new byte[20], 0, 20));
    Thread.sleep(200);
    assertEquals(0, events.calls.get());
    assertEquals(0, server.counters().handshakeFailures());
    assertThrows(IllegalStateException.class, server::start);
  }

  @Test
  void startTwiceOrAfterCloseIsRejected() {
    DtlsTransport server = lonelyServer(DtlsOptions.defaults(), new DtlsLink.Events());
    server.close();
    assertThrows(IllegalStateException.class, server::start);
  }

  @Test
  void closeNotifyFromThePeerClosesTheOtherSide() throws Exception {
    DtlsLink link = new DtlsLink();
    link.start();
    link.client.connected().get(10, SECONDS);
    link.server.connected().get(10, SECONDS);

    link.client.close();
    link.serverEvents.closed.get(10, SECONDS);
    assertEquals(DtlsState.CLOSED, link.server.state());
    assertEquals(DtlsState.CLOSED, link.client.state());
    assertFalse(link.clientEvents.closed.isDone()); // local close is not reported
    assertTrue(link.fromClient.stream().anyMatch(d -> d[0] == 21), "no alert record sent");
    assertEquals(2, link.serverEvents.calls.get()); // onConnected, onClosed
  }

  @Test
  void throwingListenerDoesNotStopTheTransport() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    DtlsCertificate clientCert = DtlsCertificate.generate();
    DtlsTransport[] server = new DtlsTransport[1];
    DtlsTransport client =
        new DtlsTransport(
            DtlsRole.CLIENT,
            clientCert,
            List.of(CERT.fingerprint()),
            (data, off, len) -> server[0].feed(data, off, len),
            new DtlsTransport.Listener() {
              @Override
              public void onConnected(SrtpKeyMaterial keys) {
                throw new IllegalStateException("listener bug");
              }

              @Override
              public void onClosed() {
                closed.complete(null);
              }
            });
    server[0] =
        new DtlsTransport(
            DtlsRole.SERVER,
            CERT,
            List.of(clientCert.fingerprint()),
            (data, off, len) -> client.feed(data, off, len),
            new DtlsLink.Events());
    server[0].start();
    client.start();
    client.connected().get(10, SECONDS);
    server[0].connected().get(10, SECONDS);
    server[0].close();
    closed.get(10, SECONDS);
    assertEquals(DtlsState.CLOSED, client.state());
  }

  @Test
  void applicationDataAfterTheHandshakeIsIgnored() throws Exception {
    DtlsLink link = new DtlsLink();
    link.start();
    link.server.connected().get(10, SECONDS);
    link.client.connected().get(10, SECONDS);
    // A record of type application_data with garbage ciphertext in epoch 1.
    byte[] record = new byte[40];
    record[0] = 23;
    record[1] = (byte) 0xfe;
    record[2] = (byte) 0xfd;
    record[4] = 1;
    record[12] = 27;
    assertTrue(link.server.feed(record, 0, record.length));
    Thread.sleep(100);
    assertEquals(DtlsState.CONNECTED, link.server.state());
  }

  @Test
  void demultiplexesDtlsByFirstByte() {
    byte[] b = new byte[20];
    b[0] = 22;
    assertTrue(DtlsTransport.isDtls(b, 0, b.length));
    b[0] = 0; // STUN
    assertFalse(DtlsTransport.isDtls(b, 0, b.length));
    b[0] = (byte) 0x80; // RTP
    assertFalse(DtlsTransport.isDtls(b, 0, b.length));
    b[1] = 63;
    assertTrue(DtlsTransport.isDtls(b, 1, 13));
    assertFalse(DtlsTransport.isDtls(b, 1, 12));
    assertFalse(DtlsTransport.isDtls(b, 25, 13));
  }
}
