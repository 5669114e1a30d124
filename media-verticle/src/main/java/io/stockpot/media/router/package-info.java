/**
 * The room's media router, cut as mediasoup's worker cuts it. Everything here runs on the room's
 * event loop, is handed its time ({@code nowMs}, and {@code nowUs} where transport-wide feedback
 * needs µs) by the caller, and sends through {@link io.stockpot.media.router.MediaTransport}.
 *
 * <h2>The receive path</h2>
 *
 * Each stage, in order, with the {@link io.stockpot.media.router.DropReason}s it counts (per
 * transport and per room, {@link io.stockpot.media.router.DropCounters}):
 *
 * <ol>
 *   <li>UDP endpoint → room: one copy into the room's scratch buffer, the clock read once. {@code
 *       OVERSIZED}.
 *   <li>{@code TransportDemux}: by source tuple, else by the STUN USERNAME's local ufrag. {@code
 *       UNKNOWN_TUPLE}; a throwing handler costs {@code HANDLER_FAILED}.
 *   <li>{@code WebRtcTransport}: first byte (RFC 7983) → STUN ({@code STUN_REJECTED}), DTLS ({@code
 *       DTLS_NOT_READY}), RTP/RTCP ({@code MEDIA_BEFORE_SRTP}, then SRTP unprotect in place: {@code
 *       SRTP_AUTH}, {@code SRTP_REPLAY}, {@code SRTP_OTHER}); anything else {@code UNKNOWN_PACKET}.
 *   <li>{@link io.stockpot.media.router.Router#receiveRtp}: the header parses ({@code
 *       RTP_INVALID}); {@link io.stockpot.media.router.RtpListener} finds the producer by SSRC,
 *       MID/RID ({@code NO_PRODUCER}); the transport-wide sequence number is recorded with the
 *       arrival time ({@link io.stockpot.media.router.TransportCcFeedback}).
 *   <li>{@link io.stockpot.media.router.Producer#receive}: RTX unwrapped in place ({@code
 *       RTX_UNWRAP_FAILED}); the stream's sequence accounting ({@code DUPLICATE_OR_TOO_OLD}); the
 *       retransmission buffer (video); a new gap NACKed at once; {@code PRODUCER_PAUSED}.
 *   <li>Fan-out, {@link io.stockpot.media.router.Consumer#forward} per consumer (which takes the
 *       packets of the encoding it carries: a simple consumer the first, a {@link
 *       io.stockpot.media.router.SimulcastConsumer} its current layer): {@code CONSUMER_INACTIVE}
 *       (paused, closed, not connected), {@code WAITING_FOR_KEY_FRAME} ({@link
 *       io.stockpot.media.router.SeqRewriter}'s gate), copy and rewrite ({@code REWRITE_FAILED}),
 *       the consumer transport's own transport-wide sequence number ({@link
 *       io.stockpot.media.bwe.TransportCongestionControlClient}), SRTP protect and queue ({@code
 *       PROTECT_FAILED}).
 * </ol>
 *
 * RTCP in: {@link io.stockpot.media.router.RtcpReceiver} walks the compound ({@code
 * RTCP_MALFORMED}). RTCP out: key-frame requests ({@link
 * io.stockpot.media.router.KeyFrameRequests}) and first NACKs at once; everything else in one
 * compound per transport per tick ({@link io.stockpot.media.router.RtcpCompoundWriter}), filled by
 * the streams that own the state.
 */
package io.stockpot.media.router;
