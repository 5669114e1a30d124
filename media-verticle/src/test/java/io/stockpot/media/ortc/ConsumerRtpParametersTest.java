package io.stockpot.media.ortc;

import static io.stockpot.media.ortc.ProducerRtpMappingTest.extensions;
import static io.stockpot.media.ortc.ProducerRtpMappingTest.feedback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerRtpParametersTest {
  private final JsonObject router = ChromeRtp.routerCapabilities();

  private JsonObject consumable(String kind, JsonObject producer) {
    JsonObject params = RtpParametersValidator.validateRtpParameters(producer);
    JsonObject mapping = ProducerRtpMapping.getProducerRtpParametersMapping(params, router);
    return ProducerRtpMapping.getConsumableRtpParameters(kind, params, router, mapping);
  }

  private JsonObject consumer(JsonObject consumable, JsonObject caps) {
    return ConsumerRtpParameters.getConsumerRtpParameters(consumable, caps, false, true);
  }

  @Test
  void videoConsumerGetsVp8WithRtxAndTransportCc() {
    JsonObject consumable = consumable("video", ChromeRtp.vp8Producer());

    JsonObject params = consumer(consumable, ChromeRtp.receiverCapabilities());

    JsonArray codecs = params.getJsonArray("codecs");
    assertEquals(2, codecs.size());
    JsonObject vp8 = codecs.getJsonObject(0);
    assertEquals("video/VP8", vp8.getString("mimeType"));
    assertEquals(101, vp8.getInteger("payloadType"));
    // Both sides' feedback, in the endpoint's order; REMB gives way to transport-cc, and the
    // endpoint's unknown "foo" is not something the router sends.
    assertEquals(List.of("transport-cc ", "ccm fir", "nack ", "nack pli"), feedback(vp8));
    JsonObject rtx = codecs.getJsonObject(1);
    assertEquals(102, rtx.getInteger("payloadType"));
    assertEquals(new JsonObject().put("apt", 101), rtx.getJsonObject("parameters"));
    assertEquals(List.of(), feedback(rtx));

    // The endpoint's ids: it numbers toffset 7 where the router uses 12.
    assertEquals(
        List.of(
            "1 " + HeaderExtensions.MID,
            "4 " + HeaderExtensions.ABS_SEND_TIME,
            "5 " + HeaderExtensions.TRANSPORT_WIDE_CC,
            "7 " + HeaderExtensions.TOFFSET),
        extensions(params));

    JsonArray encodings = params.getJsonArray("encodings");
    assertEquals(1, encodings.size());
    JsonObject encoding = encodings.getJsonObject(0);
    long ssrc = encoding.getLong("ssrc");
    assertNotEquals(consumable.getJsonArray("encodings").getJsonObject(0).getLong("ssrc"), ssrc);
    assertEquals(ssrc + 1, encoding.getJsonObject("rtx").getLong("ssrc"));
    assertEquals("L1T3", encoding.getString("scalabilityMode"));
    assertEquals(900000L, encoding.getLong("maxBitrate"));
    assertEquals(consumable.getJsonObject("rtcp"), params.getJsonObject("rtcp"));
    assertFalse(params.containsKey("mid"), "the transport assigns the mid");
  }

  @Test
  void consumerWithoutTransportCcFallsBackToRemb() {
    JsonObject consumable = consumable("video", ChromeRtp.vp8Producer());
    JsonObject caps = ChromeRtp.receiverCapabilitiesWithout(HeaderExtensions.TRANSPORT_WIDE_CC);

    JsonObject params = consumer(consumable, caps);

    assertEquals(
        List.of("goog-remb ", "ccm fir", "nack ", "nack pli"),
        feedback(params.getJsonArray("codecs").getJsonObject(0)));
    assertFalse(extensions(params).contains("5 " + HeaderExtensions.TRANSPORT_WIDE_CC));
  }

  @Test
  void consumerWithNeitherExtensionGetsNoBandwidthFeedback() {
    JsonObject consumable = consumable("video", ChromeRtp.vp8Producer());
    JsonObject caps =
        ChromeRtp.receiverCapabilitiesWithout(
            HeaderExtensions.TRANSPORT_WIDE_CC, HeaderExtensions.ABS_SEND_TIME);

    JsonObject params = consumer(consumable, caps);

    assertEquals(
        List.of("ccm fir", "nack ", "nack pli"),
        feedback(params.getJsonArray("codecs").getJsonObject(0)));
  }

  @Test
  void disablingRtxDropsRtxAndPlainNack() {
    JsonObject consumable = consumable("video", ChromeRtp.vp8Producer());

    JsonObject params =
        ConsumerRtpParameters.getConsumerRtpParameters(
            consumable, ChromeRtp.receiverCapabilities(), false, false);

    JsonArray codecs = params.getJsonArray("codecs");
    assertEquals(1, codecs.size());
    assertEquals(
        List.of("transport-cc ", "ccm fir", "nack pli"), feedback(codecs.getJsonObject(0)));
    assertNull(params.getJsonArray("encodings").getJsonObject(0).getValue("rtx"));
  }

  @Test
  void endpointWithoutRtxGetsNoRtxEncoding() {
    JsonObject consumable = consumable("video", ChromeRtp.vp8Producer());
    JsonObject caps = ChromeRtp.receiverCapabilities();
    caps.getJsonArray("codecs").remove(2);

    JsonObject params = consumer(consumable, caps);

    assertEquals(1, params.getJsonArray("codecs").size());
    assertNull(params.getJsonArray("encodings").getJsonObject(0).getValue("rtx"));
  }

  @Test
  void rtxIsDroppedWhenItsMediaCodecIsNot() {
    JsonObject consumable = consumable("video", ChromeRtp.vp8Producer());
    JsonObject caps = ChromeRtp.receiverCapabilities();
    caps.getJsonArray("codecs").remove(1); // VP8 gone, its RTX still listed

    assertFalse(ConsumerRtpParameters.canConsume(consumable, caps));
    OrtcException e = assertThrows(OrtcException.class, () -> consumer(consumable, caps));
    assertEquals("no compatible media codecs", e.getMessage());
    assertEquals(OrtcException.Reason.UNSUPPORTED, e.reason());
  }

  @Test
  void canConsumeNeedsAStrictMediaCodecMatch() {
    JsonObject vp8 = consumable("video", ChromeRtp.vp8Producer());
    JsonObject h264Main = consumable("video", ChromeRtp.h264Producer("4d001f", 1));
    JsonObject h264Baseline = consumable("video", ChromeRtp.h264Producer("42e01f", 1));
    JsonObject caps = ChromeRtp.receiverCapabilities();

    assertTrue(ConsumerRtpParameters.canConsume(vp8, caps));
    assertTrue(ConsumerRtpParameters.canConsume(h264Baseline, caps));
    assertFalse(ConsumerRtpParameters.canConsume(h264Main, caps), "profile differs");
    assertFalse(ConsumerRtpParameters.canConsume(vp8, new JsonObject()));
  }

  @Test
  void malformedEndpointCapabilitiesAreRejected() {
    JsonObject vp8 = consumable("video", ChromeRtp.vp8Producer());
    JsonObject caps = ChromeRtp.receiverCapabilities();
    caps.getJsonArray("codecs").getJsonObject(0).remove("clockRate");

    OrtcException e =
        assertThrows(OrtcException.class, () -> ConsumerRtpParameters.canConsume(vp8, caps));
    assertEquals(OrtcException.Reason.INVALID, e.reason());
    assertThrows(OrtcException.class, () -> consumer(vp8, caps));
    assertThrows(OrtcException.class, () -> consumer(vp8, new JsonObject().put("codecs", 1)));
  }

  @Test
  void audioConsumerUsesRembSideExtensionsOnly() {
    JsonObject consumable = consumable("audio", ChromeRtp.opusProducer());

    JsonObject params = consumer(consumable, ChromeRtp.receiverCapabilities());

    JsonObject opus = params.getJsonArray("codecs").getJsonObject(0);
    assertEquals(100, opus.getInteger("payloadType"));
    assertEquals(2, opus.getInteger("channels"));
    assertEquals(
        new JsonObject().put("minptime", 10).put("useinbandfec", 1),
        opus.getJsonObject("parameters"),
        "the producer's fmtp");
    // The router does not send transport-cc on audio, so the endpoint's transport-cc goes.
    assertEquals(List.of(), feedback(opus));
    assertEquals(
        List.of(
            "1 " + HeaderExtensions.MID,
            "4 " + HeaderExtensions.ABS_SEND_TIME,
            "10 " + HeaderExtensions.AUDIO_LEVEL),
        extensions(params));
    JsonObject encoding = params.getJsonArray("encodings").getJsonObject(0);
    assertFalse(encoding.containsKey("rtx"));
    assertFalse(encoding.containsKey("scalabilityMode"));
    assertFalse(encoding.containsKey("maxBitrate"));
  }

  @Test
  void simulcastBecomesSpatialLayersOfOneEncoding() {
    JsonObject consumable = consumable("video", ChromeRtp.vp8SimulcastProducer());

    JsonObject params = consumer(consumable, ChromeRtp.receiverCapabilities());

    JsonArray encodings = params.getJsonArray("encodings");
    assertEquals(1, encodings.size());
    assertEquals("L3T3", encodings.getJsonObject(0).getString("scalabilityMode"));
    assertEquals(900000L, encodings.getJsonObject(0).getLong("maxBitrate"));
  }

  @Test
  void pipeConsumerKeepsEveryEncodingUnderNewSsrcs() {
    JsonObject consumable = consumable("video", ChromeRtp.vp8SimulcastProducer());

    JsonObject params =
        ConsumerRtpParameters.getConsumerRtpParameters(
            consumable, ChromeRtp.receiverCapabilities(), true, true);

    JsonArray encodings = params.getJsonArray("encodings");
    assertEquals(3, encodings.size());
    long base = encodings.getJsonObject(0).getLong("ssrc");
    long rtxBase = encodings.getJsonObject(0).getJsonObject("rtx").getLong("ssrc");
    for (int i = 0; i < 3; i++) {
      JsonObject encoding = encodings.getJsonObject(i);
      assertEquals(base + i, encoding.getLong("ssrc"));
      assertEquals(rtxBase + i, encoding.getJsonObject("rtx").getLong("ssrc"));
      assertEquals("L1T3", encoding.getString("scalabilityMode"));
      assertNotEquals(
          consumable.getJsonArray("encodings").getJsonObject(i).getLong("ssrc"),
          encoding.getLong("ssrc"));
    }
  }

  @Test
  void consumingLeavesTheConsumableUntouched() {
    JsonObject consumable = consumable("video", ChromeRtp.vp8SimulcastProducer());
    JsonObject before = consumable.copy();

    consumer(consumable, ChromeRtp.receiverCapabilitiesWithout(HeaderExtensions.ABS_SEND_TIME));
    ConsumerRtpParameters.getConsumerRtpParameters(
        consumable, ChromeRtp.receiverCapabilities(), true, false);

    assertEquals(before, consumable);
  }
}
