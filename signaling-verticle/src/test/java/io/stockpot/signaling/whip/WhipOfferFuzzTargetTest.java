package io.stockpot.signaling.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stockpot.signaling.sdp.Fixtures;
import io.stockpot.signaling.sdp.MediaDescription;
import io.stockpot.signaling.sdp.SdpAnswer;
import io.stockpot.signaling.sdp.SdpException;
import io.stockpot.signaling.sdp.SessionDescription;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of what a WHIP POST does with its body: parsing the SDP offer, reading
 * every attribute the mapping reads, mapping it against the router's capabilities and writing the
 * answer. Whatever the bytes, the only failures are {@link SdpException} (answered 400) and {@link
 * WhipException} with a 4xx status; an accepted offer yields at least one producer, and its answer
 * parses back with one section per offered section.
 */
class WhipOfferFuzzTargetTest {
  private static final JsonObject CAPS =
      new JsonObject(Fixtures.read("router-rtp-capabilities.json"));

  @FuzzTest
  void offer(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    SessionDescription offer;
    try {
      offer = SessionDescription.parse(text);
      for (MediaDescription m : offer.media()) {
        m.rtpMaps();
        m.rtcpFb(96);
        m.extMaps();
        m.ssrcs();
        m.ssrcGroups();
        m.rids();
        m.simulcastSendRids();
        m.fmtp(96);
      }
    } catch (SdpException e) {
      return;
    }
    OfferMapping.Result r;
    try {
      r = OfferMapping.map(offer, CAPS, "fuzz");
    } catch (SdpException e) {
      return;
    } catch (WhipException e) {
      assertTrue(e.status() >= 400 && e.status() < 500, e.getMessage());
      return;
    }
    assertFalse(r.produces().isEmpty());
    String answer =
        new SdpAnswer(
                "ufrag",
                "password",
                List.of(new SdpAnswer.Fingerprint("sha-256", "AB:CD")),
                r.answerSetup(),
                List.of(new SdpAnswer.Candidate("udpcandidate", 1076302079L, "127.0.0.1", 40000)),
                r.answerMedia())
            .write(1);
    assertEquals(offer.media().size(), SessionDescription.parse(answer).media().size());
  }
}
