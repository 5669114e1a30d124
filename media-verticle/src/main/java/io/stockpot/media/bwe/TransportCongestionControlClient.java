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
  private final RtpPacket view = new RtpPacket();
  private final TransportCc feedback = new TransportCc();
  private final SendHistory history = new SendHistory();
  private final SendSideBandwidthEstimator estimator;
  private int extensionId;

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
    if (extensionId == 0 || !view.read(buf, off, len)) {
      return false;
    }
    int seq16 = (int) (history.nextSequence() & 0xFFFF);
    if (!RtpExtensions.setTransportSequenceNumber(view, extensionId, seq16)) {
      packetsWithoutSequence++;
      return false;
    }
    history.add(nowUs, len);
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
      } else {
        packetsLost++;
        estimator.onPacket(history.sendTimeUs(seq), 0, history.size(seq), false);
      }
    }
    estimator.onFeedbackEnd(nowUs);
    return true;
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
