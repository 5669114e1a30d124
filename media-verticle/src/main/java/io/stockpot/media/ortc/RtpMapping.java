package io.stockpot.media.ortc;

import java.util.List;

/**
 * How a producer's payload types and streams map onto the router's, as in mediasoup's {@code
 * RtpMapping} ({@link ProducerRtpMapping#getProducerRtpParametersMapping}).
 *
 * @param codecs producer payload type → router payload type
 * @param encodings each producer encoding → the SSRC it has inside the router
 */
public record RtpMapping(List<Codec> codecs, List<Encoding> encodings) {
  public RtpMapping {
    codecs = List.copyOf(codecs);
    encodings = List.copyOf(encodings);
  }

  /** A producer payload type and the router's for the same codec. */
  public record Codec(int payloadType, int mappedPayloadType) {}

  /**
   * A producer encoding, known by SSRC or RID, and the SSRC it has inside the router.
   *
   * @param ssrc the producer's SSRC, or null
   * @param rid the producer's RID, or null
   * @param scalabilityMode the producer's scalability mode, or null
   * @param mappedSsrc the router's SSRC for it
   */
  public record Encoding(Long ssrc, String rid, String scalabilityMode, long mappedSsrc) {}
}
