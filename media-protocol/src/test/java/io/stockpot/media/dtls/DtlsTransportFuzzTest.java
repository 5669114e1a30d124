package io.stockpot.media.dtls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hostile or corrupted datagrams end in a clean state, never in an escaped exception. */
class DtlsTransportFuzzTest {

  private static final Duration SHORT = Duration.ofMillis(1500);

  /** Settled: the listener heard an outcome and the state agrees with it. */
  private static boolean settles(DtlsTransport t, DtlsLink.Events events) {
    DtlsState s = t.state();
    return (events.connected.isDone() || events.failed.isDone())
        && (s == DtlsState.CONNECTED || s == DtlsState.FAILED);
  }

  @Test
  void randomAndTruncatedDatagramsNeverEscape() throws Exception {
    Random random = new Random(1);
    DtlsCertificate cert = DtlsCertificate.generate();
    DtlsLink.Events events = new DtlsLink.Events();
    DtlsTransport server =
        new DtlsTransport(
            DtlsRole.SERVER,
            cert,
            List.of(cert.fingerprint()),
            (data, off, len) -> {},
            events,
            DtlsOptions.defaults().withHandshakeTimeout(SHORT).withQueueCapacity(4096));
    // A real ClientHello to mutate, taken from a client that talks to nobody.
    CompletableFuture<byte[]> hello = new CompletableFuture<>();
    DtlsTransport client =
        new DtlsTransport(
            DtlsRole.CLIENT,
            cert,
            List.of(cert.fingerprint()),
            (data, off, len) -> hello.complete(java.util.Arrays.copyOfRange(data, off, off + len)),
            new DtlsLink.Events());
    client.start();
    byte[] template = hello.get(10, SECONDS);
    client.close();

    server.start();
    for (int i = 0; i < 3000; i++) {
      byte[] d;
      switch (i % 3) {
        case 0 -> {
          d = new byte[random.nextInt(1600)];
          random.nextBytes(d);
          if (d.length > 0) {
            d[0] = (byte) (20 + random.nextInt(44));
          }
        }
        case 1 -> d = java.util.Arrays.copyOf(template, random.nextInt(template.length + 1));
        default -> {
          d = template.clone();
          for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
            d[random.nextInt(d.length)] ^= (byte) (1 + random.nextInt(255));
          }
        }
      }
      server.feed(d, 0, d.length);
      server.feed(d, random.nextInt(3) - 1, d.length); // bad offsets are dropped
    }
    assertFalse(server.feed(null, 0, 10));
    assertFalse(server.feed(new byte[10], 5, 10));

    // The handshake either fails on a garbled hello or times out; the thread ends either way.
    Throwable cause = events.failed.get(10, SECONDS);
    assertTrue(cause instanceof java.io.IOException, cause.toString());
    assertEquals(DtlsState.FAILED, server.state());
    assertEquals(1, events.calls.get());
  }

  @Test
  void corruptedHandshakeTrafficSettlesBothSides() throws Exception {
    for (int round = 0; round < 3; round++) {
      Random random = new Random(100 + round);
      DtlsOptions options = DtlsOptions.defaults().withHandshakeTimeout(Duration.ofSeconds(4));
      DtlsLink link = new DtlsLink(options, options);
      link.filter =
          (from, datagram) -> {
            synchronized (random) {
              if (random.nextInt(6) == 0) {
                datagram[random.nextInt(datagram.length)] ^= (byte) (1 + random.nextInt(255));
              }
              return true;
            }
          };
      link.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!(settles(link.client, link.clientEvents) && settles(link.server, link.serverEvents))
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(settles(link.client, link.clientEvents), "client stuck in " + link.client.state());
      assertTrue(settles(link.server, link.serverEvents), "server stuck in " + link.server.state());
      if (link.client.state() == DtlsState.CONNECTED
          && link.server.state() == DtlsState.CONNECTED) {
        SrtpKeyMaterial c = link.client.connected().get();
        SrtpKeyMaterial s = link.server.connected().get();
        assertTrue(java.util.Arrays.equals(c.localKey(), s.remoteKey()));
      }
      link.client.close();
      link.server.close();
    }
  }
}
