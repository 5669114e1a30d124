package io.stockpot.media.ortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterCapabilitiesTest {
  private final JsonObject caps = RouterCapabilities.build(MediaCodecs.defaults());

  @Test
  void codecsTakeDynamicPayloadTypesInOrderEachVideoFollowedByItsRtx() {
    JsonArray codecs = caps.getJsonArray("codecs");
    List<String> summary = new ArrayList<>();
    for (int i = 0; i < codecs.size(); i++) {
      JsonObject c = codecs.getJsonObject(i);
      summary.add(
          c.getInteger("preferredPayloadType")
              + " "
              + c.getString("mimeType")
              + (CodecMatcher.isRtx(c)
                  ? " apt=" + c.getJsonObject("parameters").getValue("apt")
                  : ""));
    }
    assertEquals(
        List.of(
            "100 audio/opus",
            "101 video/VP8",
            "102 video/rtx apt=101",
            "103 video/VP9",
            "104 video/rtx apt=103",
            "105 video/H264",
            "106 video/rtx apt=105",
            "107 video/H264",
            "108 video/rtx apt=107"),
        summary);
  }

  @Test
  void opusKeepsChannelsAndAudioFeedback() {
    JsonObject opus = caps.getJsonArray("codecs").getJsonObject(0);
    assertEquals(2, opus.getInteger("channels"));
    assertEquals(List.of("nack ", "transport-cc "), ProducerRtpMappingTest.feedback(opus));
    JsonObject vp8 = caps.getJsonArray("codecs").getJsonObject(1);
    assertFalse(vp8.containsKey("channels"));
    assertEquals(
        List.of("nack ", "nack pli", "ccm fir", "goog-remb ", "transport-cc "),
        ProducerRtpMappingTest.feedback(vp8));
  }

  @Test
  void routerCapabilitiesAreValidCapabilitiesAsTheyStand() {
    // What the router hands to clients must survive the checks it applies to clients.
    assertEquals(caps, RtpParametersValidator.validateRtpCapabilities(caps));
  }
}
