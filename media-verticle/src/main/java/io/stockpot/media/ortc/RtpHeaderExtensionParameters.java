package io.stockpot.media.ortc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One negotiated RTP header extension, as in mediasoup's {@code RtpHeaderExtensionParameters}.
 *
 * @param uri the extension's URI (see {@link HeaderExtensions})
 * @param id its id in packets, 1–255 (RFC 8285)
 * @param encrypt whether it is encrypted (RFC 6904)
 * @param parameters its parameters (strings and numbers), usually none
 */
public record RtpHeaderExtensionParameters(
    String uri, int id, boolean encrypt, Map<String, Object> parameters) {
  public RtpHeaderExtensionParameters {
    // Kept in signalled order, so the JSON written back reads the same.
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }
}
