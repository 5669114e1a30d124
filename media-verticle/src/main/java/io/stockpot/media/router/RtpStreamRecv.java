package io.stockpot.media.router;

import io.stockpot.media.rtcp.SenderReport;
import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.stats.RateCalculator;

/**
 * One received RTP stream (an SSRC of a producer): sequence tracking, loss and interarrival jitter
 * as RFC 3550 §6.4.1 and Appendix A define them, byte and packet counts, bitrate. The figures feed
 * receiver reports, producer stats and the producer's score.
 */
public final class RtpStreamRecv {
  private static final int MAX_DROPOUT = 3000;
  private static final int MAX_MISORDER = 100;
  private static final int SEQ_MOD = 1 << 16;

  private final long ssrc;
  private final int clockRate;
  private final RateCalculator rate = new RateCalculator();
  private boolean started;
  private int maxSeq;
  private long cycles;
  private int baseSeq;
  private int badSeq = -1;
  private long received;
  private long expectedPrior;
  private long receivedPrior;
  private double jitter;
  private long lastTransit;
  private boolean haveTransit;
  private long packetCount;
  private long byteCount;
  private long retransmitted;
  private long rtxPackets;
  private NackGenerator nacks;
  private boolean newGap;
  private int fractionLost;
  private int score = 10;
  private long lastSrNtpMiddle;
  private long lastSrReceivedMs;
  private long lastSrNtp;
  private long lastSrRtp;
  private long nackCount;
  private long pliCount;

  public RtpStreamRecv(long ssrc, int clockRate) {
    this.ssrc = ssrc;
    this.clockRate = clockRate;
  }

  public long ssrc() {
    return ssrc;
  }

  /** Accounts one packet. Returns false if it is a duplicate or far out of order. */
  public boolean receive(RtpPacket packet, long nowMs) {
    packetCount++;
    byteCount += packet.length();
    rate.add(packet.length(), nowMs);
    if (!updateSeq(packet.sequenceNumber())) {
      return false;
    }
    updateJitter(packet.timestamp(), nowMs);
    return true;
  }

  /**
   * A packet on this stream's RTX SSRC arrived: a retransmission, or a bandwidth probe of padding
   * only. Counted with the stream's packets and bytes, as the browser counts it.
   */
  public void rtxReceived(int size, long nowMs) {
    packetCount++;
    rtxPackets++;
    byteCount += size;
    rate.add(size, nowMs);
  }

  /**
   * The RTX packet carried a repair of media packet {@code seq}. A repair ahead of the highest
   * sequence number (it overtook the original, or the original was lost before we saw a gap) counts
   * as that packet's arrival: the stream moves on to it, so no gap opens for it later (mediasoup's
   * RtpStreamRecv::ReceiveRtxPacket). Returns false for a repair of a packet already received.
   */
  public boolean repaired(int seq) {
    retransmitted++;
    int delta = (seq - maxSeq) & 0xFFFF;
    if (started && delta != 0 && delta < MAX_DROPOUT) {
      return updateSeq(seq);
    }
    if (nacks != null && nacks.arrived(seq)) {
      received++;
      return true;
    }
    return !started;
  }

  /** Whether this stream asks for lost packets (video with NACK negotiated). */
  public void enableNack() {
    nacks = new NackGenerator();
  }

  /** Whether the last packet revealed a gap (cleared by asking): NACK it at once. */
  boolean hasNewGap() {
    boolean g = newGap;
    newGap = false;
    return g;
  }

  NackGenerator nacks() {
    return nacks;
  }

  /** We sent a NACK about this stream. */
  void nackSent() {
    nackCount++;
  }

  /** We asked this stream's sender for a key frame. */
  void pliSent() {
    pliCount++;
  }

  /** NACK messages sent about this stream. */
  public long nackCount() {
    return nackCount;
  }

  /** PLIs sent about this stream. */
  public long pliCount() {
    return pliCount;
  }

  public long rtxPacketCount() {
    return rtxPackets;
  }

  // RFC 3550 Appendix A.1.
  private boolean updateSeq(int seq) {
    if (!started) {
      started = true;
      baseSeq = seq;
      maxSeq = seq;
      received = 1;
      return true;
    }
    int delta = (seq - maxSeq) & 0xFFFF;
    if (delta == 0) {
      return false;
    }
    if (delta < MAX_DROPOUT) {
      if (delta > 1 && nacks != null) {
        nacks.missing((maxSeq + 1) & 0xFFFF, (seq - 1) & 0xFFFF);
        newGap = true;
      }
      if (seq < maxSeq) {
        cycles += SEQ_MOD;
      }
      maxSeq = seq;
    } else if (delta <= SEQ_MOD - MAX_MISORDER) {
      // A very large jump: accept it only if the next packet continues from it (restart).
      if (seq == badSeq) {
        started = false;
        return updateSeq(seq);
      }
      badSeq = (seq + 1) & 0xFFFF;
      return false;
    } else if (nacks != null) {
      // Late: it may be one we asked for.
      nacks.arrived(seq);
    }
    received++;
    return true;
  }

  // RFC 3550 Appendix A.8, in RTP timestamp units.
  private void updateJitter(long rtpTimestamp, long nowMs) {
    long arrival = nowMs * clockRate / 1000;
    long transit = arrival - rtpTimestamp;
    if (haveTransit) {
      long d = Math.abs(transit - lastTransit);
      if (d < clockRate * 10L) {
        jitter += (d - jitter) / 16.0;
      }
    }
    lastTransit = transit;
    haveTransit = true;
  }

  public long extendedHighestSeq() {
    return cycles + maxSeq;
  }

  public long expected() {
    return started ? extendedHighestSeq() - baseSeq + 1 : 0;
  }

  /** Cumulative packets lost (RFC 3550: may go negative with duplicates; clamped at 0). */
  public long packetsLost() {
    return Math.max(0, expected() - received);
  }

  public int jitter() {
    return (int) jitter;
  }

  /**
   * Closes a reporting interval: computes the fraction lost since the last one (8-bit fixed point,
   * as in receiver reports) and updates the score from it.
   */
  public int closeInterval() {
    long expected = expected();
    long expectedInterval = expected - expectedPrior;
    long receivedInterval = received - receivedPrior;
    expectedPrior = expected;
    receivedPrior = received;
    long lostInterval = expectedInterval - receivedInterval;
    fractionLost =
        expectedInterval == 0 || lostInterval <= 0
            ? 0
            : (int) ((lostInterval << 8) / expectedInterval);
    // 0 % loss → 10, 10 % or more → 0 (mediasoup's scale, simplified), smoothed.
    int instant = Math.max(0, 10 - (int) Math.round(fractionLost / 256.0 * 100));
    score = expectedInterval == 0 ? score : (score * 3 + instant * 7 + 5) / 10;
    return fractionLost;
  }

  public int fractionLost() {
    return fractionLost;
  }

  public int score() {
    return score;
  }

  /**
   * The sender's last SR: its NTP time (64-bit) and the RTP time it maps to. Our receiver reports
   * echo it (LSR/DLSR); consumers' sender reports project it forward (lip sync).
   */
  public void senderReport(long ntpMsw, long ntpLsw, long rtpTimestamp, long nowMs) {
    lastSrNtpMiddle = SenderReport.compactNtp(ntpMsw, ntpLsw);
    lastSrNtp = (ntpMsw << 32) | ntpLsw;
    lastSrRtp = rtpTimestamp;
    lastSrReceivedMs = nowMs;
  }

  public boolean hasSenderReport() {
    return lastSrReceivedMs != 0;
  }

  /** The producer's NTP time now, projected from its last SR (64-bit fixed point). */
  public long ntpNow(long nowMs) {
    return lastSrNtp + ((nowMs - lastSrReceivedMs) << 32) / 1000;
  }

  /** The producer's RTP time now, projected from its last SR. */
  public long rtpNow(long nowMs) {
    return (lastSrRtp + (nowMs - lastSrReceivedMs) * clockRate / 1000) & 0xFFFF_FFFFL;
  }

  public long lastSrNtpMiddle() {
    return lastSrNtpMiddle;
  }

  /** Delay since the last SR in 1/65536 s units, 0 if none arrived. */
  public long delaySinceLastSr(long nowMs) {
    return lastSrReceivedMs == 0 ? 0 : ((nowMs - lastSrReceivedMs) * 65536) / 1000;
  }

  public long packetCount() {
    return packetCount;
  }

  public long byteCount() {
    return byteCount;
  }

  public long retransmittedCount() {
    return retransmitted;
  }

  public long bitrate(long nowMs) {
    return rate.bitsPerSecond(nowMs);
  }

  public int clockRate() {
    return clockRate;
  }
}
