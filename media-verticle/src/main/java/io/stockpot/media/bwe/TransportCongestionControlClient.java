package io.stockpot.media.bwe;

import io.stockpot.media.rtcp.TransportCc;
import io.stockpot.media.rtp.RtpExtensions;
import io.stockpot.media.rtp.RtpPacket;

/**
 * The sending half of transport-wide congestion control for one transport, like mediasoup's
 * TransportCongestionControlClient: every RTP packet the transport sends that carries the
 * transport-wide sequence number element gets this transport's own next number, written in place
 * before protection (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2), and a place in the
 * {@link SendHistory}; transport-cc feedback from the browser (§3.1) is matched against it and
 * feeds the {@link SendSideBandwidthEstimator}. Everything here belongs to this transport alone.
 * Untrusted feedback is counted, never thrown.
 */
public final class TransportCongestionControlClient {
  /** Probes start at most this often (µs). */
  public static final long PROBE_INTERVAL_US = 5_000_000;

  /** A probe cluster carries what its target rate sends in this long (µs). */
  static final long PROBE_CLUSTER_US = 15_000;

  static final int MIN_PROBE_PACKETS = ProbeBitrateEstimator.MIN_RECEIVED;
  static final int MAX_PROBE_PACKETS = 40;

  /** The recent send rate is measured over windows this long (µs). */
  static final long SEND_WINDOW_US = 100_000;

  /** Repairs stop while the recent send rate exceeds this multiple of the estimate. */
  public static final double RETRANSMISSION_HEADROOM = 1.5;

  /** How long congestion seen in feedback keeps the repair guard on (µs). */
  static final long CONGESTION_MEMORY_US = 2_000_000;

  private final RtpPacket view = new RtpPacket();
  private final TransportCc feedback = new TransportCc();
  private final SendHistory history = new SendHistory();
  private final SendSideBandwidthEstimator estimator;
  private final ProbeBitrateEstimator probes = new ProbeBitrateEstimator();
  private int extensionId;
  private int probeCluster;
  private int lastCluster;
  private long lastProbeUs = Long.MIN_VALUE / 2;
  private long probeClustersSent;
  private long windowStartUs = Long.MIN_VALUE / 2;
  private long windowBytes;
  private long previousWindowBytes;
  private long retransmissionsRefused;
  private long lastCongestionUs = Long.MIN_VALUE / 2;

  private long packetsNumbered;
  private long packetsWithoutSequence;
  private long feedbackReceived;
  private long feedbackInvalid;
  private long packetsAcknowledged;
  private long packetsLost;
  private long packetsUnmatched;
  private long rembReceived;

  public TransportCongestionControlClient(OutgoingBitrateLimits limits) {
    this.estimator = new SendSideBandwidthEstimator(limits);
  }

  /**
   * The transport-wide sequence number extension id this transport's consumers carry (the router
   * capability's id, which every consumer gets); 0 turns numbering off.
   */
  public void extensionId(int id) {
    this.extensionId = id;
  }

  public int extensionId() {
    return extensionId;
  }

  /**
   * A plaintext RTP packet ({@code len} bytes at {@code buf[off]}) about to be protected and sent
   * at {@code nowUs}: if it carries the transport-wide sequence number element, overwrites it with
   * this transport's next number and records the send. Answers whether it did.
   */
  public boolean onRtpSend(byte[] buf, int off, int len, long nowUs) {
    accountSent(len, nowUs);
    if (extensionId == 0 || !view.read(buf, off, len)) {
      return false;
    }
    int seq16 = (int) (history.nextSequence() & 0xFFFF);
    if (!RtpExtensions.setTransportSequenceNumber(view, extensionId, seq16)) {
      packetsWithoutSequence++;
      return false;
    }
    history.add(nowUs, len, probeCluster);
    if (probeCluster != 0) {
      probes.sent(probeCluster);
    }
    packetsNumbered++;
    return true;
  }

  /**
   * A transport-cc feedback packet (RTPFB FMT 15, {@code len} bytes at {@code buf[off]}) from the
   * browser, received at {@code nowUs}: each reported packet found in the send history goes to the
   * estimator. Answers false (and counts it) if the packet does not parse.
   */
  public boolean onTransportCcFeedback(byte[] buf, int off, int len, long nowUs) {
    if (!feedback.read(buf, off, len)) {
      feedbackInvalid++;
      return false;
    }
    feedbackReceived++;
    long probeResult = -1;
    feedback.rewind();
    while (feedback.nextEntry()) {
      long seq = history.find(feedback.entrySequenceNumber());
      if (seq < 0) {
        packetsUnmatched++;
        continue;
      }
      boolean received = feedback.entryReceived();
      if (received) {
        if (!history.markReceived(seq)) {
          continue;
        }
        packetsAcknowledged++;
        estimator.onPacket(
            history.sendTimeUs(seq), feedback.entryArrivalUs(), history.size(seq), true);
        int cluster = history.cluster(seq);
        if (cluster != 0) {
          long r = probes.received(cluster, feedback.entryArrivalUs(), history.size(seq));
          probeResult = Math.max(probeResult, r);
        }
      } else {
        packetsLost++;
        estimator.onPacket(history.sendTimeUs(seq), 0, history.size(seq), false);
      }
    }
    estimator.onFeedbackEnd(nowUs);
    if (estimator.usage() == BandwidthUsage.OVERUSING
        || estimator.lossFraction() > LossBasedBwe.HIGH_LOSS) {
      lastCongestionUs = nowUs;
    }
    if (probeResult > 0) {
      estimator.onProbeResult(probeResult);
    }
    return true;
  }

  /**
   * Starts a probe cluster if one is due at {@code nowUs}: the browser has answered with feedback
   * (the path works), the last probe is {@link #PROBE_INTERVAL_US} old, and the estimate is below
   * its ceiling. The cluster aims at twice the estimate (at most the ceiling) for {@link
   * #PROBE_CLUSTER_US}: answers how many packets of {@code packetSize} bytes the caller sends now,
   * back to back, before {@link #endProbe}; or 0. Like libwebrtc's ProbeController, simplified:
   * without a pacer the cluster leaves as a burst, and the bottleneck spaces it.
   */
  public int startProbe(long nowUs, int packetSize) {
    long estimate = estimator.availableBitrate();
    long target = Math.min(2 * estimate, estimator.limits().maximumBps());
    if (extensionId == 0
        || feedbackReceived == 0
        || nowUs - lastProbeUs < PROBE_INTERVAL_US
        || target <= estimate) {
      return 0;
    }
    lastProbeUs = nowUs;
    lastCluster = lastCluster % (ProbeBitrateEstimator.CLUSTERS - 1) + 1;
    probeCluster = lastCluster;
    probes.start(probeCluster, target);
    probeClustersSent++;
    long packets = target * PROBE_CLUSTER_US / 8_000_000 / Math.max(1, packetSize);
    return (int) Math.max(MIN_PROBE_PACKETS, Math.min(MAX_PROBE_PACKETS, packets));
  }

  /** The probe cluster's packets are sent: later packets are media again. */
  public void endProbe() {
    probeCluster = 0;
  }

  /** Every RTP byte this transport sends, in two 100 ms windows: the recent send rate. */
  private void accountSent(int len, long nowUs) {
    long elapsed = nowUs - windowStartUs;
    if (elapsed >= SEND_WINDOW_US) {
      previousWindowBytes = elapsed >= 2 * SEND_WINDOW_US ? 0 : windowBytes;
      windowBytes = 0;
      windowStartUs = nowUs;
    }
    windowBytes += len;
  }

  /** Bits per second this transport sent over the last 100–200 ms, at {@code nowUs}. */
  public long recentSendBitrate(long nowUs) {
    long elapsed = Math.max(0, nowUs - windowStartUs);
    if (elapsed >= 2 * SEND_WINDOW_US) {
      return 0;
    }
    long bytes = windowBytes + (elapsed >= SEND_WINDOW_US ? 0 : previousWindowBytes);
    long spanUs = elapsed >= SEND_WINDOW_US ? elapsed : SEND_WINDOW_US + elapsed;
    return bytes * 8 * 1_000_000 / Math.max(spanUs, 1);
  }

  /**
   * Whether a repair (a NACKed packet sent again) may go out at {@code nowUs}: not while this
   * transport already sends more than {@link #RETRANSMISSION_HEADROOM} × the estimate. Without it,
   * a bottleneck that drops packets draws NACKs whose repairs, lost in the same queue, are NACKed
   * again: the repairs alone grow to many times what the path carries (libwebrtc's pacer bounds
   * them by the pacing rate; there is no pacer here). Only while the feedback shows congestion
   * (overuse, or loss above {@link LossBasedBwe#HIGH_LOSS}, within the last {@link
   * #CONGESTION_MEMORY_US}): a healthy path whose estimate is still climbing from its start value,
   * or a peer that sends no transport-cc feedback, gets every repair. Counted when refused.
   */
  public boolean retransmissionAllowed(long nowUs) {
    if (nowUs - lastCongestionUs > CONGESTION_MEMORY_US
        || recentSendBitrate(nowUs) <= RETRANSMISSION_HEADROOM * estimator.availableBitrate()) {
      return true;
    }
    retransmissionsRefused++;
    return false;
  }

  /** Repairs refused because the transport already sent more than the estimate allows. */
  public long retransmissionsRefused() {
    return retransmissionsRefused;
  }

  /** Probe clusters started. */
  public long probeClustersSent() {
    return probeClustersSent;
  }

  /**
   * A REMB's bitrate (bps): the estimate where the browser estimates itself because transport-cc
   * was not negotiated; ignored once transport-cc feedback has come.
   */
  public void onRemb(long bps) {
    rembReceived++;
    if (feedbackReceived == 0 && bps >= 0) {
      estimator.onRemb(bps);
    }
  }

  /** The available outgoing bitrate in bps (mediasoup's {@code availableOutgoingBitrate}). */
  public long availableOutgoingBitrate() {
    return estimator.availableBitrate();
  }

  public SendSideBandwidthEstimator estimator() {
    return estimator;
  }

  /** Packets given a transport-wide sequence number. */
  public long packetsNumbered() {
    return packetsNumbered;
  }

  /** RTP packets sent without the element (audio, peers that did not negotiate it). */
  public long packetsWithoutSequence() {
    return packetsWithoutSequence;
  }

  /** Well-formed transport-cc feedback packets received. */
  public long feedbackReceived() {
    return feedbackReceived;
  }

  /** Transport-cc feedback packets that did not parse. */
  public long feedbackInvalid() {
    return feedbackInvalid;
  }

  public long packetsAcknowledged() {
    return packetsAcknowledged;
  }

  public long packetsLost() {
    return packetsLost;
  }

  /** Reported packets not in the send history (never sent, or too old). */
  public long packetsUnmatched() {
    return packetsUnmatched;
  }

  public long rembReceived() {
    return rembReceived;
  }
}
