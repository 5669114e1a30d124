package io.stockpot.media.ortc;

import java.util.List;

/**
 * What a producer sends or a consumer receives, as in mediasoup's {@code RtpParameters}: read once
 * from checked JSON at the signaling edge ({@link RtpParametersJson}), so the router works on
 * these.
 *
 * @param mid the media section's MID, or null
 * @param codecs media codecs first, each followed by its RTX, if any
 * @param headerExtensions the negotiated header extensions
 * @param encodings one per stream (several for simulcast)
 * @param rtcp the RTCP settings
 */
public record RtpParameters(
    String mid,
    List<RtpCodecParameters> codecs,
    List<RtpHeaderExtensionParameters> headerExtensions,
    List<RtpEncodingParameters> encodings,
    RtcpParameters rtcp) {
  public RtpParameters {
    codecs = List.copyOf(codecs);
    headerExtensions = List.copyOf(headerExtensions);
    encodings = List.copyOf(encodings);
  }

  /** The first codec that is not RTX. */
  public RtpCodecParameters firstMediaCodec() {
    for (RtpCodecParameters c : codecs) {
      if (!c.isRtx()) {
        return c;
      }
    }
    throw new IllegalArgumentException("no media codec");
  }

  /** The id of the header extension with {@code uri}, or 0 when it is not negotiated. */
  public int extensionId(String uri) {
    for (RtpHeaderExtensionParameters e : headerExtensions) {
      if (e.uri().equals(uri)) {
        return e.id();
      }
    }
    return 0;
  }
}
