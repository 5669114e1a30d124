package io.stockpot.media.ortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RtpParametersValidatorTest {

  @Test
  void producerParametersGetMediasoupDefaults() {
    JsonObject in = ChromeRtp.vp8Producer();
    JsonObject original = in.copy();

    JsonObject out = RtpParametersValidator.validateRtpParameters(in);

    assertEquals(original, in, "the input is left untouched");
    assertEquals("1", out.getString("mid"));
    JsonObject vp8 = out.getJsonArray("codecs").getJsonObject(0);
    assertEquals(96, vp8.getInteger("payloadType"));
    assertFalse(vp8.containsKey("channels"), "video codecs carry no channels");
    assertEquals(new JsonObject(), vp8.getJsonObject("parameters"));
    assertEquals(5, vp8.getJsonArray("rtcpFeedback").size());
    JsonObject rtx = out.getJsonArray("codecs").getJsonObject(1);
    assertEquals(new JsonArray(), rtx.getJsonArray("rtcpFeedback"));
    assertEquals(96, rtx.getJsonObject("parameters").getValue("apt"));
    JsonObject mid = out.getJsonArray("headerExtensions").getJsonObject(0);
    assertEquals(
        new JsonObject()
            .put("uri", HeaderExtensions.MID)
            .put("id", 4)
            .put("encrypt", false)
            .put("parameters", new JsonObject()),
        mid);
    JsonObject encoding = out.getJsonArray("encodings").getJsonObject(0);
    assertEquals(2712345678L, encoding.getLong("ssrc"));
    assertEquals(2712345679L, encoding.getJsonObject("rtx").getLong("ssrc"));
    assertFalse(encoding.getBoolean("dtx"));
    assertEquals("L1T3", encoding.getString("scalabilityMode"));
    assertEquals(900000L, encoding.getLong("maxBitrate"));
    assertEquals(
        new JsonObject().put("cname", "chromeCname01").put("reducedSize", true).put("mux", true),
        out.getJsonObject("rtcp"));
  }

  @Test
  void optionalSectionsDefaultToEmpty() {
    JsonObject out =
        RtpParametersValidator.validateRtpParameters(
            new JsonObject(
                """
                {"codecs": [{"mimeType": "audio/PCMU", "payloadType": 0, "clockRate": 8000,
                             "parameters": {"flag": null}, "rtcpFeedback": [{"type": "nack"}]}],
                 "unknownField": 1}
                """));

    assertFalse(out.containsKey("mid"));
    assertFalse(out.containsKey("unknownField"));
    JsonObject pcmu = out.getJsonArray("codecs").getJsonObject(0);
    assertEquals(1, pcmu.getInteger("channels"), "audio channels default to 1");
    assertEquals("", pcmu.getJsonObject("parameters").getValue("flag"));
    assertEquals(
        new JsonObject().put("type", "nack").put("parameter", ""),
        pcmu.getJsonArray("rtcpFeedback").getJsonObject(0));
    assertEquals(new JsonArray(), out.getJsonArray("headerExtensions"));
    assertEquals(new JsonArray(), out.getJsonArray("encodings"));
    assertEquals(
        new JsonObject().put("reducedSize", true).put("mux", true), out.getJsonObject("rtcp"));
  }

  @Test
  void simulcastEncodingsKeepRidsAndScale() {
    JsonObject out = RtpParametersValidator.validateRtpParameters(ChromeRtp.vp8SimulcastProducer());
    JsonArray encodings = out.getJsonArray("encodings");
    assertEquals(3, encodings.size());
    assertEquals("r0", encodings.getJsonObject(0).getString("rid"));
    assertEquals(4.0, encodings.getJsonObject(0).getDouble("scaleResolutionDownBy"));
    assertFalse(encodings.getJsonObject(0).containsKey("ssrc"));
  }

  @Test
  void malformedProducerParametersAreRejectedWithTheFieldNamed() {
    assertInvalid(p -> p.remove("codecs"), "missing rtpParameters.codecs");
    assertInvalid(p -> p.put("codecs", "VP8"), "rtpParameters.codecs is not an array");
    assertInvalid(p -> p.put("mid", 1), "invalid rtpParameters.mid");
    assertInvalid(p -> codec(p).remove("mimeType"), "missing codec.mimeType");
    assertInvalid(p -> codec(p).put("mimeType", "VP8"), "invalid codec.mimeType [VP8]");
    assertInvalid(p -> codec(p).remove("payloadType"), "missing codec.payloadType");
    assertInvalid(p -> codec(p).put("payloadType", 128), "invalid codec.payloadType [128]");
    assertInvalid(p -> codec(p).put("payloadType", "96"), "invalid codec.payloadType");
    assertInvalid(p -> codec(p).remove("clockRate"), "missing codec.clockRate");
    assertInvalid(p -> codec(p).put("clockRate", 90000.5), "invalid codec.clockRate [90000.5]");
    assertInvalid(
        p -> codec(p).put("parameters", new JsonObject().put("x", new JsonArray())),
        "invalid codec.parameters [key:x]");
    assertInvalid(
        p -> rtx(p).put("parameters", new JsonObject().put("apt", "96")),
        "invalid codec.parameters.apt");
    assertInvalid(
        p -> codec(p).put("rtcpFeedback", new JsonArray().add(new JsonObject())),
        "missing rtcpFeedback.type");
    assertInvalid(p -> rtx(p).put("payloadType", 96), "duplicated codec.payloadType [96]");
    assertInvalid(p -> extension(p).remove("id"), "missing headerExtension.id");
    assertInvalid(p -> extension(p).remove("uri"), "missing headerExtension.uri");
    assertInvalid(p -> extension(p).put("encrypt", "no"), "invalid headerExtension.encrypt");
    assertInvalid(p -> encoding(p).put("ssrc", 1L << 32), "invalid encoding.ssrc [4294967296]");
    assertInvalid(p -> encoding(p).put("ssrc", -1), "invalid encoding.ssrc [-1]");
    assertInvalid(p -> encoding(p).put("rtx", new JsonObject()), "missing encoding.rtx.ssrc");
    assertInvalid(p -> encoding(p).put("rid", 3), "invalid encoding.rid");
    assertInvalid(p -> encoding(p).put("scalabilityMode", 3), "invalid encoding.scalabilityMode");
    assertInvalid(p -> p.put("encodings", new JsonArray().add("x")), "encoding is not an object");
    assertInvalid(p -> p.put("rtcp", "x"), "rtpParameters.rtcp is not an object");
    assertInvalid(p -> p.put("rtcp", new JsonObject().put("cname", 5)), "invalid rtcp.cname");
  }

  @Test
  void capabilitiesTakeKindFromMimeTypeAndGetDefaults() {
    JsonObject caps =
        RtpParametersValidator.validateRtpCapabilities(
            new JsonObject(
                """
                {"codecs": [{"kind": "video", "mimeType": "audio/opus", "clockRate": 48000},
                            {"mimeType": "video/VP8", "clockRate": 90000, "channels": 2}],
                 "headerExtensions": [{"kind": "video", "uri": "urn:3gpp:video-orientation",
                                       "preferredId": 11}]}
                """));

    JsonObject opus = caps.getJsonArray("codecs").getJsonObject(0);
    assertEquals("audio", opus.getString("kind"));
    assertEquals(1, opus.getInteger("channels"));
    assertEquals(new JsonArray(), opus.getJsonArray("rtcpFeedback"));
    JsonObject vp8 = caps.getJsonArray("codecs").getJsonObject(1);
    assertEquals("video", vp8.getString("kind"));
    assertFalse(vp8.containsKey("channels"));
    JsonObject ext = caps.getJsonArray("headerExtensions").getJsonObject(0);
    assertEquals("sendrecv", ext.getString("direction"));
    assertFalse(ext.getBoolean("preferredEncrypt"));
  }

  @Test
  void emptyCapabilitiesAreValid() {
    JsonObject caps = RtpParametersValidator.validateRtpCapabilities(new JsonObject());
    assertTrue(caps.getJsonArray("codecs").isEmpty());
    assertTrue(caps.getJsonArray("headerExtensions").isEmpty());
  }

  @Test
  void malformedCapabilitiesAreRejected() {
    assertInvalidCaps("\"x\"", "rtpCapabilities is not an object");
    assertInvalidCaps("{\"codecs\": {}}", "rtpCapabilities.codecs is not an array");
    assertInvalidCaps("{\"codecs\": [{\"clockRate\": 8000}]}", "missing codec.mimeType");
    assertInvalidCaps(
        "{\"codecs\": [{\"mimeType\": \"audio/opus\", \"clockRate\": 48000,"
            + " \"preferredPayloadType\": -1}]}",
        "invalid codec.preferredPayloadType [-1]");
    assertInvalidCaps(
        "{\"headerExtensions\": [{\"uri\": \"u\", \"preferredId\": 1}]}",
        "invalid headerExtension.kind");
    assertInvalidCaps(
        "{\"headerExtensions\": [{\"kind\": \"audio\", \"uri\": \"u\"}]}",
        "missing headerExtension.preferredId");
    assertInvalidCaps(
        "{\"headerExtensions\": [{\"kind\": \"audio\", \"uri\": \"u\", \"preferredId\": 1,"
            + " \"direction\": \"sideways\"}]}",
        "invalid headerExtension.direction [sideways]");
  }

  private static void assertInvalidCaps(String json, String message) {
    Object caps = io.vertx.core.json.Json.decodeValue(json);
    OrtcException e =
        assertThrows(
            OrtcException.class, () -> RtpParametersValidator.validateRtpCapabilities(caps));
    assertEquals(message, e.getMessage());
    assertEquals(OrtcException.Reason.INVALID, e.reason());
  }

  private static void assertInvalid(Consumer<JsonObject> breakIt, String message) {
    JsonObject params = ChromeRtp.vp8Producer();
    breakIt.accept(params);
    OrtcException e =
        assertThrows(
            OrtcException.class,
            () -> RtpParametersValidator.validateRtpParameters(params),
            message);
    assertEquals(message, e.getMessage());
    assertEquals(OrtcException.Reason.INVALID, e.reason());
  }

  private static JsonObject codec(JsonObject params) {
    return params.getJsonArray("codecs").getJsonObject(0);
  }

  private static JsonObject rtx(JsonObject params) {
    return params.getJsonArray("codecs").getJsonObject(1);
  }

  private static JsonObject extension(JsonObject params) {
    return params.getJsonArray("headerExtensions").getJsonObject(0);
  }

  private static JsonObject encoding(JsonObject params) {
    return params.getJsonArray("encodings").getJsonObject(0);
  }
}
