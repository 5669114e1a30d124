package io.stockpot.media.router;

import io.stockpot.media.rtcp.ReportBlock;
import io.stockpot.media.rtcp.SenderReport;
import io.stockpot.media.stats.RateCalculator;

/**
 * One sent RTP stream (a consumer's SSRC), like mediasoup's RtpStreamSend: packets and bytes sent
 * (RFC 3550 §6.4.1 sender's counts), retransmissions, the RTX sequence, the browser's receiver
 * reports (fraction lost, score, round trip from LSR/DLSR) and the sender reports it sends.
 */
final class RtpStreamSend {
  private static final long NTP_EPOCH_OFFSET_S = 2_208_988_800L;
  private static final ReportBlock[] NO_BLOCKS = new ReportBlock[0];

  private final long ssrc;
  private final int clockRate;
  private final RateCalculator rate = new RateCalculator();
  private long packetsSent;
  private long bytesSent;
  private long packetsRetransmitted;
  private int rtxSeq;
  private long nackCount;
  private long pliCount;
  private int score = 10;
  private int fractionLost;
  private long lastSrCompactNtp;
  private long lastSrSentMs;
  private long roundTripTimeMs = -1;
  private long packetsAtLastSr;

  /**
   * @param ssrc the stream's SSRC
   * @param clockRate RTP clock rate (Hz)
   * @param firstRtxSeq the RTX stream's first sequence number, less one
   */
  RtpStreamSend(long ssrc, int clockRate, int firstRtxSeq) {
    this.ssrc = ssrc;
    this.clockRate = clockRate;
    this.rtxSeq = firstRtxSeq & 0xFFFF;
  }

  long ssrc() {
    return ssrc;
  }

  /** A media packet of {@code len} bytes left. */
  void sent(int len, long nowMs) {
    packetsSent++;
    bytesSent += len;
    rate.add(len, nowMs);
  }

  /** A repair of {@code len} bytes left (RTX or a plain resend). */
  void retransmitted(int len, long nowMs) {
    packetsRetransmitted++;
    bytesSent += len;
    rate.add(len, nowMs);
  }

  /** The next RTX sequence number (RFC 4588 §4: the RTX stream has its own numbering). */
  int nextRtxSeq() {
    rtxSeq = (rtxSeq + 1) & 0xFFFF;
    return rtxSeq;
  }

  /**
   * A receiver report block about this stream. When it echoes our last SR (LSR), the round trip is
   * the time since we sent it less the browser's delay (DLSR, 1/65536 s) (RFC 3550 §6.4.1).
   */
  void receiverReport(int fractionLost, long lastSr, long delaySinceLastSr, long nowMs) {
    if (lastSr != 0 && lastSr == lastSrCompactNtp) {
      long rtt = nowMs - lastSrSentMs - delaySinceLastSr * 1000 / 65536;
      roundTripTimeMs = Math.max(0, rtt);
    }
    this.fractionLost = fractionLost;
    int instant = Math.max(0, 10 - (int) Math.round(fractionLost / 256.0 * 100));
    score = (score * 3 + instant * 7 + 5) / 10;
  }

  /**
   * Writes a sender report at {@code buf[off]} unless this stream sent nothing since the last one
   * (RFC 3550 §6.4: only active senders send SRs); answers its length or 0. The NTP/RTP pair comes
   * from the producer's own SR when there is one ({@code source}), carried into this stream's RTP
   * clock by {@code tsOffset}, so browsers keep lip sync; else from our clock.
   */
  int writeSenderReport(
      byte[] buf,
      int off,
      long nowMs,
      RtpStreamRecv source,
      long tsOffset,
      long lastTs,
      long lastSentMs) {
    if (packetsSent == packetsAtLastSr) {
      return 0;
    }
    long seconds;
    long fraction;
    long rtpNow;
    if (source != null && source.hasSenderReport()) {
      long ntp = source.ntpNow(nowMs);
      seconds = ntp >>> 32;
      fraction = ntp & 0xFFFF_FFFFL;
      rtpNow = (source.rtpNow(nowMs) + tsOffset) & 0xFFFF_FFFFL;
    } else {
      seconds = nowMs / 1000 + NTP_EPOCH_OFFSET_S;
      fraction = ((nowMs % 1000) << 32) / 1000;
      rtpNow = (lastTs + (nowMs - lastSentMs) * clockRate / 1000) & 0xFFFF_FFFFL;
    }
    seconds &= 0xFFFF_FFFFL;
    fraction &= 0xFFFF_FFFFL;
    int len =
        SenderReport.write(
            buf, off, ssrc, seconds, fraction, rtpNow, packetsSent, bytesSent, NO_BLOCKS, 0);
    if (len > 0) {
      packetsAtLastSr = packetsSent;
      lastSrCompactNtp = SenderReport.compactNtp(seconds, fraction);
      lastSrSentMs = nowMs;
    }
    return len;
  }

  /** The browser NACKed this stream (RFC 4585 §6.2.1). */
  void nackReceived() {
    nackCount++;
  }

  /** The browser asked for a key frame on this stream (PLI or FIR). */
  void keyFrameRequestReceived() {
    pliCount++;
  }

  long nackCount() {
    return nackCount;
  }

  long pliCount() {
    return pliCount;
  }

  long packetsSent() {
    return packetsSent;
  }

  long bytesSent() {
    return bytesSent;
  }

  long packetsRetransmitted() {
    return packetsRetransmitted;
  }

  long bitrate(long nowMs) {
    return rate.bitsPerSecond(nowMs);
  }

  int score() {
    return score;
  }

  int fractionLost() {
    return fractionLost;
  }

  /** The last measured round trip in ms, or -1 before the first. */
  long roundTripTimeMs() {
    return roundTripTimeMs;
  }
}
