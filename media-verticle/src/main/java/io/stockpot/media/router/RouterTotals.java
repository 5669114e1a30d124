package io.stockpot.media.router;

/**
 * The router's totals since the room opened, for status and metrics: packets and RTCP messages
 * counted at each step, live producers, consumers and transports plus what closed ones had counted,
 * so no total ever steps back. All are counts of packets (or RTCP messages/compounds).
 *
 * @param rtpForwarded RTP packets sent on to consumers
 * @param rtpWithoutProducer RTP packets no producer claimed (drop reason {@code no-producer})
 * @param rtpInvalid RTP packets that did not parse
 * @param rtpDiscarded RTP packets a producer discarded: RTX that did not unwrap, duplicates or too
 *     old, or the producer paused
 * @param rtcpIn RTCP compounds received
 * @param rtcpMalformed RTCP compounds that did not parse
 * @param nacksIn NACKs received from consumers' peers
 * @param keyFrameRequestsIn PLIs and FIRs received from consumers' peers
 * @param transportCcIn transport-wide congestion control feedback received
 * @param rembIn REMB messages received
 * @param transportCcOut transport-wide congestion control feedback sent
 * @param receiverReportsOut receiver reports sent to producers' peers
 * @param senderReportsOut sender reports sent to consumers' peers
 * @param keyFrameRequestsOut PLIs sent to producers' peers
 * @param nacksOut NACKs sent to producers' peers
 * @param rtcpCompoundsOut RTCP compounds sent
 */
public record RouterTotals(
    long rtpForwarded,
    long rtpWithoutProducer,
    long rtpInvalid,
    long rtpDiscarded,
    long rtcpIn,
    long rtcpMalformed,
    long nacksIn,
    long keyFrameRequestsIn,
    long transportCcIn,
    long rembIn,
    long transportCcOut,
    long receiverReportsOut,
    long senderReportsOut,
    long keyFrameRequestsOut,
    long nacksOut,
    long rtcpCompoundsOut) {}
