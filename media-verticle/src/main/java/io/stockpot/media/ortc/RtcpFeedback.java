package io.stockpot.media.ortc;

/**
 * One RTCP feedback type a codec uses, as in mediasoup's {@code RtcpFeedback} (RFC 4585 §4.2).
 *
 * @param type {@code nack}, {@code ccm}, {@code transport-cc}, {@code goog-remb}…
 * @param parameter e.g. {@code pli} for {@code nack pli}; empty when there is none
 */
public record RtcpFeedback(String type, String parameter) {}
