package io.stockpot.media.ortc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spatial and temporal layer counts of a W3C WebRTC-SVC scalability mode such as {@code L1T3} or
 * {@code S3T3_KEY}. Anything unparsable counts as one layer of each, as a single plain stream.
 */
public record ScalabilityMode(int spatialLayers, int temporalLayers, boolean ksvc) {
  private static final Pattern MODE = Pattern.compile("^[LS]([1-9]\\d?)T([1-9]\\d?)(_KEY)?.*");

  public static ScalabilityMode parse(String mode) {
    if (mode == null) {
      return new ScalabilityMode(1, 1, false);
    }
    Matcher m = MODE.matcher(mode);
    if (!m.matches()) {
      return new ScalabilityMode(1, 1, false);
    }
    return new ScalabilityMode(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) != null);
  }
}
