package io.stockpot.media.router;

import io.vertx.core.json.JsonObject;
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

  JsonObject toJson(
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
    return new JsonObject()
        .put("rtpForwarded", rtpForwarded)
        .put("rtpWithoutProducer", roomDrops.get(DropReason.NO_PRODUCER))
        .put("rtpInvalid", roomDrops.get(DropReason.RTP_INVALID))
        .put(
            "rtpDiscarded",
            roomDrops.get(DropReason.RTX_UNWRAP_FAILED)
                + roomDrops.get(DropReason.DUPLICATE_OR_TOO_OLD)
                + roomDrops.get(DropReason.PRODUCER_PAUSED))
        .put("rtcpIn", rtcpIn)
        .put("rtcpMalformed", roomDrops.get(DropReason.RTCP_MALFORMED))
        .put("nacksIn", in.nacksIn)
        .put("keyFrameRequestsIn", in.keyFrameRequestsIn)
        .put("transportCcIn", in.transportCcIn)
        .put("rembIn", in.rembIn)
        .put("transportCcOut", transportCcOut)
        .put("receiverReportsOut", receiverReportsOut)
        .put("senderReportsOut", senderReportsOut)
        .put("keyFrameRequestsOut", keyFrameRequestsOut)
        .put("nacksOut", nacksOut)
        .put("rtcpCompoundsOut", router.rtcpCompoundsSent());
  }
}
