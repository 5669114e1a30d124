package io.stockpot.media.ortc;

/**
 * The RTCP part of {@link RtpParameters}, as in mediasoup's {@code RtcpParameters}.
 *
 * @param cname the sender's canonical name (RFC 3550 §6.5.1), or null
 * @param reducedSize whether reduced-size RTCP is used (RFC 5506)
 * @param mux whether RTCP shares the RTP port (RFC 5761)
 */
public record RtcpParameters(String cname, boolean reducedSize, boolean mux) {}
