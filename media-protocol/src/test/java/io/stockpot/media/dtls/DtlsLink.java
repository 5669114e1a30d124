package io.stockpot.media.dtls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Two {@link DtlsTransport}s wired back to back in memory: what one sends, the other is fed. A
 * filter sees every datagram (and may drop it); all datagrams are recorded per sender.
 */
final class DtlsLink {

  /** Records listener calls; fails the test harness if any is called twice. */
  static final class Events implements DtlsTransport.Listener {
    final CompletableFuture<SrtpKeyMaterial> connected = new CompletableFuture<>();
    final CompletableFuture<Throwable> failed = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void onConnected(SrtpKeyMaterial keys) {
      calls.incrementAndGet();
      connected.complete(keys);
    }

    @Override
    public void onFailed(Throwable cause) {
      calls.incrementAndGet();
      failed.complete(cause);
    }

    @Override
    public void onClosed() {
      calls.incrementAndGet();
      closed.complete(null);
    }
  }

  final DtlsCertificate clientCert = DtlsCertificate.generate();
  final DtlsCertificate serverCert = DtlsCertificate.generate();
  final Events clientEvents = new Events();
  final Events serverEvents = new Events();
  final List<byte[]> fromClient = Collections.synchronizedList(new ArrayList<>());
  final List<byte[]> fromServer = Collections.synchronizedList(new ArrayList<>());
  final DtlsTransport client;
  final DtlsTransport server;

  /** Returns true to deliver the datagram sent by the given role. */
  volatile BiPredicate<DtlsRole, byte[]> filter = (from, datagram) -> true;

  DtlsLink() {
    this(DtlsOptions.defaults(), DtlsOptions.defaults());
  }

  DtlsLink(DtlsOptions clientOptions, DtlsOptions serverOptions) {
    this(clientOptions, serverOptions, TRUE_FINGERPRINT, TRUE_FINGERPRINT);
  }

  /** What a correct signalling channel delivers: the peer's real SHA-256 fingerprint. */
  static final Function<DtlsCertificate, List<DtlsFingerprint>> TRUE_FINGERPRINT =
      cert -> List.of(cert.fingerprint());

  /**
   * @param clientTrusts maps the server's certificate to the fingerprints the client is told
   * @param serverTrusts maps the client's certificate to the fingerprints the server is told
   */
  DtlsLink(
      DtlsOptions clientOptions,
      DtlsOptions serverOptions,
      Function<DtlsCertificate, List<DtlsFingerprint>> clientTrusts,
      Function<DtlsCertificate, List<DtlsFingerprint>> serverTrusts) {
    DtlsTransport[] peers = new DtlsTransport[2];
    client =
        new DtlsTransport(
            DtlsRole.CLIENT,
            clientCert,
            clientTrusts.apply(serverCert),
            (data, off, len) -> deliver(DtlsRole.CLIENT, data, off, len, peers[1]),
            clientEvents,
            clientOptions);
    server =
        new DtlsTransport(
            DtlsRole.SERVER,
            serverCert,
            serverTrusts.apply(clientCert),
            (data, off, len) -> deliver(DtlsRole.SERVER, data, off, len, peers[0]),
            serverEvents,
            serverOptions);
    peers[0] = client;
    peers[1] = server;
  }

  private void deliver(DtlsRole from, byte[] data, int off, int len, DtlsTransport to) {
    byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
    (from == DtlsRole.CLIENT ? fromClient : fromServer).add(copy);
    if (filter.test(from, copy)) {
      to.feed(copy, 0, copy.length);
    }
  }

  void start() {
    server.start();
    client.start();
  }
}
