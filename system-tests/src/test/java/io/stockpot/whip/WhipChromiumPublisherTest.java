package io.stockpot.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stockpot.e2e.NodeAndBrowser;
import io.stockpot.e2e.Page;
import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.auth.RoomTokens;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chromium as a WHIP publisher offering rid-based simulcast (three encodings): the answer accepts
 * the simulcast, several layers flow, and a viewer page decodes the publisher's video.
 */
@Tag("browser")
class WhipChromiumPublisherTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SECRET = "whip-chromium-test-secret-0123456789";

  @RegisterExtension
  final NodeAndBrowser env =
      new NodeAndBrowser("whip-chromium-test", "47760-47799", "--jwt-secret", SECRET);

  private String token(String peer, Set<String> grants) {
    return RoomTokens.hs256(env.node().vertx(), SECRET)
        .mint("stage", peer, "Name of " + peer, grants, 600);
  }

  /** JS: publish camera and microphone over WHIP with three simulcast encodings. */
  private static String publish(String token) {
    return """
        (async () => {
          const stream = await navigator.mediaDevices.getUserMedia({
            video: { width: 1280, height: 720 }, audio: true });
          const pc = new RTCPeerConnection();
          pc.addTransceiver(stream.getVideoTracks()[0], { direction: 'sendonly', sendEncodings: [
            { rid: 'q', scaleResolutionDownBy: 4 }, { rid: 'h', scaleResolutionDownBy: 2 },
            { rid: 'f' }] });
          pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendonly' });
          await pc.setLocalDescription(await pc.createOffer());
          await new Promise(done => {
            if (pc.iceGatheringState === 'complete') done();
            pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && done();
            setTimeout(done, 5000);
          });
          const res = await fetch('/whip/stage', { method: 'POST', body: pc.localDescription.sdp,
            headers: { 'Content-Type': 'application/sdp', 'Authorization': 'Bearer TOKEN' } });
          const body = await res.text();
          if (res.status !== 201) return 'status ' + res.status + ': ' + body;
          await pc.setRemoteDescription({ type: 'answer', sdp: body });
          window.whip = { pc, location: res.headers.get('Location') };
          return 'status 201';
        })()
        """
        .replace("TOKEN", token);
  }

  /** JS: the rids of the outbound-rtp streams that have sent more than 20 packets, sorted. */
  private static final String LAYERS_SENDING =
      "window.whip.pc.getStats().then(r => [...r.values()]"
          + ".filter(s => s.type === 'outbound-rtp' && s.kind === 'video' && s.packetsSent > 20)"
          + ".map(s => s.rid).sort().join(','))";

  @Test
  void chromiumSimulcastPublisherIsDecodedByAViewer() {
    try (Page viewer =
            env.chromium()
                .newPage(env.url("/?token=" + token("viewer", RoomToken.DEFAULT_GRANTS)));
        // Any page of the node's origin will do; /health opens no signaling connection.
        Page camera = env.chromium().newPage(env.url("/health"))) {
      viewer.waitFor("window.stockpot.joined === true", WAIT);
      long started = System.nanoTime();
      assertEquals("status 201", camera.eval(publish(token("camera", Set.of(RoomToken.PUBLISH)))));
      camera.waitFor("window.whip.pc.connectionState === 'connected'", WAIT);
      // Chromium starts the layers as its bandwidth estimate allows: two prove the simulcast.
      try {
        camera.waitFor(LAYERS_SENDING + ".then(rids => rids.split(',').length >= 2)", WAIT);
      } finally {
        System.out.println(
            "publisher's outbound video: "
                + camera.eval(
                    "window.whip.pc.getStats().then(r => [...r.values()]"
                        + ".filter(s => s.type === 'outbound-rtp' && s.kind === 'video')"
                        + ".map(s => ({rid: s.rid, packetsSent: s.packetsSent, width: s.frameWidth,"
                        + " limit: s.qualityLimitationReason})))"));
        System.out.println(
            "remote answer simulcast: "
                + camera.eval(
                    "window.whip.pc.remoteDescription.sdp.split('\\r\\n')"
                        + ".filter(l => l.startsWith('a=rid') || l.startsWith('a=simulcast'))"));
      }
      System.out.println("simulcast layers sending: " + camera.eval(LAYERS_SENDING));
      viewer.waitFor(
          "window.stockpot.recvStats().then(all => all.some(s => s.peerId === 'camera'"
              + " && s.kind === 'video' && s.framesDecoded > 30))",
          WAIT);
      System.out.printf(
          "viewer decoded 30 frames of the Chromium WHIP publisher %d ms after its POST%n",
          (System.nanoTime() - started) / 1_000_000);
      assertEquals(
          200,
          ((Number)
                  camera.eval(
                      "fetch(window.whip.location, { method: 'DELETE' }).then(r => r.status)"))
              .intValue());
      viewer.waitFor("document.querySelector('#peers li[data-peer-id=\"camera\"]') === null", WAIT);
    }
  }
}
