package io.stockpot.signaling.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.signaling.sdp.Fixtures;
import io.stockpot.signaling.sdp.SdpAnswer;
import io.stockpot.signaling.sdp.SessionDescription;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WHIP offers of real clients mapped to producers' rtpParameters and to the answer. */
class OfferMappingTest {
  private static final JsonObject CAPS =
      new JsonObject(Fixtures.read("router-rtp-capabilities.json"));

  private static OfferMapping.Result map(String fixture) {
    return OfferMapping.map(SessionDescription.parse(Fixtures.read(fixture)), CAPS, "fallback");
  }

  @Test
  void aiortcOfferBecomesVp8WithRtxAndOpus() {
    OfferMapping.Result r = map("aiortc-1.4-offer.sdp");
    assertEquals("client", r.remoteRole());
    assertEquals("passive", r.answerSetup());
    assertEquals("VF4d", r.iceUfrag());
    assertEquals("sha-256", r.fingerprints().get(0).algorithm());
    assertEquals(2, r.produces().size());
    JsonObject video = r.produces().get(0).rtpParameters();
    assertEquals("video", r.produces().get(0).kind());
    assertEquals("0", video.getString("mid"));
    JsonArray codecs = video.getJsonArray("codecs");
    assertEquals("video/VP8", codecs.getJsonObject(0).getString("mimeType"));
    assertEquals(97, codecs.getJsonObject(0).getInteger("payloadType"));
    assertEquals(3, codecs.getJsonObject(0).getJsonArray("rtcpFeedback").size());
    assertEquals("video/rtx", codecs.getJsonObject(1).getString("mimeType"));
    assertEquals(97, codecs.getJsonObject(1).getJsonObject("parameters").getInteger("apt"));
    JsonObject enc = video.getJsonArray("encodings").getJsonObject(0);
    assertEquals(939640340L, enc.getLong("ssrc"));
    assertEquals(1854083882L, enc.getJsonObject("rtx").getLong("ssrc"));
    assertEquals(
        "f5904462-82ab-427e-880a-2b715d757fe2", video.getJsonObject("rtcp").getString("cname"));
    assertEquals(2, video.getJsonArray("headerExtensions").size());
    JsonObject audio = r.produces().get(1).rtpParameters();
    assertEquals("audio/opus", audio.getJsonArray("codecs").getJsonObject(0).getString("mimeType"));
    assertEquals(2, audio.getJsonArray("codecs").getJsonObject(0).getInteger("channels"));
    assertEquals(1, audio.getJsonArray("codecs").size());
    assertEquals(3085374949L, audio.getJsonArray("encodings").getJsonObject(0).getLong("ssrc"));
  }

  @Test
  void answerIsIceLiteRecvonlyWithSha256Last() {
    OfferMapping.Result r = map("aiortc-1.4-offer.sdp");
    SdpAnswer answer =
        new SdpAnswer(
            "uf",
            "pw",
            List.of(
                new SdpAnswer.Fingerprint("sha-512", "AA"),
                new SdpAnswer.Fingerprint("sha-256", "BB")),
            r.answerSetup(),
            List.of(new SdpAnswer.Candidate("udpcandidate", 1076302079L, "127.0.0.1", 40000)),
            r.answerMedia());
    String text = answer.write(1);
    SessionDescription parsed = SessionDescription.parse(text);
    assertTrue(parsed.attributes().stream().anyMatch(a -> a.name().equals("ice-lite")));
    assertEquals("BUNDLE 0 1", parsed.attribute("group"));
    var video = parsed.media().get(0);
    assertEquals(List.of(97, 98), video.payloadTypes());
    assertEquals("recvonly", video.direction());
    assertEquals("passive", video.attribute("setup"));
    assertEquals("sha-256 BB", video.attributes("fingerprint").get(1));
    assertEquals(
        "udpcandidate 1 udp 1076302079 127.0.0.1 40000 typ host", video.attribute("candidate"));
    assertTrue(video.has("end-of-candidates"));
    assertEquals(List.of(96), parsed.media().get(1).payloadTypes());
    assertTrue(text.endsWith("\r\n"));
  }

  @Test
  void chromiumSimulcastOfferBecomesRidEncodingsAndKeepsOpusParameters() {
    OfferMapping.Result r = map("chromium-simulcast-offer.sdp");
    JsonObject audio = r.produces().get(0).rtpParameters();
    JsonObject opus = audio.getJsonArray("codecs").getJsonObject(0);
    assertEquals(111, opus.getInteger("payloadType"));
    JsonObject params = opus.getJsonObject("parameters");
    assertEquals(1, params.getInteger("stereo"));
    assertEquals(1, params.getInteger("useinbandfec"));
    assertEquals(1, params.getInteger("usedtx"));
    assertEquals(
        "transport-cc", opus.getJsonArray("rtcpFeedback").getJsonObject(0).getString("type"));
    assertTrue(audio.getJsonObject("rtcp").getBoolean("reducedSize"));
    JsonObject video = r.produces().get(1).rtpParameters();
    JsonArray encodings = video.getJsonArray("encodings");
    assertEquals(3, encodings.size());
    assertEquals("q", encodings.getJsonObject(0).getString("rid"));
    assertFalse(encodings.getJsonObject(0).containsKey("ssrc"));
    assertEquals(96, video.getJsonArray("codecs").getJsonObject(0).getInteger("payloadType"));
    // Extensions the router lacks (video-timing, color-space...) are left out, ids kept.
    JsonArray exts = video.getJsonArray("headerExtensions");
    assertTrue(exts.stream().anyMatch(e -> ((JsonObject) e).getInteger("id") == 10));
    assertTrue(
        exts.stream().noneMatch(e -> ((JsonObject) e).getString("uri").contains("video-timing")));
    String answer =
        new SdpAnswer("u", "p", List.of(), "passive", List.of(), r.answerMedia()).write(1);
    assertTrue(answer.contains("a=simulcast:recv q;h;f\r\n"), answer);
    assertTrue(answer.contains("a=rid:h recv\r\n"), answer);
    assertTrue(answer.contains("a=fmtp:111 minptime=10;useinbandfec=1;stereo=1;usedtx=1\r\n"));
  }

  @Test
  void gstreamerBundleOnlyAudioIsAccepted() {
    OfferMapping.Result r = map("gstreamer-webrtcbin-offer.sdp");
    assertEquals(2, r.produces().size());
    assertEquals("audio1", r.produces().get(1).mid());
    JsonObject video = r.produces().get(0).rtpParameters();
    assertEquals(1374135337L, video.getJsonArray("encodings").getJsonObject(0).getLong("ssrc"));
    assertEquals("user2593462375@host-45c6", video.getJsonObject("rtcp").getString("cname"));
    // Only VP8 offered, without RTX: one codec.
    assertEquals(1, video.getJsonArray("codecs").size());
  }

  @Test
  void h264OnlyOfferPicksAProfileTheRouterHas() {
    String offer =
        Fixtures.read("aiortc-1.4-offer.sdp")
            .replace(
                "m=video 54018 UDP/TLS/RTP/SAVPF 97 98 99 100 101 102",
                "m=video 9 UDP/TLS/RTP/SAVPF 99 100 101 102");
    OfferMapping.Result r = OfferMapping.map(SessionDescription.parse(offer), CAPS, "x");
    JsonObject codec = r.produces().get(0).rtpParameters().getJsonArray("codecs").getJsonObject(0);
    // 42001f is baseline, the router has constrained baseline (42e01f) and main: pt 101.
    assertEquals(101, codec.getInteger("payloadType"));
    assertEquals("42e01f", codec.getJsonObject("parameters").getString("profile-level-id"));
  }

  @Test
  void refusals() {
    String aiortc = Fixtures.read("aiortc-1.4-offer.sdp");
    assertStatus(422, "v=0\r\ns=-\r\nt=0 0\r\n");
    assertStatus(422, "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:0\r\n");
    // Only codecs the router lacks (PCMU, PCMA; H264 packetization-mode 0).
    assertStatus(
        422,
        aiortc.substring(0, aiortc.indexOf("m=video"))
            + aiortc.substring(aiortc.indexOf("m=audio")).replace("96 0 8", "0 8"));
    assertStatus(400, aiortc.replace("a=fingerprint", "a=x-fingerprint"));
    assertStatus(400, aiortc.replace("a=ice-ufrag", "a=x-ice-ufrag").replace("a=ice-pwd", "a=x"));
    assertStatus(400, aiortc.replace("a=rtcp-mux", "a=x-rtcp-mux"));
    assertStatus(400, aiortc.replace("a=group:BUNDLE 0 1", "a=group:LS 0 1"));
    assertStatus(400, aiortc.replace("a=setup:actpass", "a=setup:holdconn"));
  }

  @Test
  void recvonlySectionsAreRejectedNotFatal() {
    String offer = Fixtures.read("aiortc-1.4-offer.sdp").replaceFirst("a=sendonly", "a=recvonly");
    OfferMapping.Result r = OfferMapping.map(SessionDescription.parse(offer), CAPS, "x");
    assertEquals(1, r.produces().size());
    assertEquals("audio", r.produces().get(0).kind());
    assertFalse(r.answerMedia().get(0).accepted());
    String text =
        new SdpAnswer("u", "p", List.of(), "passive", List.of(), r.answerMedia()).write(1);
    assertTrue(text.contains("m=video 0 UDP/TLS/RTP/SAVPF 97\r\n"), text);
    assertTrue(text.contains("a=group:BUNDLE 1\r\n"), text);
  }

  private static void assertStatus(int status, String offer) {
    WhipException e =
        assertThrows(
            WhipException.class,
            () -> OfferMapping.map(SessionDescription.parse(offer), CAPS, "x"),
            offer);
    assertEquals(status, e.status(), e.getMessage());
  }
}
