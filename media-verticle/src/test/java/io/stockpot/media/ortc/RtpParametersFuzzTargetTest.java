package io.stockpot.media.ortc;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stockpot.media.FuzzSeeds;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the client JSON the ORTC layer takes: a producer's RTP parameters (as
 * {@code produce} maps them to the router's capabilities, then to a consumer's parameters) and a
 * peer's RTP capabilities (as a consumer is made for it). Whatever the JSON, the only exception is
 * {@link OrtcException}, which signaling answers as a 400; never a NullPointerException or a
 * ClassCastException. Input that is not JSON never gets here (signaling refuses it), so it is
 * skipped.
 */
class RtpParametersFuzzTargetTest {
  private static final JsonObject ROUTER = ChromeRtp.routerCapabilities();
  private static final JsonObject RECEIVER = ChromeRtp.receiverCapabilities();
  private static final JsonObject VP8_CONSUMABLE = vp8Consumable();

  @FuzzTest
  void producerRtpParameters(byte[] data) {
    Object json = json(data);
    if (json == NOT_JSON) {
      return;
    }
    for (String kind : new String[] {"audio", "video"}) {
      try {
        JsonObject valid = RtpParametersValidator.validateRtpParameters(json);
        JsonObject mapping = ProducerRtpMapping.getProducerRtpParametersMapping(valid, ROUTER);
        JsonObject consumable =
            ProducerRtpMapping.getConsumableRtpParameters(kind, valid, ROUTER, mapping);
        if (ConsumerRtpParameters.canConsume(consumable, RECEIVER.copy())) {
          assertNotNull(
              ConsumerRtpParameters.getConsumerRtpParameters(
                  consumable, RECEIVER.copy(), false, true));
        }
      } catch (OrtcException expected) {
        assertNotNull(expected.reason());
      } catch (RuntimeException e) {
        fail("escaped for " + Json.encode(json), e);
      }
    }
  }

  @FuzzTest
  void consumerRtpCapabilities(byte[] data) {
    Object json = json(data);
    if (json == NOT_JSON) {
      return;
    }
    try {
      RtpParametersValidator.validateRtpCapabilities(json);
      if (ConsumerRtpParameters.canConsume(VP8_CONSUMABLE, json)) {
        assertNotNull(
            ConsumerRtpParameters.getConsumerRtpParameters(VP8_CONSUMABLE, json, true, true));
      }
    } catch (OrtcException expected) {
      assertNotNull(expected.reason());
    } catch (RuntimeException e) {
      fail("escaped for " + Json.encode(json), e);
    }
  }

  private static final Object NOT_JSON = new Object();

  private static Object json(byte[] data) {
    try {
      return Json.decodeValue(new String(data, StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      return NOT_JSON;
    }
  }

  private static JsonObject vp8Consumable() {
    JsonObject params = RtpParametersValidator.validateRtpParameters(ChromeRtp.vp8Producer());
    JsonObject mapping = ProducerRtpMapping.getProducerRtpParametersMapping(params, ROUTER);
    return ProducerRtpMapping.getConsumableRtpParameters("video", params, ROUTER, mapping);
  }

  /** Seeds: parameters and capabilities as Chrome signals them. */
  @Test
  void seedsAreChromesJson() {
    FuzzSeeds.assertSeeds(
        RtpParametersFuzzTargetTest.class,
        "producerRtpParameters",
        Map.of(
            "chrome-opus", bytes(ChromeRtp.opusProducer()),
            "chrome-vp8", bytes(ChromeRtp.vp8Producer()),
            "chrome-vp8-simulcast", bytes(ChromeRtp.vp8SimulcastProducer())));
    FuzzSeeds.assertSeeds(
        RtpParametersFuzzTargetTest.class,
        "consumerRtpCapabilities",
        Map.of("chrome-receiver", bytes(RECEIVER), "router", bytes(ROUTER)));
  }

  private static byte[] bytes(JsonObject json) {
    return json.encodePrettily().getBytes(StandardCharsets.UTF_8);
  }
}
