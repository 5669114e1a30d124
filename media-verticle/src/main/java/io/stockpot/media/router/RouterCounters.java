package io.stockpot.media.router;

import java.util.Collection;

/**
 * The router's totals for status and metrics. Each producer, consumer and transport counts its own
 * RTCP; these add up the live ones and keep what closed ones had counted, so totals never step
 * back.
 */
final class RouterCounters {
  private final DropCounters roomDrops;
  long rtpForwarded;
  long rtcpIn;
  private long closedNacksOut;
  private long closedKeyFrameRequestsOut;
  private long closedReceiverReportsOut;
  private long closedSenderReportsOut;
  private long closedTransportCcOut;

  RouterCounters(DropCounters roomDrops) {
    this.roomDrops = roomDrops;
  }

  void producerClosed(Producer p) {
    closedNacksOut += p.nacksOut();
    closedKeyFrameRequestsOut += p.keyFrameRequestsOut();
    closedReceiverReportsOut += p.receiverReportsOut();
  }

  void consumerClosed(Consumer c) {
    closedSenderReportsOut += c.senderReportsOut();
  }

  void transportClosed(Router.RouterTransport t) {
    closedTransportCcOut += t.feedback.packetsBuilt();
  }

  RouterTotals totals(
      Collection<Producer> producers,
      Collection<Consumer> consumers,
      Collection<Router.RouterTransport> transports,
      Router router) {
    long nacksOut = closedNacksOut;
    long keyFrameRequestsOut = closedKeyFrameRequestsOut;
    long receiverReportsOut = closedReceiverReportsOut;
    for (Producer p : producers) {
      nacksOut += p.nacksOut();
      keyFrameRequestsOut += p.keyFrameRequestsOut();
      receiverReportsOut += p.receiverReportsOut();
    }
    long senderReportsOut = closedSenderReportsOut;
    for (Consumer c : consumers) {
      senderReportsOut += c.senderReportsOut();
    }
    long transportCcOut = closedTransportCcOut;
    for (Router.RouterTransport t : transports) {
      transportCcOut += t.feedback.packetsBuilt();
    }
    RtcpReceiver in = router.rtcpReceiver();
    return new RouterTotals(
        rtpForwarded,
        roomDrops.get(DropReason.NO_PRODUCER),
        roomDrops.get(DropReason.RTP_INVALID),
        roomDrops.get(DropReason.RTX_UNWRAP_FAILED)
            + roomDrops.get(DropReason.DUPLICATE_OR_TOO_OLD)
            + roomDrops.get(DropReason.PRODUCER_PAUSED),
        rtcpIn,
        roomDrops.get(DropReason.RTCP_MALFORMED),
        in.nacksIn,
        in.keyFrameRequestsIn,
        in.transportCcIn,
        in.rembIn,
        transportCcOut,
        receiverReportsOut,
        senderReportsOut,
        keyFrameRequestsOut,
        nacksOut,
        router.rtcpCompoundsSent());
  }
}
