package io.stockpot.peer;

import io.stockpot.media.demux.PacketDemux;
import io.stockpot.media.dtls.DtlsCertificate;
import io.stockpot.media.dtls.DtlsFingerprint;
import io.stockpot.media.dtls.DtlsRole;
import io.stockpot.media.dtls.DtlsTransport;
import io.stockpot.media.dtls.SrtpKeyMaterial;
import io.stockpot.media.ice.IceCheckResult;
import io.stockpot.media.ice.IceServer;
import io.stockpot.media.ice.IceState;
import io.stockpot.media.srtp.SrtpProfile;
import io.stockpot.media.srtp.SrtpSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server half of a WebRTC transport, reduced to what a test needs, built from Stockpot's own
 * protocol classes over real UDP on 127.0.0.1: an {@link IceServer} answering checks, a DTLS server
 * that verifies the peer's fingerprint, and SRTP that unprotects (and counts) everything the peer
 * sends. It can also send SRTP/SRTCP back.
 */
final class IceLiteResponder implements AutoCloseable {
  private final DatagramChannel channel;
  private final IceServer ice = new IceServer();
  private final DtlsCertificate certificate = DtlsCertificate.generate();
  private final Thread thread;
  private final int checksToIgnore;
  private volatile DtlsTransport dtls;
  private volatile SrtpSession srtp;
  private volatile InetSocketAddress peer;
  private volatile IceState iceState = IceState.NEW;

  final AtomicInteger checksSeen = new AtomicInteger();
  final AtomicLong rtpFailures = new AtomicLong();
  final AtomicLong rtcpFailures = new AtomicLong();
  final AtomicLong rtpBeforeKeys = new AtomicLong();
  final Map<Integer, AtomicLong> rtpAuthenticated = new ConcurrentHashMap<>();
  final Map<Integer, AtomicLong> senderReports = new ConcurrentHashMap<>();

  /** The first decrypted packets of each SSRC, for inspecting headers and payload. */
  final Map<Integer, List<byte[]>> firstPackets = new ConcurrentHashMap<>();

  /**
   * @param checksToIgnore how many Binding requests go unanswered, as if lost
   */
  IceLiteResponder(int checksToIgnore) throws IOException {
    this.checksToIgnore = checksToIgnore;
    channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    thread = Thread.ofPlatform().name("ice-lite-responder").daemon(true).start(this::run);
  }

  InetSocketAddress address() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  String ufrag() {
    return ice.usernameFragment();
  }

  String password() {
    return ice.password();
  }

  DtlsFingerprint fingerprint() {
    return certificate.fingerprint();
  }

  IceState iceState() {
    return iceState;
  }

  boolean srtpReady() {
    return srtp != null;
  }

  /** What connectWebRtcTransport does on a server: the DTLS server now waits for a ClientHello. */
  void expectClient(DtlsFingerprint clientFingerprint) {
    DtlsTransport t =
        new DtlsTransport(
            DtlsRole.SERVER,
            certificate,
            List.of(clientFingerprint),
            (data, off, len) -> send(ByteBuffer.wrap(data, off, len)),
            new DtlsTransport.Listener() {
              @Override
              public void onConnected(SrtpKeyMaterial keys) {
                SrtpProfile profile = SrtpProfile.fromId(keys.profile());
                srtp = keys.toSession();
              }
            });
    dtls = t;
    t.start();
  }

  /** Protects and sends an RTP packet to the peer (test thread only). */
  void sendRtp(byte[] plain) {
    byte[] buf = Arrays.copyOf(plain, plain.length + 64);
    int n = srtp.protectRtp(buf, 0, plain.length);
    send(ByteBuffer.wrap(buf, 0, n));
  }

  /** Protects and sends a compound RTCP packet to the peer (test thread only). */
  void sendRtcp(byte[] plain) {
    byte[] buf = Arrays.copyOf(plain, plain.length + 64);
    int n = srtp.protectRtcp(buf, 0, plain.length);
    send(ByteBuffer.wrap(buf, 0, n));
  }

  /** Sends raw bytes to the peer, unprotected. */
  void sendRaw(byte[] data) {
    send(ByteBuffer.wrap(data));
  }

  long authenticated(int ssrc) {
    AtomicLong n = rtpAuthenticated.get(ssrc);
    return n == null ? 0 : n.get();
  }

  long senderReports(int ssrc) {
    AtomicLong n = senderReports.get(ssrc);
    return n == null ? 0 : n.get();
  }

  private void send(ByteBuffer data) {
    InetSocketAddress to = peer;
    if (to == null) {
      return;
    }
    try {
      channel.send(data, to);
    } catch (IOException e) {
      // the test notices missing traffic
    }
  }

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(2048);
    byte[] buf = buffer.array();
    try {
      while (true) {
        buffer.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
        onDatagram(buf, buffer.position(), from);
      }
    } catch (AsynchronousCloseException e) {
      // closed by the test
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void onDatagram(byte[] buf, int len, InetSocketAddress from) {
    switch (PacketDemux.classify(buf, 0, len)) {
      case STUN -> {
        if (checksSeen.incrementAndGet() <= checksToIgnore) {
          return;
        }
        IceCheckResult r = ice.handle(buf, 0, len, from, System.currentTimeMillis());
        if (r.selectedTupleChanged()) {
          peer = ice.selectedTuple();
        }
        iceState = ice.state();
        if (r.hasResponse()) {
          send(ByteBuffer.wrap(r.responseBytes()));
        }
      }
      case DTLS -> {
        DtlsTransport t = dtls;
        if (t != null && ice.isValidTuple(from)) {
          t.feed(buf, 0, len);
        }
      }
      case RTP -> onRtp(buf, len);
      case RTCP -> onRtcp(buf, len);
      case UNKNOWN -> {}
    }
  }

  private void onRtp(byte[] buf, int len) {
    SrtpSession s = srtp;
    if (s == null) {
      rtpBeforeKeys.incrementAndGet();
      return;
    }
    int n = s.unprotectRtp(buf, 0, len);
    if (n < 0) {
      rtpFailures.incrementAndGet();
      return;
    }
    int ssrc = RtpWriter.readInt(buf, 8);
    rtpAuthenticated.computeIfAbsent(ssrc, k -> new AtomicLong()).incrementAndGet();
    List<byte[]> first = firstPackets.computeIfAbsent(ssrc, k -> new java.util.ArrayList<>());
    synchronized (first) {
      if (first.size() < 8) {
        first.add(Arrays.copyOf(buf, n));
      }
    }
  }

  private void onRtcp(byte[] buf, int len) {
    SrtpSession s = srtp;
    if (s == null) {
      return;
    }
    int n = s.unprotectRtcp(buf, 0, len);
    if (n < 0) {
      rtcpFailures.incrementAndGet();
      return;
    }
    if ((buf[1] & 0xFF) == 200) {
      senderReports
          .computeIfAbsent(RtpWriter.readInt(buf, 4), k -> new AtomicLong())
          .incrementAndGet();
    }
  }

  @Override
  public void close() throws IOException {
    DtlsTransport t = dtls;
    if (t != null) {
      t.close();
    }
    channel.close();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
