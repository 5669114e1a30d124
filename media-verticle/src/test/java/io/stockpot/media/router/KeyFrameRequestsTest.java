package io.stockpot.media.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.rtcp.Pli;
import io.stockpot.media.rtcp.RtcpHeader;
import org.junit.jupiter.api.Test;

/**
 * Key-frame requests to a producer (mediasoup's KeyFrameRequestManager): a browser's PLI is relayed
 * at most once a second, a new consumer asks at once (only requests 100 ms apart merge).
 */
class KeyFrameRequestsTest {
  @Test
  void browserPliAtMostOncePerSecond() {
    KeyFrameRequests k = new KeyFrameRequests();
    assertTrue(k.allow(KeyFrameRequests.Source.BROWSER, 10_000));
    assertFalse(k.allow(KeyFrameRequests.Source.BROWSER, 10_500));
    assertFalse(k.allow(KeyFrameRequests.Source.BROWSER, 10_999));
    assertTrue(k.allow(KeyFrameRequests.Source.BROWSER, 11_000));
    assertEquals(2, k.requested());
    assertEquals(2, k.merged());
  }

  @Test
  void newConsumerIsNotHeldBackByABrowsersPli() {
    KeyFrameRequests k = new KeyFrameRequests();
    assertTrue(k.allow(KeyFrameRequests.Source.BROWSER, 10_000));
    assertFalse(k.allow(KeyFrameRequests.Source.CONSUMER_START, 10_050), "merged: 50 ms apart");
    assertTrue(k.allow(KeyFrameRequests.Source.CONSUMER_START, 10_100));
    assertFalse(k.allow(KeyFrameRequests.Source.BROWSER, 10_600), "a second after the last");
  }

  @Test
  void routerRelaysThroughTheProducerTransport() {
    FakeTransport in = new FakeTransport();
    FakeTransport out = new FakeTransport();
    Router router = new Router(new DropCounters());
    Producer video = RouterFixture.video(in);
    router.addProducer(video);
    Producer audio = RouterFixture.audio(in);
    router.addProducer(audio);
    Consumer c = RouterFixture.consumer("c", video, out);
    router.addConsumer(c);
    router.relayKeyFrameRequest(video, 5_000);
    router.relayKeyFrameRequest(video, 5_400);
    router.requestKeyFrame(video, 5_500);
    router.requestKeyFrame(audio, 5_500);
    assertEquals(2, RtcpSeen.count(in.rtcp, RtcpHeader.PSFB, Pli.FMT), "audio has no key frames");
    Pli pli = new Pli();
    RtcpSeen.Packet p = RtcpSeen.packets(in.rtcp).get(0);
    assertTrue(pli.read(p.buf(), p.off(), p.len()));
    assertEquals(RouterFixture.VIDEO_SSRC, pli.mediaSsrc());
    assertEquals(2, video.streams()[0].pliCount());
  }
}
