package io.stockpot.media.router;

import io.stockpot.media.rtcp.Nack;
import io.stockpot.media.rtcp.Pli;
import io.stockpot.media.rtcp.ReceiverReport;
import io.stockpot.media.rtcp.ReportBlock;
import io.stockpot.media.rtcp.SenderReport;
import io.stockpot.media.rtcp.TransportCcBuilder;
import io.stockpot.media.rtp.RtpExtensions;
import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.webrtc.WebRtcTransport;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the router tells browsers over RTCP: transport-wide congestion control feedback to producing
 * transports (so the browser's bandwidth estimate ramps up), receiver reports about producers'
 * streams, sender reports for consumers' streams, and PLIs asking producers for key frames, at most
 * one per second per producer.
 */
final class RtcpSender {
  /** Sent with 100 ms of arrivals, as browsers expect for their delay-based estimate. */
  static final long TRANSPORT_CC_INTERVAL_MS = 100;

  static final long REPORT_INTERVAL_MS = 1_000;

  /** Browsers' own PLI/FIR reach a producer at most once a second per stream. */
  static final long KEY_FRAME_REQUEST_INTERVAL_MS = 1_000;

  /** A consumer that starts (or resumes) asks at once; only duplicates close together merge. */
  static final long KEY_FRAME_START_INTERVAL_MS = 100;

  private static final long NTP_EPOCH_OFFSET_S = 2_208_988_800L;
  private static final int MAX_FEEDBACK = 1200;

  private final long ssrc = ThreadLocalRandom.current().nextLong(1, 0xFFFF_FFFFL);
  private final byte[] out = new byte[1500 + 64];
  private final ReportBlock[] blocks = new ReportBlock[31];
  private final Map<WebRtcTransport, TransportCcBuilder> feedback = new IdentityHashMap<>();
  private final Map<Producer, Long> lastKeyFrameRequest = new IdentityHashMap<>();
  private int feedbackCount;
  private long lastReportMs;
  long transportCcOut;
  long receiverReportsOut;
  long senderReportsOut;
  long keyFrameRequestsOut;
  long nacksOut;
  private final int[] lost = new int[64];

  RtcpSender() {
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = new ReportBlock();
    }
  }

  /** Notes the arrival of a producer's packet that carries a transport-wide sequence number. */
  void arrived(WebRtcTransport transport, Producer producer, RtpPacket packet) {
    int id = producer.transportCcExtensionId();
    if (id == 0) {
      return;
    }
    int seq = RtpExtensions.transportSequenceNumber(packet, id);
    if (seq < 0) {
      return;
    }
    TransportCcBuilder builder = feedback.get(transport);
    if (builder == null) {
      builder = new TransportCcBuilder(MAX_FEEDBACK);
      builder.setSsrcs(ssrc, packet.ssrc());
      feedback.put(transport, builder);
    }
    long arrivalUs = System.nanoTime() / 1_000;
    if (!builder.add(seq, arrivalUs)) {
      // Outside the builder's window: send what it has, then start a new window with this one.
      flushFeedback(transport, builder, System.currentTimeMillis());
      builder.add(seq, arrivalUs);
    }
  }

  void transportClosed(WebRtcTransport transport) {
    feedback.remove(transport);
  }

  void producerClosed(Producer producer) {
    lastKeyFrameRequest.remove(producer);
  }

  /**
   * Asks the producer for a key frame (PLI on every stream), unless one was asked for less than
   * {@code minIntervalMs} ago.
   */
  void requestKeyFrame(Producer producer, long nowMs, long minIntervalMs) {
    Long last = lastKeyFrameRequest.get(producer);
    if (last != null && nowMs - last < minIntervalMs) {
      return;
    }
    lastKeyFrameRequest.put(producer, nowMs);
    for (RtpStreamRecv stream : producer.streams()) {
      if (stream != null) {
        stream.pliCount++;
        int len = Pli.write(out, 0, ssrc, stream.ssrc());
        if (len > 0 && producer.transport().sendRtcp(out, 0, len, nowMs)) {
          keyFrameRequestsOut++;
        }
      }
    }
  }

  /** Called every {@link #TRANSPORT_CC_INTERVAL_MS}: feedback now, reports once a second. */
  void tick(Collection<Producer> producers, Collection<Consumer> consumers, long nowMs) {
    for (Map.Entry<WebRtcTransport, TransportCcBuilder> e : feedback.entrySet()) {
      flushFeedback(e.getKey(), e.getValue(), nowMs);
    }
    for (Producer p : producers) {
      requestLost(p, nowMs);
    }
    if (nowMs - lastReportMs < REPORT_INTERVAL_MS) {
      return;
    }
    lastReportMs = nowMs;
    for (Producer p : producers) {
      receiverReport(p, nowMs);
    }
    for (Consumer c : consumers) {
      senderReport(c, nowMs);
    }
  }

  private void flushFeedback(WebRtcTransport transport, TransportCcBuilder builder, long nowMs) {
    while (builder.hasPending()) {
      builder.setFeedbackPacketCount(feedbackCount++ & 0xFF);
      int len = builder.write(out, 0);
      if (len <= 0) {
        builder.reset();
        return;
      }
      if (transport.sendRtcp(out, 0, len, nowMs)) {
        transportCcOut++;
      }
    }
  }

  /**
   * NACKs for what a producer's streams are missing (first ask, or retry). Called for a new gap at
   * once, and on every tick for retries; a packet asked for in vain costs a key frame.
   */
  void requestLost(Producer producer, long nowMs) {
    for (RtpStreamRecv s : producer.streams()) {
      NackGenerator nacks = s == null ? null : s.nacks();
      if (nacks == null || nacks.pending() == 0) {
        continue;
      }
      long givenUp = nacks.givenUp();
      int n = nacks.due(nowMs, lost);
      if (nacks.givenUp() > givenUp) {
        requestKeyFrame(producer, nowMs, KEY_FRAME_REQUEST_INTERVAL_MS);
      }
      if (n == 0) {
        continue;
      }
      int len = Nack.write(out, 0, ssrc, s.ssrc(), lost, n);
      if (len > 0 && producer.transport().sendRtcp(out, 0, len, nowMs)) {
        nacksOut++;
        s.nackCount++;
      }
    }
  }

  private void receiverReport(Producer producer, long nowMs) {
    int n = 0;
    for (RtpStreamRecv s : producer.streams()) {
      if (s == null || s.packetCount() == 0 || n == blocks.length) {
        continue;
      }
      int fraction = s.closeInterval();
      blocks[n++].set(
          s.ssrc(),
          fraction,
          (int) Math.min(s.packetsLost(), 0x7F_FFFF),
          s.extendedHighestSeq(),
          s.jitter(),
          s.lastSrNtpMiddle(),
          s.delaySinceLastSr(nowMs));
    }
    if (n == 0) {
      return;
    }
    int len = ReceiverReport.write(out, 0, ssrc, blocks, n);
    if (len > 0 && producer.transport().sendRtcp(out, 0, len, nowMs)) {
      receiverReportsOut++;
    }
  }

  private void senderReport(Consumer consumer, long nowMs) {
    if (consumer.packetsSent() == 0 || consumer.paused()) {
      return;
    }
    long seconds;
    long fraction;
    long rtpNow;
    RtpStreamRecv source = consumer.producer().streams()[0];
    if (source != null && source.hasSenderReport()) {
      // The producer's own NTP/RTP mapping, carried forward and into the consumer's RTP clock:
      // browsers sync a peer's audio and video by it.
      long ntp = source.ntpNow(nowMs);
      seconds = ntp >>> 32;
      fraction = ntp & 0xFFFF_FFFFL;
      rtpNow = (source.rtpNow(nowMs) + consumer.timestampOffset()) & 0xFFFF_FFFFL;
    } else {
      // No SR yet: our clock, and the consumer's last timestamp plus the time since.
      seconds = nowMs / 1000 + NTP_EPOCH_OFFSET_S;
      fraction = ((nowMs % 1000) << 32) / 1000;
      rtpNow =
          (consumer.lastRtpTimestamp()
                  + (nowMs - consumer.lastSentMs()) * consumer.clockRate() / 1000)
              & 0xFFFF_FFFFL;
    }
    int len =
        SenderReport.write(
            out,
            0,
            consumer.ssrc(),
            seconds & 0xFFFF_FFFFL,
            fraction & 0xFFFF_FFFFL,
            rtpNow,
            consumer.packetsSent(),
            consumer.bytesSent(),
            blocks,
            0);
    if (len > 0 && consumer.transport().sendRtcp(out, 0, len, nowMs)) {
      senderReportsOut++;
      consumer.senderReportSent(SenderReport.compactNtp(seconds, fraction), nowMs);
    }
  }
}
