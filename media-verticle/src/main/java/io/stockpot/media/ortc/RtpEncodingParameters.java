package io.stockpot.media.ortc;

/**
 * One encoding (stream) of {@link RtpParameters}, as in mediasoup's {@code RtpEncodingParameters}.
 *
 * @param ssrc the media SSRC, or null when the stream is signalled by RID (learnt from packets)
 * @param rid the RTP stream id (RFC 8852), or null
 * @param codecPayloadType the payload type this encoding is bound to, or null
 * @param rtxSsrc the SSRC of the encoding's RTX stream, or null without RTX
 * @param dtx whether discontinuous transmission is on (audio), or null when not said
 * @param scalabilityMode e.g. {@code L1T3}, or null
 * @param maxBitrate the sender's ceiling in bit/s, or null
 * @param scaleResolutionDownBy how much the sender scales this stream's resolution down (1 or
 *     more), or null
 */
public record RtpEncodingParameters(
    Long ssrc,
    String rid,
    Integer codecPayloadType,
    Long rtxSsrc,
    Boolean dtx,
    String scalabilityMode,
    Long maxBitrate,
    Double scaleResolutionDownBy) {}
