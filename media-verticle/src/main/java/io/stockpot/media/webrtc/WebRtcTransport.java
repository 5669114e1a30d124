package io.stockpot.media.webrtc;

import io.stockpot.media.bwe.OutgoingBitrateLimits;
import io.stockpot.media.bwe.TransportCongestionControlClient;
import io.stockpot.media.demux.PacketDemux;
import io.stockpot.media.dtls.DtlsCertificate;
import io.stockpot.media.dtls.DtlsFingerprint;
import io.stockpot.media.dtls.DtlsRole;
import io.stockpot.media.dtls.DtlsTransport;
import io.stockpot.media.dtls.SrtpKeyMaterial;
import io.stockpot.media.ice.IceCheckResult;
import io.stockpot.media.ice.IceServer;
import io.stockpot.media.ice.IceState;
import io.stockpot.media.router.DropCounters;
import io.stockpot.media.router.DropReason;
import io.stockpot.media.router.MediaTransport;
import io.stockpot.media.srtp.SrtpProfile;
import io.stockpot.media.srtp.SrtpSession;
import io.stockpot.media.srtp.SrtpStatus;
import io.stockpot.media.stats.RateCalculator;
import io.stockpot.media.udp.UdpEndpoint;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A browser's WebRTC transport, like mediasoup's WebRtcTransport: ICE-lite, then DTLS for the SRTP
 * keys, then SRTP/SRTCP in both directions. Everything but the DTLS handshake runs on the room's
 * event loop; the handshake runs on a virtual thread and hops back through {@code loop}.
 *
 * <p>The receive path, per datagram: demultiplex by first byte → STUN to the ICE server, DTLS to
 * the handshake queue, RTP/RTCP through SRTP unprotect → the {@link Listener}. Each step counts
 * what it drops in {@link TransportCounters}.
 */
public final class WebRtcTransport implements MediaTransport {
  private static final Logger LOG = Logger.getLogger(WebRtcTransport.class.getName());

  /** The router side of a transport; called on the room's event loop. */
  public interface Listener {
    /** A decrypted RTP packet that arrived at {@code nowUs} (µs, the room's media clock). */
    void onRtp(WebRtcTransport transport, byte[] buf, int off, int len, long nowUs);

    /** A decrypted RTCP compound that arrived at {@code nowUs}. */
    void onRtcp(WebRtcTransport transport, byte[] buf, int off, int len, long nowUs);

    /** ICE selected (or switched) the tuple media flows on. */
    void onTupleSelected(WebRtcTransport transport, InetSocketAddress tuple);

    /** DTLS connected at {@code nowMs}: SRTP works in both directions from now on. */
    void onConnected(WebRtcTransport transport, long nowMs);
  }

  private final String id;
  private final IceServer ice = new IceServer();
  private final DtlsCertificate certificate;
  private final UdpEndpoint endpoint;
  private final String announcedIp;
  private final Executor loop;
  private final Listener listener;
  private final TransportCounters counters;
  private final LongSupplier clockMs;
  private final RateCalculator recvRate = new RateCalculator();
  private final RateCalculator sendRate = new RateCalculator();
  private final List<String> usernameFragments = new ArrayList<>();
  private UdpEndpoint selectedEndpoint;
  private DtlsRole dtlsRole;
  private List<DtlsFingerprint> remoteFingerprints;
  private DtlsTransport dtls;
  private String dtlsState = "new";
  private SrtpSession srtp;
  private boolean closed;
  private String cnameForProducers;

  /** Send-side estimation toward this transport's browser: numbering, send history, estimate. */
  private TransportCongestionControlClient congestionControl =
      new TransportCongestionControlClient(OutgoingBitrateLimits.DEFAULTS);

  public WebRtcTransport(
      String id,
      DtlsCertificate certificate,
      UdpEndpoint endpoint,
      String announcedIp,
      Executor loop,
      Listener listener,
      LongSupplier clockMs,
      DropCounters roomDrops) {
    this.id = id;
    this.clockMs = clockMs;
    this.counters = new TransportCounters(roomDrops);
    this.certificate = certificate;
    this.endpoint = endpoint;
    this.announcedIp = announcedIp;
    this.loop = loop;
    this.listener = listener;
    usernameFragments.add(ice.usernameFragment());
  }

  public String id() {
    return id;
  }

  /** Every local ICE username fragment this transport answers to (several after a restart). */
  public List<String> usernameFragments() {
    return usernameFragments;
  }

  /**
   * The RTCP CNAME (RFC 3550 §6.5.1) every producer on this transport gets, as mediasoup's
   * Transport.produce does: the first producer's own CNAME, or a random 8-character one when it
   * gave none (mediasoup-client's rid simulcast sends none), so consumers never get an empty one
   * and a browser's streams keep one CNAME (one synchronisation context).
   *
   * @param offered the producer's {@code rtcp.cname}, or null
   */
  public String cnameForProducers(String offered) {
    if (cnameForProducers == null) {
      cnameForProducers =
          offered != null && !offered.isEmpty()
              ? offered
              : java.util.UUID.randomUUID().toString().substring(0, 8);
    }
    return cnameForProducers;
  }

  public TransportCounters counters() {
    return counters;
  }

  @Override
  public TransportCongestionControlClient congestionControl() {
    return congestionControl;
  }

  /**
   * Sets where this transport's estimate starts and its bounds (mediasoup's {@code
   * initialAvailableOutgoingBitrate}, {@code minimumAvailableOutgoingBitrate}), and the
   * transport-wide sequence number extension id its consumers carry (0: none). Starts the
   * estimation afresh: call it before anything is sent.
   */
  public void congestionControl(OutgoingBitrateLimits limits, int transportCcExtensionId) {
    congestionControl = new TransportCongestionControlClient(limits);
    congestionControl.extensionId(transportCcExtensionId);
  }

  /**
   * Where the estimate starts, in bps (mediasoup's {@code initialAvailableOutgoingBitrate}),
   * clamped into the current bounds; starts the estimation afresh.
   */
  public void initialAvailableOutgoingBitrate(long bps) {
    congestionControl(
        congestionControl.estimator().limits().withInitial(bps), congestionControl.extensionId());
  }

  /** The available outgoing bitrate toward the browser in bps (mediasoup's field). */
  public long availableOutgoingBitrate() {
    return congestionControl.availableOutgoingBitrate();
  }

  @Override
  public DropCounters drops() {
    return counters.drops;
  }

  @Override
  public boolean isConnected() {
    return srtp != null && !closed;
  }

  /** The announced address of this transport's ICE candidate (the client sends to it). */
  public String announcedIp() {
    return announcedIp;
  }

  /** The UDP port of this transport's ICE candidate. */
  public int port() {
    return endpoint.port();
  }

  /** The UDP port media flows on now: the selected endpoint's, else the candidate's. */
  public int selectedPort() {
    return selectedEndpoint == null ? endpoint.port() : selectedEndpoint.port();
  }

  /** This side's certificate fingerprint, as the client's DTLS checks it. */
  public DtlsFingerprint localFingerprint() {
    return certificate.fingerprint();
  }

  /** The current ICE username fragment (changes on {@link #restartIce()}). */
  public String iceUsernameFragment() {
    return ice.usernameFragment();
  }

  /** The current ICE password (changes on {@link #restartIce()}). */
  public String icePassword() {
    return ice.password();
  }

  /** The ICE state, in mediasoup's lower-case words ({@code new}, {@code connected}…). */
  public String iceState() {
    return ice.state().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The DTLS state, in mediasoup's words ({@code new}, {@code connecting}, {@code closed}…). */
  public String dtlsState() {
    return dtlsState;
  }

  /** Bits per second received over the last rate window, at {@code nowMs}. */
  public long recvBitrate(long nowMs) {
    return recvRate.bitsPerSecond(nowMs);
  }

  /** Bits per second sent over the last rate window, at {@code nowMs}. */
  public long sendBitrate(long nowMs) {
    return sendRate.bitsPerSecond(nowMs);
  }

  /**
   * {@code connectWebRtcTransport}: the client's DTLS role ({@code auto}, {@code client}, {@code
   * server}; null means auto) and certificate fingerprints, already read from the request.
   *
   * @throws TransportException if connect was called before, or the fingerprints or role are bad
   */
  public void connect(String remoteRole, List<DtlsFingerprint> fingerprints) {
    if (remoteFingerprints != null) {
      throw new TransportException(
          TransportException.Reason.ALREADY_CONNECTED, "connect() already called");
    }
    List<DtlsFingerprint> verified;
    try {
      // Refused now rather than as a failed handshake later: the client hears why.
      verified = DtlsFingerprint.strongest(fingerprints);
    } catch (IllegalArgumentException e) {
      throw new TransportException(
          TransportException.Reason.BAD_PARAMETERS,
          "dtlsParameters.fingerprints: " + e.getMessage());
    }
    String role = remoteRole == null ? "auto" : remoteRole;
    try {
      dtlsRole = DtlsRole.forRemoteRole(role);
    } catch (IllegalArgumentException e) {
      throw new TransportException(
          TransportException.Reason.BAD_PARAMETERS, "bad dtlsParameters.role: " + role);
    }
    remoteFingerprints = verified;
    maybeStartDtls();
  }

  /** {@code restartIce}: new credentials; the old ones work until the new ones are used. */
  public void restartIce() {
    ice.restart();
    usernameFragments.add(ice.usernameFragment());
  }

  // DTLS starts once we know the browser's certificate and, as a client, where to send to.
  private void maybeStartDtls() {
    if (dtls != null || remoteFingerprints == null || closed) {
      return;
    }
    if (dtlsRole == DtlsRole.CLIENT && ice.selectedTuple() == null) {
      return;
    }
    dtlsState = "connecting";
    dtls =
        new DtlsTransport(
            dtlsRole,
            certificate,
            remoteFingerprints,
            (data, off, len) -> loop.execute(() -> sendDtls(data, off, len)),
            new DtlsTransport.Listener() {
              @Override
              public void onConnected(SrtpKeyMaterial keys) {
                loop.execute(() -> dtlsConnected(keys));
              }

              @Override
              public void onFailed(Throwable cause) {
                loop.execute(() -> dtlsEnded("failed", cause));
              }

              @Override
              public void onClosed() {
                loop.execute(() -> dtlsEnded("closed", null));
              }
            });
    dtls.start();
  }

  private void sendDtls(byte[] data, int off, int len) {
    InetSocketAddress to = ice.selectedTuple();
    if (to != null && !closed) {
      UdpEndpoint via = selectedEndpoint != null ? selectedEndpoint : endpoint;
      via.send(data, off, len, to);
      counters.bytesOut += len;
    }
  }

  private void dtlsConnected(SrtpKeyMaterial keys) {
    if (closed) {
      return;
    }
    SrtpProfile profile = SrtpProfile.fromId(keys.profile());
    srtp = keys.toSession();
    dtlsState = "connected";
    LOG.info(() -> "transport " + id + ": DTLS connected as " + dtlsRole + ", " + profile);
    listener.onConnected(this, clockMs.getAsLong());
  }

  private void dtlsEnded(String state, Throwable cause) {
    dtlsState = state;
    srtp = null;
    LOG.info(
        () ->
            "transport "
                + id
                + ": DTLS "
                + state
                + (cause == null ? "" : ": " + cause.getMessage()));
  }

  /**
   * One received datagram, already known to belong to this transport (by tuple or ufrag), that
   * arrived at {@code nowUs} (µs, the room's media clock).
   */
  public void onDatagram(
      UdpEndpoint via, byte[] buf, int off, int len, InetSocketAddress from, long nowUs) {
    long nowMs = nowUs / 1000;
    counters.datagramsIn++;
    counters.bytesIn += len;
    recvRate.add(len, nowMs);
    switch (PacketDemux.classify(buf, off, len)) {
      case STUN -> onStun(via, buf, off, len, from, nowMs);
      case DTLS -> {
        counters.dtlsIn++;
        if (dtls == null || !ice.isValidTuple(from) || !dtls.feed(buf, off, len)) {
          counters.drops.count(DropReason.DTLS_NOT_READY);
        }
      }
      case RTP -> {
        if (!fromSelectedTuple(from)) {
          return;
        }
        int n = srtp.unprotectRtp(buf, off, len);
        if (n < 0) {
          countSrtpFailure(n);
          return;
        }
        counters.rtpIn++;
        listener.onRtp(this, buf, off, n, nowUs);
      }
      case RTCP -> {
        if (!fromSelectedTuple(from)) {
          return;
        }
        int n = srtp.unprotectRtcp(buf, off, len);
        if (n < 0) {
          countSrtpFailure(n);
          return;
        }
        counters.rtcpIn++;
        listener.onRtcp(this, buf, off, n, nowUs);
      }
      default -> counters.drops.count(DropReason.UNKNOWN_PACKET);
    }
  }

  private boolean fromSelectedTuple(InetSocketAddress from) {
    if (srtp == null || !ice.isValidTuple(from)) {
      counters.drops.count(DropReason.MEDIA_BEFORE_SRTP);
      return false;
    }
    return true;
  }

  private void countSrtpFailure(int status) {
    switch (status) {
      case SrtpStatus.AUTH_FAILED -> counters.drops.count(DropReason.SRTP_AUTH);
      case SrtpStatus.REPLAYED, SrtpStatus.TOO_OLD -> counters.drops.count(DropReason.SRTP_REPLAY);
      default -> counters.drops.count(DropReason.SRTP_OTHER);
    }
  }

  private void onStun(
      UdpEndpoint via, byte[] buf, int off, int len, InetSocketAddress from, long nowMs) {
    counters.stunIn++;
    IceCheckResult result = ice.handle(buf, off, len, from, nowMs);
    if (result.hasResponse()) {
      via.write(result.responseBuffer(), 0, result.responseLength(), from);
      counters.bytesOut += result.responseLength();
    }
    if (result.outcome() != IceCheckResult.Outcome.SUCCESS) {
      counters.drops.count(DropReason.STUN_REJECTED);
      return;
    }
    if (result.selectedTupleChanged() && ice.selectedTuple() != null) {
      selectedEndpoint = via;
      listener.onTupleSelected(this, ice.selectedTuple());
      maybeStartDtls();
    }
  }

  /**
   * Protects an RTP packet in place and queues it to the browser. {@code buf} must have room for
   * the SRTP tag after {@code len}. Returns false if the transport cannot send (yet).
   */
  @Override
  public boolean sendRtp(byte[] buf, int off, int len, long nowMs) {
    if (!isConnected() || ice.selectedTuple() == null) {
      return false;
    }
    // Our own transport-wide sequence number, before protection (SRTP authenticates the header);
    // the browser's feedback on it drives the estimate. A packet refused below leaves a gap the
    // feedback reports as lost.
    congestionControl.onRtpSend(buf, off, len, nowMs * 1000);
    int n = srtp.protectRtp(buf, off, len);
    if (n < 0) {
      // Counted by the caller (the consumer whose copy it was).
      return false;
    }
    counters.rtpOut++;
    counters.bytesOut += n;
    sendRate.add(n, nowMs);
    selectedEndpoint.write(buf, off, n, ice.selectedTuple());
    return true;
  }

  /** Protects an RTCP packet in place and sends it at once (RTCP goes out on timers). */
  @Override
  public boolean sendRtcp(byte[] buf, int off, int len, long nowMs) {
    if (!isConnected() || ice.selectedTuple() == null) {
      return false;
    }
    int n = srtp.protectRtcp(buf, off, len);
    if (n < 0) {
      counters.drops.count(DropReason.PROTECT_FAILED);
      return false;
    }
    counters.rtcpOut++;
    counters.bytesOut += n;
    sendRate.add(n, nowMs);
    selectedEndpoint.send(buf, off, n, ice.selectedTuple());
    return true;
  }

  /** Consent freshness; the room calls it about once a second. */
  public void tick(long nowMs) {
    if (ice.tick(nowMs) && ice.state() == IceState.DISCONNECTED) {
      LOG.info(
          () ->
              "transport "
                  + id
                  + ": ICE disconnected (no consent for "
                  + ice.consentTimeoutMillis()
                  + " ms)");
    }
  }

  /** RFC 7675 consent timeout in ms (mediasoup's {@code iceConsentTimeout}); 0: never. */
  public void consentTimeout(long millis) {
    ice.setConsentTimeoutMillis(millis);
  }

  /** ICE lost consent on the selected tuple and no valid check has come since. */
  public boolean consentLost() {
    return !closed && ice.state() == IceState.DISCONNECTED;
  }

  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ice.close();
    if (dtls != null) {
      dtls.close();
    }
    srtp = null;
    dtlsState = "closed";
  }

  public InetSocketAddress selectedTuple() {
    return ice.selectedTuple();
  }
}
