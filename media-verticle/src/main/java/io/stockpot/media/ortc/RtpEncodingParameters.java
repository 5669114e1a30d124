package io.stockpot.media.ortc;

/**
 * One encoding (stream) of {@link RtpParameters}, as in mediasoup's {@code RtpEncodingParameters}.
 *
 * @param ssrc the media SSRC, or null when the stream is signalled by RID (learnt from packets)
 * @param rid the RTP stream id (RFC 8852), or null
 * @param codecPayloadType the payload type this encoding is bound to, or null
 * @param rtxSsrc the SSRC of the encoding's RTX stream, or null without RTX
 * @param dtx whether discontinuous transmission is on (audio)
 * @param scalabilityMode e.g. {@code L1T3}, or null
 * @param maxBitrate the sender's ceiling in bit/s, or null
 */
public record RtpEncodingParameters(
    Long ssrc,
    String rid,
    Integer codecPayloadType,
    Long rtxSsrc,
    boolean dtx,
    String scalabilityMode,
    Long maxBitrate) {}
