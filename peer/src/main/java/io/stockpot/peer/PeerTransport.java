package io.stockpot.peer;

import io.stockpot.media.demux.PacketDemux;
import io.stockpot.media.dtls.DtlsCertificate;
import io.stockpot.media.dtls.DtlsFingerprint;
import io.stockpot.media.dtls.DtlsOptions;
import io.stockpot.media.dtls.DtlsRole;
import io.stockpot.media.dtls.DtlsTransport;
import io.stockpot.media.dtls.SrtpKeyMaterial;
import io.stockpot.media.srtp.SrtpProfile;
import io.stockpot.media.srtp.SrtpSession;
import io.stockpot.media.srtp.SrtpStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The media side of one WebRTC transport, as a browser runs it against an ICE-lite SFU: a UDP
 * channel connected to the server's candidate, ICE checks as the controlling agent, DTLS as client
 * once signaling allows it, then SRTP for the streams it sends and for whatever arrives. Lives on a
 * {@link MediaLoop}; the methods meant for other threads say so.
 */
public final class PeerTransport implements RtpSink, AutoCloseable {
  /** What the server signalled for this transport. */
  public record Remote(
      String iceUfrag,
      String icePassword,
      InetSocketAddress candidate,
      List<DtlsFingerprint> fingerprints) {}

  private static final long SR_INTERVAL_NANOS = 1_000_000_000L;
  private static final int READS_PER_WAKEUP = 64;

  private final String id;
  private final boolean producing;
  private final MediaLoop loop;
  private final DtlsCertificate certificate;
  private volatile DtlsOptions dtlsOptions = DtlsOptions.defaults();
  private final Remote remote;
  private final byte[] cname;
  private final DatagramChannel channel;
  private final IceClient ice;
  private final byte[] packet = new byte[MediaStream.MAX_PACKET + 64];
  private final ByteBuffer packetOut = ByteBuffer.wrap(packet);
  private final byte[] rtcp = new byte[512];
  private final ByteBuffer rtcpOut = ByteBuffer.wrap(rtcp);
  private final byte[] in = new byte[2048];
  private final ByteBuffer inBuffer = ByteBuffer.wrap(in);
  private final ReceivedStreams receivedStreams = new ReceivedStreams();
  private final Map<Integer, String> consumers = new ConcurrentHashMap<>();
  private final RtcpCounters rtcpIn = new RtcpCounters();
  private final AtomicLongArray srtpErrors = new AtomicLongArray(8);
  private final CompletableFuture<Void> mediaReady = new CompletableFuture<>();
  private MediaStream[] streams = new MediaStream[0];
  private long[] nextSenderReport = new long[0];
  private int transportSequence = ThreadLocalRandom.current().nextInt(0x10000);
  private volatile boolean dtlsAllowed;
  private volatile DtlsTransport dtls;
  private volatile SrtpSession srtp;
  private volatile boolean closed;
  private volatile boolean iceConnected;
  private volatile boolean consentChecksStopped;

  private volatile long datagramsOut;
  private volatile long bytesOut;
  private volatile long datagramsIn;
  private volatile long bytesIn;
  private volatile long sendErrors;
  private volatile long rtcpSent;
  private volatile long srtcpErrors;
  private volatile long rtpBeforeKeys;

  private PeerTransport(
      String id,
      boolean producing,
      MediaLoop loop,
      DtlsCertificate certificate,
      String cname,
      Remote remote)
      throws IOException {
    this.id = id;
    this.producing = producing;
    this.loop = loop;
    this.certificate = certificate;
    this.remote = remote;
    this.cname = SenderReports.cname(cname);
    this.ice = new IceClient(remote.iceUfrag(), remote.icePassword(), randomUfrag());
    this.channel = DatagramChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
      InetSocketAddress local =
          remote.candidate().getAddress().isLoopbackAddress()
              ? new InetSocketAddress("127.0.0.1", 0)
              : new InetSocketAddress(0);
      channel.bind(local);
      // Connected: reads and writes need no address objects, and strangers are filtered out.
      channel.connect(remote.candidate());
      channel.configureBlocking(false);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Opens the channel and starts ICE checks on {@code loop} at once. DTLS waits for {@link
   * #allowDtls()}. Callable from any thread.
   */
  public static PeerTransport start(
      String id,
      boolean producing,
      MediaLoop loop,
      DtlsCertificate certificate,
      String cname,
      Remote remote)
      throws IOException {
    PeerTransport t = new PeerTransport(id, producing, loop, certificate, cname, remote);
    loop.execute(
        () -> {
          try {
            loop.attach(t);
          } catch (IOException e) {
            t.mediaReady.completeExceptionally(e);
            t.closeOnLoop();
          }
        });
    return t;
  }

  private static String randomUfrag() {
    return io.stockpot.media.ice.IceCredentials.randomUsernameFragment();
  }

  /** The server's ICE username fragment for this transport, as signaling gave it. */
  public String serverUfrag() {
    return remote.iceUfrag();
  }

  /** Our fingerprint, for connectWebRtcTransport. */
  public DtlsFingerprint localFingerprint() {
    return certificate.fingerprint();
  }

  /**
   * The server knows our fingerprint now: start DTLS (as client) as soon as ICE has connected.
   * Callable from any thread.
   */
  public void allowDtls() {
    dtlsAllowed = true;
    loop.execute(() -> {}); // wake the loop to look
  }

  /** Completes when SRTP keys are in place, or fails with the DTLS failure. */
  public CompletableFuture<Void> mediaReady() {
    return mediaReady;
  }

  /** Starts sending {@code stream} once media is ready. Callable from any thread. */
  public void addStream(MediaStream stream) {
    loop.execute(
        () -> {
          streams = Arrays.copyOf(streams, streams.length + 1);
          streams[streams.length - 1] = stream;
          nextSenderReport = Arrays.copyOf(nextSenderReport, streams.length);
          nextSenderReport[streams.length - 1] =
              System.nanoTime() + ThreadLocalRandom.current().nextLong(SR_INTERVAL_NANOS);
        });
  }

  /** Labels an incoming SSRC with the consumer the server announced for it. Any thread. */
  public void expectConsumer(int ssrc, String consumerId) {
    consumers.put(ssrc, consumerId);
  }

  DatagramChannel channel() {
    return channel;
  }

  /**
   * Sends {@code data} as it is from this transport's socket, i.e. from the tuple the server
   * selected: for fault injection (garbage, forged SRTP, junk DTLS) in tests and chaos runs.
   */
  public void sendDatagram(byte[] data) throws java.io.IOException {
    channel.write(java.nio.ByteBuffer.wrap(data));
  }

  /**
   * Stops sending STUN checks while everything else (media, RTCP, the signaling connection) goes
   * on, as a peer whose path died would look to the server: it must lose consent (RFC 7675) and
   * close this transport. Callable from any thread.
   */
  public void stopConsentChecks() {
    consentChecksStopped = true;
  }

  /** Loop thread: ICE checks, DTLS start, media and sender reports; answers when next due. */
  long onTimer(long now) {
    if (closed) {
      return now + SR_INTERVAL_NANOS;
    }
    if (!consentChecksStopped && ice.nextCheckNanos(now) - now <= 0) {
      int len = ice.writeCheck(now);
      write(ByteBuffer.wrap(ice.buffer(), 0, len)); // a few per second at most
    }
    long next = ice.nextCheckNanos(now);
    iceConnected = ice.connected(now);
    if (dtlsAllowed && dtls == null && ice.everConnected()) {
      startDtls();
    }
    if (srtp != null && iceConnected) {
      for (int i = 0; i < streams.length; i++) {
        long due = streams[i].poll(now, this);
        if (due - next < 0) {
          next = due;
        }
        if (now - nextSenderReport[i] >= 0) {
          sendSenderReport(streams[i], now);
          nextSenderReport[i] = now + SR_INTERVAL_NANOS;
        }
        if (nextSenderReport[i] - next < 0) {
          next = nextSenderReport[i];
        }
      }
    }
    return next;
  }

  /** The SRTP profiles DTLS offers (before DTLS starts); the defaults when never called. */
  public void srtpProfiles(int... profiles) {
    dtlsOptions = DtlsOptions.defaults().withSrtpProfiles(profiles);
  }

  private void startDtls() {
    DtlsTransport t =
        new DtlsTransport(
            DtlsRole.CLIENT,
            certificate,
            remote.fingerprints(),
            this::sendDtls,
            new DtlsTransport.Listener() {
              @Override
              public void onConnected(SrtpKeyMaterial keys) {
                onKeys(keys);
              }

              @Override
              public void onFailed(Throwable cause) {
                mediaReady.completeExceptionally(cause);
              }
            },
            dtlsOptions);
    dtls = t;
    t.start();
  }

  /** DTLS thread: both directions' SRTP contexts, published to the loop through a volatile. */
  private void onKeys(SrtpKeyMaterial keys) {
    SrtpProfile profile = SrtpProfile.fromId(keys.profile());
    srtp = keys.toSession();
    mediaReady.complete(null);
    loop.execute(() -> {});
  }

  /** DTLS thread; DatagramChannel writes are thread-safe. */
  private void sendDtls(byte[] data, int off, int len) {
    if (!closed) {
      write(ByteBuffer.wrap(data, off, len));
    }
  }

  private void sendSenderReport(MediaStream stream, long now) {
    if (!stream.started()) {
      return;
    }
    int len = SenderReports.write(rtcp, 0, stream, cname, System.currentTimeMillis(), now);
    int n = srtp.protectRtcp(rtcp, 0, len);
    if (n < 0) {
      sendErrors++;
      return;
    }
    rtcpOut.clear().limit(n);
    if (write(rtcpOut)) {
      rtcpSent++;
    }
  }

  @Override
  public byte[] packetBuffer() {
    return packet;
  }

  @Override
  public int nextTransportSequence() {
    int s = transportSequence;
    transportSequence = (s + 1) & 0xFFFF;
    return s;
  }

  @Override
  public void sendRtp(MediaStream stream, int len) {
    int n = srtp.protectRtp(packet, 0, len);
    if (n < 0) {
      sendErrors++;
      return;
    }
    packetOut.clear().limit(n);
    write(packetOut);
  }

  private boolean write(ByteBuffer buffer) {
    int len = buffer.remaining();
    try {
      if (channel.write(buffer) == len) {
        datagramsOut++;
        bytesOut += len;
        return true;
      }
    } catch (IOException e) {
      // ICMP unreachable and friends: the server is gone or not there yet; counted.
    }
    sendErrors++;
    return false;
  }

  /** Loop thread: drains the channel. */
  void onReadable(long now) {
    for (int r = 0; r < READS_PER_WAKEUP && !closed; r++) {
      inBuffer.clear();
      int n;
      try {
        n = channel.read(inBuffer);
      } catch (IOException e) {
        sendErrors++; // an ICMP error for an earlier write surfaces on read
        continue;
      }
      if (n <= 0) {
        return;
      }
      datagramsIn++;
      bytesIn += n;
      onDatagram(n, now);
    }
  }

  private void onDatagram(int n, long now) {
    switch (PacketDemux.classify(in, 0, n)) {
      case STUN -> ice.onStun(in, 0, n, now);
      case DTLS -> {
        DtlsTransport t = dtls;
        if (t != null) {
          t.feed(in, 0, n);
        }
      }
      case RTP -> onRtp(n);
      case RTCP -> onRtcp(n);
      case UNKNOWN -> {}
    }
  }

  private void onRtp(int n) {
    SrtpSession s = srtp;
    if (s == null) {
      rtpBeforeKeys++;
      return;
    }
    int len = s.unprotectRtp(in, 0, n);
    if (len < 0) {
      int i = Math.min(-len, srtpErrors.length() - 1);
      srtpErrors.lazySet(i, srtpErrors.get(i) + 1);
      return;
    }
    int sequence = ((in[2] & 0xFF) << 8) | (in[3] & 0xFF);
    receivedStreams.get(RtpWriter.readInt(in, 8)).count(sequence, in[1] & 0x7F, len);
    long sent = SendStamp.read(in, 0, len);
    if (sent > 0) {
      LatencyHistogram.SHARED.record(System.nanoTime() - sent);
    }
  }

  private void onRtcp(int n) {
    SrtpSession s = srtp;
    if (s == null) {
      rtpBeforeKeys++;
      return;
    }
    int len = s.unprotectRtcp(in, 0, n);
    if (len < 0) {
      srtcpErrors++;
      return;
    }
    RtcpReader.read(in, 0, len, rtcpIn, this::onKeyFrameRequest);
  }

  private void onKeyFrameRequest(int ssrc) {
    for (MediaStream s : streams) {
      if (s.ssrc() == ssrc && s instanceof VideoStream v) {
        v.requestKeyFrame();
      }
    }
  }

  public String id() {
    return id;
  }

  public boolean producing() {
    return producing;
  }

  /** Counters as of now; callable from any thread. */
  public TransportStats stats() {
    List<TransportStats.SentStream> sent = new ArrayList<>();
    for (MediaStream s : streams) { // a racy read of the array is fine: it is only ever replaced
      long keyFrames = s instanceof VideoStream v ? v.keyFrames() : 0;
      long requests = s instanceof VideoStream v ? v.keyFrameRequests() : 0;
      sent.add(
          new TransportStats.SentStream(
              s.kind(),
              Integer.toUnsignedLong(s.ssrc()),
              s.packets(),
              s.bytes(),
              s.frames(),
              keyFrames,
              requests));
    }
    List<TransportStats.ReceivedStreamStats> received = new ArrayList<>();
    for (ReceivedStream r : receivedStreams.all()) {
      received.add(
          new TransportStats.ReceivedStreamStats(
              Integer.toUnsignedLong(r.ssrc()),
              consumers.get(r.ssrc()),
              r.payloadType(),
              r.packets(),
              r.bytes(),
              r.lost()));
    }
    Map<String, Long> errors = new LinkedHashMap<>();
    for (int i = 1; i < srtpErrors.length(); i++) {
      if (srtpErrors.get(i) != 0) {
        errors.put(SrtpStatus.describe(-i), srtpErrors.get(i));
      }
    }
    DtlsTransport t = dtls;
    return new TransportStats(
        id,
        producing,
        iceConnected,
        t == null ? "NEW" : t.state().name(),
        srtp != null,
        ice.checksSent(),
        ice.successes(),
        datagramsOut,
        bytesOut,
        datagramsIn,
        bytesIn,
        sendErrors,
        rtcpSent,
        errors,
        srtcpErrors,
        rtpBeforeKeys,
        rtcpIn.snapshot(),
        sent,
        received);
  }

  /** Stops sending, sends close_notify, releases the port. Callable from any thread. */
  @Override
  public void close() {
    if (loop.inLoop()) {
      closeOnLoop();
    } else {
      loop.execute(this::closeOnLoop);
    }
  }

  void closeOnLoop() {
    if (closed) {
      return;
    }
    DtlsTransport t = dtls;
    if (t != null) {
      t.close(); // best effort: the server also learns of the end through signaling
    }
    closed = true;
    loop.detach(this);
    mediaReady.completeExceptionally(new IllegalStateException("transport closed"));
    try {
      channel.close();
    } catch (IOException e) {
      // the port is released either way
    }
  }
}
