package io.stockpot.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {
  @Test
  void readsAiortcOffer() {
    SessionDescription sdp = SessionDescription.parse(Fixtures.read("aiortc-1.4-offer.sdp"));
    assertEquals(List.of("BUNDLE 0 1"), sdp.attributes("group"));
    assertEquals(2, sdp.media().size());
    MediaDescription video = sdp.media().get(0);
    assertEquals("video", video.media());
    assertEquals("0", video.mid());
    assertEquals("sendonly", video.direction());
    assertEquals(List.of(97, 98, 99, 100, 101, 102), video.payloadTypes());
    assertEquals(new MediaDescription.RtpMap(97, "VP8", 90000, 1), video.rtpMaps().get(97));
    assertEquals(Map.of("apt", "97"), video.fmtp(98));
    assertEquals("42e01f", video.fmtp(101).get("profile-level-id"));
    assertEquals(
        List.of(
            new MediaDescription.RtcpFb("nack", ""),
            new MediaDescription.RtcpFb("nack", "pli"),
            new MediaDescription.RtcpFb("goog-remb", "")),
        video.rtcpFb(97));
    assertEquals(
        new MediaDescription.SsrcGroup("FID", List.of(939640340L, 1854083882L)),
        video.ssrcGroups().get(0));
    assertEquals("f5904462-82ab-427e-880a-2b715d757fe2", video.ssrcs().get(939640340L));
    assertEquals(
        new MediaDescription.ExtMap(1, "sendrecv", "urn:ietf:params:rtp-hdrext:sdes:mid"),
        video.extMaps().get(0));
    MediaDescription audio = sdp.media().get(1);
    assertEquals(new MediaDescription.RtpMap(96, "opus", 48000, 2), audio.rtpMaps().get(96));
    assertEquals("VFc8", audio.attribute("ice-ufrag"));
  }

  @Test
  void readsChromiumSimulcastOffer() {
    SessionDescription sdp =
        SessionDescription.parse(Fixtures.read("chromium-simulcast-offer.sdp"));
    MediaDescription video = sdp.media().get(1);
    assertEquals(List.of("q", "h", "f"), video.simulcastSendRids());
    assertEquals(3, video.rids().size());
    assertTrue(video.has("rtcp-rsize"));
    assertEquals(
        Map.of("minptime", "10", "useinbandfec", "1", "stereo", "1", "usedtx", "1"),
        sdp.media().get(0).fmtp(111));
    assertTrue(video.ssrcs().isEmpty());
  }

  @Test
  void readsSimulcastAlternativesAndPausedStreams() {
    MediaDescription m =
        SessionDescription.parse(
                "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=simulcast:send 1,2;~3 recv 4\r\n")
            .media()
            .get(0);
    assertEquals(List.of("1", "3"), m.simulcastSendRids());
  }

  @Test
  void refusesWhatIsNotSdp() {
    for (String bad :
        List.of(
            "",
            "   ",
            "hello world",
            "v=1\r\n",
            "v=0\r\nthis is not sdp\r\n",
            "v=0\r\nm=video\r\n",
            "v=0\r\nm=video 99999 RTP/AVP 96\r\n",
            "v=0\r\nm=video x RTP/AVP 96\r\n",
            "{\"sdp\":\"v=0\"}")) {
      assertThrows(SdpException.class, () -> SessionDescription.parse(bad), bad);
    }
  }

  @Test
  void malformedAttributesThrowOnlySdpException() {
    MediaDescription m =
        SessionDescription.parse(
                "v=0\nm=video 9 UDP/TLS/RTP/SAVPF 300 96\na=rtpmap:96\na=extmap:x y\n"
                    + "a=ssrc:99999999999 cname:a\na=rid:!! send\na=rtcp-fb:96\n")
            .media()
            .get(0);
    assertThrows(SdpException.class, m::payloadTypes);
    assertThrows(SdpException.class, m::rtpMaps);
    assertThrows(SdpException.class, m::extMaps);
    assertThrows(SdpException.class, m::ssrcs);
    assertThrows(SdpException.class, m::rids);
    assertThrows(SdpException.class, () -> m.rtcpFb(96));
  }

  @Test
  void refusesTooManySections() {
    StringBuilder sb = new StringBuilder("v=0\r\n");
    for (int i = 0; i <= SessionDescription.MAX_MEDIA; i++) {
      sb.append("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n");
    }
    assertThrows(SdpException.class, () -> SessionDescription.parse(sb.toString()));
  }

  @Test
  void readsTrickleFragment() {
    SessionDescription frag =
        SessionDescription.parseFragment(
            "a=ice-ufrag:EsAw\r\na=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\n"
                + "m=audio 9 RTP/AVP 0\r\na=mid:0\r\n"
                + "a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host\r\n");
    assertEquals("EsAw", frag.attribute("ice-ufrag"));
    assertEquals(1, frag.media().get(0).attributes("candidate").size());
    assertFalse(frag.media().isEmpty());
  }
}
