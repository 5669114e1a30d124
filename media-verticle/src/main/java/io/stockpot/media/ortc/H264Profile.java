package io.stockpot.media.ortc;

import io.vertx.core.json.JsonObject;

/**
 * The H.264 profile named by an SDP {@code profile-level-id} (RFC 6184 section 8.1): the first byte
 * is profile_idc, the second the constraint flags (profile-iop), the third the level.
 *
 * <p>Two H.264 codecs can only be matched when their profiles agree; the level is left out, since
 * each side may send at its own level. A {@code profile-iop} pattern distinguishes e.g. Constrained
 * Baseline (42e0..) from Baseline (4200..): the patterns below are those of RFC 6184 table 5 and
 * its High-profile additions as browsers apply them.
 */
enum H264Profile {
  CONSTRAINED_BASELINE,
  BASELINE,
  MAIN,
  CONSTRAINED_HIGH,
  HIGH,
  PREDICTIVE_HIGH_444;

  /** What a codec without profile-level-id means: Constrained Baseline, level 3.1. */
  static final String DEFAULT_PROFILE_LEVEL_ID = "42e01f";

  /** profile_idc, a constraint-flag pattern (x = either, MSB first), and the profile it means. */
  private record Pattern(int profileIdc, String iop, H264Profile profile) {
    boolean matches(int idc, int flags) {
      if (idc != profileIdc) {
        return false;
      }
      for (int bit = 0; bit < 8; bit++) {
        char want = iop.charAt(bit);
        int have = (flags >> (7 - bit)) & 1;
        if (want != 'x' && want - '0' != have) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Pattern[] PATTERNS = {
    new Pattern(0x42, "x1xx0000", CONSTRAINED_BASELINE),
    new Pattern(0x4d, "1xxx0000", CONSTRAINED_BASELINE),
    new Pattern(0x58, "11xx0000", CONSTRAINED_BASELINE),
    new Pattern(0x42, "x0xx0000", BASELINE),
    new Pattern(0x58, "10xx0000", BASELINE),
    new Pattern(0x4d, "0x0x0000", MAIN),
    new Pattern(0x64, "00000000", HIGH),
    new Pattern(0x64, "00001100", CONSTRAINED_HIGH),
    new Pattern(0xf4, "00000000", PREDICTIVE_HIGH_444),
  };

  /** The profile of a six-hex-digit profile-level-id, or null when it is malformed or unknown. */
  static H264Profile parse(String profileLevelId) {
    if (profileLevelId == null || profileLevelId.length() != 6) {
      return null;
    }
    int value;
    try {
      value = Integer.parseInt(profileLevelId, 16);
    } catch (NumberFormatException e) {
      return null;
    }
    int idc = value >>> 16;
    int flags = (value >>> 8) & 0xff;
    for (Pattern p : PATTERNS) {
      if (p.matches(idc, flags)) {
        return p.profile;
      }
    }
    return null;
  }

  /** The profile of a codec's parameters, taking the default when profile-level-id is absent. */
  static H264Profile of(JsonObject codecParameters) {
    Object id = codecParameters.getValue("profile-level-id");
    if (id == null) {
      return parse(DEFAULT_PROFILE_LEVEL_ID);
    }
    return parse(id.toString());
  }

  /** True when both parameter sets name the same, valid profile. */
  static boolean isSameProfile(JsonObject a, JsonObject b) {
    H264Profile pa = of(a);
    return pa != null && pa == of(b);
  }
}
