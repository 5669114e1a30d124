package io.stockpot.media.ortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CodecMatcherTest {

  private static JsonObject codec(String mimeType, int clockRate, JsonObject parameters) {
    return new JsonObject()
        .put("mimeType", mimeType)
        .put("clockRate", clockRate)
        .put("parameters", parameters);
  }

  private static JsonObject h264(String profileLevelId, Object packetizationMode) {
    JsonObject parameters = new JsonObject();
    if (profileLevelId != null) {
      parameters.put("profile-level-id", profileLevelId);
    }
    if (packetizationMode != null) {
      parameters.put("packetization-mode", packetizationMode);
    }
    return codec("video/H264", 90000, parameters);
  }

  @Test
  void mimeTypeIgnoresCaseButClockRateAndChannelsMustAgree() {
    JsonObject opus = codec("audio/opus", 48000, new JsonObject()).put("channels", 2);
    assertTrue(
        CodecMatcher.matches(
            opus, codec("AUDIO/OPUS", 48000, new JsonObject()).put("channels", 2L), true));
    assertFalse(
        CodecMatcher.matches(
            opus, codec("audio/opus", 48000, new JsonObject()).put("channels", 1), false));
    assertFalse(
        CodecMatcher.matches(
            opus, codec("audio/opus", 16000, new JsonObject()).put("channels", 2), false));
    assertFalse(
        CodecMatcher.matches(
            opus, codec("audio/PCMU", 48000, new JsonObject()).put("channels", 2), false));
  }

  @Test
  void strictH264NeedsSamePacketizationModeAndProfileButNotLevel() {
    assertTrue(CodecMatcher.matches(h264("42e01f", 1), h264("42e034", "1"), true));
    assertTrue(CodecMatcher.matches(h264("4d0032", 1), h264("4d001f", 1), true));
    assertFalse(CodecMatcher.matches(h264("42e01f", 1), h264("42e01f", 0), true));
    assertFalse(CodecMatcher.matches(h264("42e01f", 1), h264("42e01f", null), true));
    assertTrue(CodecMatcher.matches(h264("42e01f", 0), h264("42e01f", null), true));
    // Constrained Baseline and Baseline share profile_idc 0x42 but are different profiles.
    assertFalse(CodecMatcher.matches(h264("42e01f", 1), h264("42001f", 1), true));
    assertFalse(CodecMatcher.matches(h264("42e01f", 1), h264("4d001f", 1), true));
    // Without profile-level-id the codec is Constrained Baseline.
    assertTrue(CodecMatcher.matches(h264(null, 1), h264("42e00b", 1), true));
    assertFalse(CodecMatcher.matches(h264("zzzzzz", 1), h264("zzzzzz", 1), true));
    // The loose match ignores all of this.
    assertTrue(CodecMatcher.matches(h264("42e01f", 1), h264("640032", 0), false));
  }

  @Test
  void strictVp9NeedsSameProfileIdDefaultingToZero() {
    JsonObject noProfile = codec("video/VP9", 90000, new JsonObject());
    JsonObject profile0 = codec("video/VP9", 90000, new JsonObject().put("profile-id", 0));
    JsonObject profile2 = codec("video/VP9", 90000, new JsonObject().put("profile-id", "2"));
    assertTrue(CodecMatcher.matches(noProfile, profile0, true));
    assertFalse(CodecMatcher.matches(noProfile, profile2, true));
    assertTrue(CodecMatcher.matches(noProfile, profile2, false));
  }

  @Test
  void rtxIsRecognisedByMimeType() {
    assertTrue(CodecMatcher.isRtx(codec("video/RTX", 90000, new JsonObject())));
    assertFalse(CodecMatcher.isRtx(codec("video/VP8", 90000, new JsonObject())));
  }

  @Test
  void h264ProfilesFollowTheProfileIopPatterns() {
    assertEquals(H264Profile.CONSTRAINED_BASELINE, H264Profile.parse("42e01f"));
    assertEquals(H264Profile.CONSTRAINED_BASELINE, H264Profile.parse("42C02A"));
    assertEquals(H264Profile.CONSTRAINED_BASELINE, H264Profile.parse("4d801f"));
    assertEquals(H264Profile.BASELINE, H264Profile.parse("42001f"));
    assertEquals(H264Profile.MAIN, H264Profile.parse("4d001f"));
    assertEquals(H264Profile.MAIN, H264Profile.parse("4d0032"));
    assertEquals(H264Profile.HIGH, H264Profile.parse("640032"));
    assertEquals(H264Profile.CONSTRAINED_HIGH, H264Profile.parse("640c1f"));
    assertEquals(H264Profile.PREDICTIVE_HIGH_444, H264Profile.parse("f4001f"));
    assertNull(H264Profile.parse("42e0"));
    assertNull(H264Profile.parse("g2e01f"));
    assertNull(H264Profile.parse("42e11f"), "reserved flag bits set");
    assertNull(H264Profile.parse("6e001f"), "unknown profile_idc");
  }

  @Test
  void scalabilityModesGiveLayerCounts() {
    assertEquals(new ScalabilityMode(1, 3, false), ScalabilityMode.parse("L1T3"));
    assertEquals(new ScalabilityMode(3, 3, true), ScalabilityMode.parse("L3T3_KEY"));
    assertEquals(new ScalabilityMode(2, 2, false), ScalabilityMode.parse("S2T2"));
    assertEquals(new ScalabilityMode(1, 1, false), ScalabilityMode.parse("bogus"));
    assertEquals(new ScalabilityMode(1, 1, false), ScalabilityMode.parse(null));
  }
}
