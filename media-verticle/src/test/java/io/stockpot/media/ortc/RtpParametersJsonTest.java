package io.stockpot.media.ortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed RTP parameters read from checked JSON, and written back unchanged for the client. */
class RtpParametersJsonTest {
  private final JsonObject router = ChromeRtp.routerCapabilities();

  @Test
  void checkedProducerParametersRoundTrip() {
    for (JsonObject producer :
        List.of(
            ChromeRtp.opusProducer(), ChromeRtp.vp8Producer(), ChromeRtp.vp8SimulcastProducer())) {
      JsonObject valid = RtpParametersValidator.validateRtpParameters(producer);
      assertEquals(valid, RtpParametersJson.toJson(RtpParametersJson.fromJson(valid)));
    }
  }

  @Test
  void consumableAndConsumerParametersRoundTrip() {
    JsonObject valid = RtpParametersValidator.validateRtpParameters(ChromeRtp.vp8Producer());
    JsonObject mapping = ProducerRtpMapping.getProducerRtpParametersMapping(valid, router);
    JsonObject consumable =
        ProducerRtpMapping.getConsumableRtpParameters("video", valid, router, mapping);
    assertEquals(consumable, RtpParametersJson.toJson(RtpParametersJson.fromJson(consumable)));
    JsonObject consumer =
        ConsumerRtpParameters.getConsumerRtpParameters(
            consumable, ChromeRtp.receiverCapabilities(), false, true);
    assertEquals(consumer, RtpParametersJson.toJson(RtpParametersJson.fromJson(consumer)));
  }

  @Test
  void readsWhatTheRouterUses() {
    JsonObject valid = RtpParametersValidator.validateRtpParameters(ChromeRtp.vp8Producer());
    RtpParameters p = RtpParametersJson.fromJson(valid);
    RtpCodecParameters media = p.firstMediaCodec();
    assertEquals("video/VP8", media.mimeType());
    assertEquals(90_000, media.clockRate());
    assertTrue(media.hasNack());
    for (RtpCodecParameters c : p.codecs()) {
      if (c.isRtx()) {
        assertEquals(media.payloadType(), c.apt());
      }
    }
    assertTrue(p.extensionId(HeaderExtensions.MID) > 0);
    assertEquals(0, p.extensionId("urn:example:not-negotiated"));

    RtpMapping m =
        RtpParametersJson.mappingFromJson(
            ProducerRtpMapping.getProducerRtpParametersMapping(valid, router));
    assertEquals(p.encodings().size(), m.encodings().size());
    assertNull(m.encodings().get(0).rid());
  }
}
