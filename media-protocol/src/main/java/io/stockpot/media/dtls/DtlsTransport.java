package io.stockpot.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One DTLS-SRTP association (RFC 5764) with a WebRTC peer, like mediasoup's DtlsTransport.
 *
 * <p>BouncyCastle's DTLS engine is blocking, so each transport runs it on its own virtual thread.
 * The owner (a room's event loop) {@link #feed feeds} received DTLS datagrams into a bounded queue
 * without ever blocking, and receives outgoing datagrams through a {@link DatagramSender}. The
 * handshake ends in {@link Listener#onConnected} with the SRTP keys, or in {@link
 * Listener#onFailed}. Listener methods and the sender run on the handshake thread.
 *
 * <p>After the handshake the thread keeps reading, so the peer's retransmitted final flight is
 * answered and its close_notify noticed; application data is ignored (no data channels here).
 */
public final class DtlsTransport implements AutoCloseable {

  /** Outcome callbacks, called on the handshake thread; each at most once. */
  public interface Listener {
    /** The handshake finished and the peer proved it holds the signalled certificate. */
    default void onConnected(SrtpKeyMaterial keys) {}

    /** The handshake failed or timed out, or a connected association hit a fatal alert. */
    default void onFailed(Throwable cause) {}

    /** The peer ended a connected association with close_notify. Not called on local close. */
    default void onClosed() {}
  }

  /** Shared by all transports (SecureRandom is thread-safe); seeds nonces and key shares. */
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final System.Logger LOG = System.getLogger(DtlsTransport.class.getName());

  /** How often the post-handshake reader wakes to look for a stop request. */
  private static final int READ_WAKEUP_MILLIS = 1000;

  private final DtlsRole role;
  private final DtlsPeerSettings settings;
  private final DtlsQueueTransport transport;
  private final Listener listener;
  private final DtlsCounters counters;
  private final CompletableFuture<SrtpKeyMaterial> connected = new CompletableFuture<>();
  private final AtomicReference<DtlsState> state = new AtomicReference<>(DtlsState.NEW);
  private volatile Thread thread;

  /**
   * @param role our side of the handshake (see {@link DtlsRole#forRemoteRole})
   * @param certificate this node's certificate
   * @param remoteFingerprints fingerprints the peer signalled; its certificate must match one
   * @param sender where outgoing datagrams go
   * @param listener outcome callbacks
   * @param options tunables; {@link DtlsOptions#defaults()} suits browsers
   */
  public DtlsTransport(
      DtlsRole role,
      DtlsCertificate certificate,
      List<DtlsFingerprint> remoteFingerprints,
      DatagramSender sender,
      Listener listener,
      DtlsOptions options) {
    if (role == null || certificate == null || remoteFingerprints == null) {
      throw new IllegalArgumentException("role, certificate and remote fingerprints are required");
    }
    if (sender == null || listener == null || options == null) {
      throw new IllegalArgumentException("sender, listener and options are required");
    }
    this.role = role;
    this.settings =
        new DtlsPeerSettings(
            certificate,
            List.copyOf(remoteFingerprints),
            options.srtpProfiles(),
            (int) Math.min(Integer.MAX_VALUE, options.handshakeTimeout().toMillis()));
    this.counters = options.counters();
    this.transport =
        new DtlsQueueTransport(options.queueCapacity(), options.mtu(), sender, counters);
    this.listener = listener;
  }

  /** Same, with {@link DtlsOptions#defaults()}. */
  public DtlsTransport(
      DtlsRole role,
      DtlsCertificate certificate,
      List<DtlsFingerprint> remoteFingerprints,
      DatagramSender sender,
      Listener listener) {
    this(role, certificate, remoteFingerprints, sender, listener, DtlsOptions.defaults());
  }

  /**
   * RFC 7983 demultiplexing: a first byte in [20, 63] marks a DTLS record (as opposed to STUN,
   * RTP/RTCP or TURN channel data on the same 5-tuple).
   */
  public static boolean isDtls(byte[] buf, int off, int len) {
    if (len < 13 || off < 0 || off >= buf.length) {
      return false; // shorter than a DTLS record header
    }
    int first = buf[off] & 0xff;
    return first >= 20 && first <= 63;
  }

  /**
   * Starts the handshake thread. A client sends its ClientHello at once; a server waits for one.
   *
   * @throws IllegalStateException when already started or closed
   */
  public void start() {
    if (!state.compareAndSet(DtlsState.NEW, DtlsState.CONNECTING)) {
      throw new IllegalStateException("DTLS transport is " + state.get());
    }
    thread = Thread.ofVirtual().name("dtls-" + role.signalled()).start(this::run);
  }

  /**
   * Hands a received datagram to the handshake thread. Copies it, never blocks, never throws on bad
   * input. Datagrams fed before {@link #start()} wait in the queue.
   *
   * @return false when the datagram was dropped (queue full, oversized, or transport over)
   */
  public boolean feed(byte[] buf, int off, int len) {
    if (buf == null) {
      counters.datagramIn();
      counters.queueDrop();
      return false;
    }
    return transport.offer(buf, off, len);
  }

  /**
   * Stops the transport: a connected association sends close_notify, a running handshake is
   * abandoned (its future fails with CancellationException). No listener call follows.
   */
  @Override
  public void close() {
    DtlsState previous =
        state.getAndUpdate(
            s -> s == DtlsState.FAILED || s == DtlsState.CLOSED ? s : DtlsState.CLOSED);
    if (previous == DtlsState.FAILED || previous == DtlsState.CLOSED) {
      return;
    }
    transport.requestStop();
    Thread running = thread;
    if (running != null) {
      running.interrupt();
    }
    connected.completeExceptionally(new CancellationException("DTLS transport closed"));
  }

  public DtlsState state() {
    return state.get();
  }

  public DtlsRole role() {
    return role;
  }

  /** Completes with the SRTP keys, or exceptionally when the handshake fails or is closed. */
  public CompletableFuture<SrtpKeyMaterial> connected() {
    return connected;
  }

  public DtlsCounters counters() {
    return counters;
  }

  private void run() {
    BcTlsCrypto crypto = new BcTlsCrypto(RANDOM);
    SrtpDtlsServer server = null;
    SrtpDtlsClient client = null;
    DTLSTransport dtls;
    SrtpKeyMaterial keys;
    try {
      if (role == DtlsRole.SERVER) {
        server = new SrtpDtlsServer(crypto, settings);
        dtls = new DTLSServerProtocol().accept(server, transport);
        keys = server.keys();
      } else {
        client = new SrtpDtlsClient(crypto, settings);
        dtls = new DTLSClientProtocol().connect(client, transport);
        keys = client.keys();
      }
    } catch (IOException | RuntimeException e) {
      handshakeFailed(e);
      return;
    }
    if (!state.compareAndSet(DtlsState.CONNECTING, DtlsState.CONNECTED)) {
      closeQuietly(dtls); // closed locally while the last flight was in progress
      return;
    }
    counters.handshakeCompleted();
    connected.complete(keys);
    notifyListener(() -> listener.onConnected(keys));
    SrtpDtlsServer s = server;
    SrtpDtlsClient c = client;
    readUntilClosed(dtls, () -> s != null ? s.closeNotifyReceived() : c.closeNotifyReceived());
  }

  private void handshakeFailed(Exception cause) {
    if (transport.stopRequested()) {
      return; // local close: close() already settled state and future
    }
    counters.handshakeFailed();
    if (state.compareAndSet(DtlsState.CONNECTING, DtlsState.FAILED)) {
      connected.completeExceptionally(cause);
      notifyListener(() -> listener.onFailed(cause));
    }
  }

  private void readUntilClosed(DTLSTransport dtls, BooleanSupplier peerClosed) {
    byte[] buf = new byte[DtlsQueueTransport.RECEIVE_LIMIT];
    try {
      // Returns -1 on timeouts and on records that carry no application data.
      while (!transport.stopRequested() && !transport.isClosed()) {
        dtls.receive(buf, 0, buf.length, READ_WAKEUP_MILLIS);
      }
    } catch (InterruptedIOException e) {
      // Woken by close() or by BouncyCastle closing after the peer's close_notify.
    } catch (IOException | RuntimeException e) {
      if (!transport.stopRequested()
          && state.compareAndSet(DtlsState.CONNECTED, DtlsState.FAILED)) {
        notifyListener(() -> listener.onFailed(e));
      }
      return;
    }
    if (peerClosed.getAsBoolean() && state.compareAndSet(DtlsState.CONNECTED, DtlsState.CLOSED)) {
      notifyListener(listener::onClosed);
    }
    closeQuietly(dtls);
  }

  /** A throwing listener must not kill the thread that still has to answer the peer. */
  private void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "DTLS listener failed", e);
    }
  }

  private static void closeQuietly(DTLSTransport dtls) {
    Thread.interrupted(); // a pending interrupt must not disturb sending close_notify
    try {
      dtls.close();
    } catch (IOException e) {
      // Best effort: the peer also learns of the end through ICE consent expiry.
    }
  }
}
