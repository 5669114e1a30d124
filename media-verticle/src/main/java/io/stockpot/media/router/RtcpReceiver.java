package io.stockpot.media.router;

import io.stockpot.media.bwe.TransportCongestionControlClient;
import io.stockpot.media.rtcp.Fir;
import io.stockpot.media.rtcp.Nack;
import io.stockpot.media.rtcp.Pli;
import io.stockpot.media.rtcp.ReceiverReport;
import io.stockpot.media.rtcp.Remb;
import io.stockpot.media.rtcp.ReportBlock;
import io.stockpot.media.rtcp.RtcpCompound;
import io.stockpot.media.rtcp.RtcpHeader;
import io.stockpot.media.rtcp.SenderReport;

/**
 * What browsers tell the router over RTCP, packet by packet of a compound: sender reports of
 * producers (for our receiver reports' LSR/DLSR), receiver reports about consumers (their score),
 * NACKs (answered from the retransmission buffer), PLI/FIR (a key frame asked of the producer,
 * rate-limited), transport-wide feedback and REMB (to the transport's send-side estimation).
 */
final class RtcpReceiver {
  private static final int FMT_NACK = 1;
  private static final int FMT_PLI = 1;
  private static final int FMT_FIR = 4;
  private static final int FMT_TRANSPORT_CC = 15;
  private static final int FMT_REMB = 15;

  private final Router router;
  private final RtcpCompound compound = new RtcpCompound();
  private final SenderReport sr = new SenderReport();
  private final ReceiverReport rr = new ReceiverReport();
  private final ReportBlock block = new ReportBlock();
  private final Nack nack = new Nack();
  private final Pli pli = new Pli();
  private final Fir fir = new Fir();
  private final Remb remb = new Remb();
  private final int[] lost = new int[256];
  long nacksIn;
  long keyFrameRequestsIn;
  long transportCcIn;
  long rembIn;

  RtcpReceiver(Router router) {
    this.router = router;
  }

  void receive(MediaTransport transport, byte[] buf, int off, int len, long nowMs) {
    if (!compound.reset(buf, off, len)) {
      transport.drops().count(DropReason.RTCP_MALFORMED);
      return;
    }
    while (compound.next()) {
      int po = compound.packetOffset();
      int pl = compound.packetLength();
      int fmt = compound.count();
      switch (compound.packetType()) {
        case RtcpHeader.SR -> senderReport(transport, buf, po, pl, nowMs);
        case RtcpHeader.RR -> {
          if (rr.read(buf, po, pl)) {
            for (int i = 0; i < rr.reportCount(); i++) {
              if (rr.reportBlock(i, block)) {
                reportAboutConsumer(transport, nowMs);
              }
            }
          }
        }
        case RtcpHeader.RTPFB -> {
          if (fmt == FMT_NACK && nack.read(buf, po, pl)) {
            nacksIn++;
            Consumer c = router.consumerOn(transport, nack.mediaSsrc());
            if (c != null) {
              c.nackReceived();
              int n = nack.lostSequenceNumbers(lost);
              for (int i = 0; i < n; i++) {
                router.retransmit(c, lost[i], nowMs);
              }
            }
          } else if (fmt == FMT_TRANSPORT_CC) {
            transportCcIn++;
            TransportCongestionControlClient cc = transport.congestionControl();
            if (cc != null) {
              // Malformed feedback is counted there (feedbackInvalid), never thrown.
              cc.onTransportCcFeedback(buf, po, pl, nowMs * 1000);
            }
          }
        }
        case RtcpHeader.PSFB -> {
          if (fmt == FMT_PLI && pli.read(buf, po, pl)) {
            keyFrameWanted(router.consumerOn(transport, pli.mediaSsrc()), nowMs);
          } else if (fmt == FMT_FIR && fir.read(buf, po, pl)) {
            for (int i = 0; i < fir.entryCount(); i++) {
              keyFrameWanted(router.consumerOn(transport, fir.entrySsrc(i)), nowMs);
            }
          } else if (fmt == FMT_REMB && remb.read(buf, po, pl)) {
            rembIn++;
            TransportCongestionControlClient cc = transport.congestionControl();
            if (cc != null) {
              cc.onRemb(remb.bitrate());
            }
          }
        }
        default -> {}
      }
    }
    if (compound.isMalformed()) {
      transport.drops().count(DropReason.RTCP_MALFORMED);
    }
  }

  private void senderReport(MediaTransport transport, byte[] buf, int po, int pl, long nowMs) {
    if (!sr.read(buf, po, pl)) {
      return;
    }
    RtpStreamRecv stream = router.producerStreamOn(transport, sr.ssrc());
    if (stream != null) {
      stream.senderReport(sr.ntpMsw(), sr.ntpLsw(), sr.rtpTimestamp(), nowMs);
    }
    for (int i = 0; i < sr.reportCount(); i++) {
      if (sr.reportBlock(i, block)) {
        reportAboutConsumer(transport, nowMs);
      }
    }
  }

  private void reportAboutConsumer(MediaTransport transport, long nowMs) {
    Consumer c = router.consumerOn(transport, block.ssrc());
    if (c != null) {
      c.receiverReport(block.fractionLost(), block.lastSr(), block.delaySinceLastSr(), nowMs);
    }
  }

  private void keyFrameWanted(Consumer consumer, long nowMs) {
    if (consumer != null) {
      keyFrameRequestsIn++;
      consumer.pliReceived();
      router.relayKeyFrameRequest(consumer, nowMs);
    }
  }
}
