package io.stockpot.media.ortc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One codec of {@link RtpParameters}, as in mediasoup's {@code RtpCodecParameters}.
 *
 * @param mimeType e.g. {@code video/VP8}, {@code video/rtx}
 * @param payloadType the RTP payload type, 0–127
 * @param clockRate the RTP clock, Hz
 * @param channels audio channels, or null for video
 * @param parameters the codec's fmtp parameters (strings and numbers), as signalled
 * @param rtcpFeedback the RTCP feedback this codec uses
 */
public record RtpCodecParameters(
    String mimeType,
    int payloadType,
    int clockRate,
    Integer channels,
    Map<String, Object> parameters,
    List<RtcpFeedback> rtcpFeedback) {
  public RtpCodecParameters {
    // Kept in signalled order, so the JSON written back reads the same.
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    rtcpFeedback = List.copyOf(rtcpFeedback);
  }

  /** Whether this is RTX (RFC 4588), which repairs the codec its {@link #apt()} names. */
  public boolean isRtx() {
    return mimeType.toLowerCase(Locale.ROOT).endsWith("/rtx");
  }

  /** The payload type an RTX codec repairs, or -1. */
  public int apt() {
    return parameters.get("apt") instanceof Number n ? n.intValue() : -1;
  }

  /** Whether plain NACK (no parameter) is among the feedback. */
  public boolean hasNack() {
    for (RtcpFeedback fb : rtcpFeedback) {
      if (fb.type().equals("nack") && fb.parameter().isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
