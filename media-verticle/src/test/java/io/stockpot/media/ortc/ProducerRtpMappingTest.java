package io.stockpot.media.ortc;

import static io.stockpot.media.ortc.RtpParametersValidator.validateRtpParameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Router payload types with {@code MediaCodecs.defaults()}: opus 100, VP8 101 (RTX 102), VP9 103
 * (RTX 104), H264 Main 105 (RTX 106), H264 Constrained Baseline 107 (RTX 108).
 */
class ProducerRtpMappingTest {
  private final JsonObject router = ChromeRtp.routerCapabilities();

  private JsonObject mapping(JsonObject producer) {
    return ProducerRtpMapping.getProducerRtpParametersMapping(
        validateRtpParameters(producer), router);
  }

  private static JsonObject codecEntry(int pt, int mappedPt) {
    return new JsonObject().put("payloadType", pt).put("mappedPayloadType", mappedPt);
  }

  @Test
  void opusMapsToTheRouterPayloadType() {
    JsonObject mapping = mapping(ChromeRtp.opusProducer());

    assertEquals(new JsonArray().add(codecEntry(111, 100)), mapping.getJsonArray("codecs"));
    JsonObject encoding = mapping.getJsonArray("encodings").getJsonObject(0);
    assertEquals(1234567890L, encoding.getLong("ssrc"));
    assertFalse(encoding.containsKey("rid"));
    long mapped = encoding.getLong("mappedSsrc");
    assertTrue(mapped >= 100_000_000L && mapped < 1_000_000_000L, "mapped SSRC " + mapped);
  }

  @Test
  void vp8AndItsRtxMapToTheRouterPair() {
    JsonObject mapping = mapping(ChromeRtp.vp8Producer());

    assertEquals(
        new JsonArray().add(codecEntry(96, 101)).add(codecEntry(97, 102)),
        mapping.getJsonArray("codecs"));
    JsonObject encoding = mapping.getJsonArray("encodings").getJsonObject(0);
    assertEquals(2712345678L, encoding.getLong("ssrc"));
    assertEquals("L1T3", encoding.getString("scalabilityMode"));
  }

  @Test
  void h264MapsByProfile() {
    assertEquals(
        new JsonArray().add(codecEntry(102, 107)).add(codecEntry(103, 108)),
        mapping(ChromeRtp.h264Producer("42e01f", 1)).getJsonArray("codecs"));
    // Main profile at a lower level than the router's 4d0032 still maps to it.
    assertEquals(
        new JsonArray().add(codecEntry(102, 105)).add(codecEntry(103, 106)),
        mapping(ChromeRtp.h264Producer("4d001f", 1)).getJsonArray("codecs"));
  }

  @Test
  void simulcastEncodingsGetConsecutiveMappedSsrcs() {
    JsonArray encodings = mapping(ChromeRtp.vp8SimulcastProducer()).getJsonArray("encodings");

    assertEquals(3, encodings.size());
    long first = encodings.getJsonObject(0).getLong("mappedSsrc");
    for (int i = 0; i < 3; i++) {
      JsonObject encoding = encodings.getJsonObject(i);
      assertEquals("r" + i, encoding.getString("rid"));
      assertFalse(encoding.containsKey("ssrc"));
      assertEquals(first + i, encoding.getLong("mappedSsrc"));
    }
  }

  @Test
  void mappedSsrcsDifferBetweenProducers() {
    List<Long> seen = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      seen.add(
          mapping(ChromeRtp.opusProducer())
              .getJsonArray("encodings")
              .getJsonObject(0)
              .getLong("mappedSsrc"));
    }
    assertTrue(seen.stream().distinct().count() > 1, "random mapped SSRCs " + seen);
  }

  @Test
  void unsupportedMediaCodecIsRefused() {
    // The router's VP9 is profile 2; Chrome's default VP9 is profile 0.
    JsonObject vp9 = ChromeRtp.vp8Producer();
    vp9.getJsonArray("codecs").getJsonObject(0).put("mimeType", "video/VP9");
    assertUnsupported(vp9, "unsupported codec [mimeType:video/VP9, payloadType:96]");

    JsonObject h265 = ChromeRtp.vp8Producer();
    h265.getJsonArray("codecs").getJsonObject(0).put("mimeType", "video/H265");
    assertUnsupported(h265, "unsupported codec [mimeType:video/H265, payloadType:96]");

    assertUnsupported(
        ChromeRtp.h264Producer("42001f", 1),
        "unsupported codec [mimeType:video/H264, payloadType:102]");
    assertUnsupported(
        ChromeRtp.h264Producer("42e01f", 0),
        "unsupported codec [mimeType:video/H264, payloadType:102]");

    JsonObject mono = ChromeRtp.opusProducer();
    mono.getJsonArray("codecs").getJsonObject(0).put("channels", 1);
    assertUnsupported(mono, "unsupported codec [mimeType:audio/opus, payloadType:111]");
  }

  @Test
  void rtxWhoseAptNamesNoMediaCodecIsInvalid() {
    JsonObject params = ChromeRtp.vp8Producer();
    params
        .getJsonArray("codecs")
        .getJsonObject(1)
        .put("parameters", new JsonObject().put("apt", 98));
    assertInvalid(params, "RTX payload type 97 has apt 98, not a media codec of the producer");

    JsonObject noApt = ChromeRtp.vp8Producer();
    noApt.getJsonArray("codecs").getJsonObject(1).remove("parameters");
    assertInvalid(noApt, "RTX payload type 97 has apt null, not a media codec of the producer");

    JsonObject selfApt = ChromeRtp.vp8Producer();
    selfApt
        .getJsonArray("codecs")
        .getJsonObject(1)
        .put("parameters", new JsonObject().put("apt", 97));
    assertInvalid(selfApt, "RTX payload type 97 has apt 97, not a media codec of the producer");
  }

  @Test
  void rtxForACodecWithoutRouterRtxIsUnsupported() {
    JsonObject params = ChromeRtp.opusProducer();
    params
        .getJsonArray("codecs")
        .add(
            new JsonObject()
                .put("mimeType", "audio/rtx")
                .put("payloadType", 112)
                .put("clockRate", 48000)
                .put("parameters", new JsonObject().put("apt", 111)));
    assertUnsupported(params, "no RTX codec for router payload type 100");
  }

  @Test
  void producerNeedsAnEncodingAndAMediaCodec() {
    JsonObject noEncodings = ChromeRtp.opusProducer();
    noEncodings.remove("encodings");
    assertInvalid(noEncodings, "rtpParameters.encodings is empty");

    JsonObject onlyRtx = ChromeRtp.vp8Producer();
    onlyRtx.getJsonArray("codecs").remove(0);
    assertInvalid(onlyRtx, "rtpParameters.codecs has no media codec");
  }

  @Test
  void consumableVideoUsesRouterTermsAndKeepsProducerFmtp() {
    JsonObject producer = validateRtpParameters(ChromeRtp.h264Producer("42e01f", 1));
    JsonObject mapping = ProducerRtpMapping.getProducerRtpParametersMapping(producer, router);

    JsonObject consumable =
        ProducerRtpMapping.getConsumableRtpParameters("video", producer, router, mapping);

    JsonArray codecs = consumable.getJsonArray("codecs");
    assertEquals(2, codecs.size());
    JsonObject h264 = codecs.getJsonObject(0);
    assertEquals("video/H264", h264.getString("mimeType"));
    assertEquals(107, h264.getInteger("payloadType"));
    assertEquals(90000, h264.getInteger("clockRate"));
    assertEquals(
        producer.getJsonArray("codecs").getJsonObject(0).getJsonObject("parameters"),
        h264.getJsonObject("parameters"));
    assertEquals(
        List.of("nack ", "nack pli", "ccm fir", "goog-remb ", "transport-cc "),
        feedback(h264),
        "the router's feedback, not the producer's");
    JsonObject rtx = codecs.getJsonObject(1);
    assertEquals("video/rtx", rtx.getString("mimeType"));
    assertEquals(108, rtx.getInteger("payloadType"));
    assertEquals(new JsonObject().put("apt", 107), rtx.getJsonObject("parameters"));

    // Only what the router may send: rid and repaired-rid are receive-only.
    assertEquals(
        List.of(
            "1 " + HeaderExtensions.MID,
            "4 " + HeaderExtensions.ABS_SEND_TIME,
            "5 " + HeaderExtensions.TRANSPORT_WIDE_CC,
            "11 " + HeaderExtensions.VIDEO_ORIENTATION,
            "12 " + HeaderExtensions.TOFFSET,
            "13 " + HeaderExtensions.ABS_CAPTURE_TIME,
            "14 " + HeaderExtensions.PLAYOUT_DELAY),
        extensions(consumable));

    JsonObject encoding = consumable.getJsonArray("encodings").getJsonObject(0);
    assertEquals(
        mapping.getJsonArray("encodings").getJsonObject(0).getLong("mappedSsrc"),
        encoding.getLong("ssrc"));
    assertFalse(encoding.containsKey("rtx"));
    assertEquals(
        new JsonObject().put("cname", "chromeCname01").put("reducedSize", true).put("mux", true),
        consumable.getJsonObject("rtcp"));
  }

  @Test
  void consumableAudioHasNoRtxAndNoTransportCcExtension() {
    JsonObject producer = validateRtpParameters(ChromeRtp.opusProducer());
    JsonObject mapping = ProducerRtpMapping.getProducerRtpParametersMapping(producer, router);

    JsonObject consumable =
        ProducerRtpMapping.getConsumableRtpParameters("audio", producer, router, mapping);

    JsonArray codecs = consumable.getJsonArray("codecs");
    assertEquals(1, codecs.size());
    assertEquals(2, codecs.getJsonObject(0).getInteger("channels"));
    assertEquals(List.of("nack ", "transport-cc "), feedback(codecs.getJsonObject(0)));
    assertEquals(
        List.of(
            "1 " + HeaderExtensions.MID,
            "4 " + HeaderExtensions.ABS_SEND_TIME,
            "10 " + HeaderExtensions.AUDIO_LEVEL,
            "13 " + HeaderExtensions.ABS_CAPTURE_TIME),
        extensions(consumable));
  }

  @Test
  void consumableSimulcastKeepsEncodingLimitsButNotRids() {
    JsonObject producer = validateRtpParameters(ChromeRtp.vp8SimulcastProducer());
    JsonObject mapping = ProducerRtpMapping.getProducerRtpParametersMapping(producer, router);
    // Mapping and parameters cross the event bus as JSON text.
    JsonObject wireMapping = new JsonObject(mapping.encode());

    JsonObject consumable =
        ProducerRtpMapping.getConsumableRtpParameters("video", producer, router, wireMapping);

    JsonArray encodings = consumable.getJsonArray("encodings");
    assertEquals(3, encodings.size());
    for (int i = 0; i < 3; i++) {
      JsonObject encoding = encodings.getJsonObject(i);
      assertEquals(
          mapping.getJsonArray("encodings").getJsonObject(i).getLong("mappedSsrc"),
          encoding.getLong("ssrc"));
      assertFalse(encoding.containsKey("rid"));
      assertEquals("L1T3", encoding.getString("scalabilityMode"));
    }
    assertEquals(300000L, encodings.getJsonObject(1).getLong("maxBitrate"));
    assertEquals(2.0, encodings.getJsonObject(1).getDouble("scaleResolutionDownBy"));
  }

  static List<String> feedback(JsonObject codec) {
    List<String> out = new ArrayList<>();
    JsonArray fbs = codec.getJsonArray("rtcpFeedback");
    for (int i = 0; i < fbs.size(); i++) {
      JsonObject fb = fbs.getJsonObject(i);
      out.add(fb.getString("type") + " " + fb.getString("parameter"));
    }
    return out;
  }

  static List<String> extensions(JsonObject params) {
    List<String> out = new ArrayList<>();
    JsonArray exts = params.getJsonArray("headerExtensions");
    for (int i = 0; i < exts.size(); i++) {
      JsonObject ext = exts.getJsonObject(i);
      out.add(ext.getInteger("id") + " " + ext.getString("uri"));
    }
    return out;
  }

  private void assertUnsupported(JsonObject producer, String message) {
    JsonObject params = validateRtpParameters(producer);
    OrtcException e =
        assertThrows(
            OrtcException.class,
            () -> ProducerRtpMapping.getProducerRtpParametersMapping(params, router));
    assertEquals(message, e.getMessage());
    assertEquals(OrtcException.Reason.UNSUPPORTED, e.reason());
  }

  private void assertInvalid(JsonObject producer, String message) {
    JsonObject params = validateRtpParameters(producer);
    OrtcException e =
        assertThrows(
            OrtcException.class,
            () -> ProducerRtpMapping.getProducerRtpParametersMapping(params, router));
    assertEquals(message, e.getMessage());
    assertEquals(OrtcException.Reason.INVALID, e.reason());
  }
}
