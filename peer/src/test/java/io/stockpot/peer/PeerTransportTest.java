package io.stockpot.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.dtls.DtlsCertificate;
import io.stockpot.media.ice.IceState;
import io.stockpot.testkit.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ICE, DTLS and SRTP of a {@link PeerTransport} against an in-test ICE-lite responder over UDP. */
class PeerTransportTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(45);

  private MediaLoop loop;
  private IceLiteResponder responder;
  private PeerTransport transport;

  @BeforeEach
  void setUp() {
    loop = new MediaLoop("peer-test-loop");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (transport != null) {
      transport.close();
    }
    if (responder != null) {
      responder.close();
    }
    loop.close();
  }

  private PeerTransport connect(int checksToIgnore) throws Exception {
    responder = new IceLiteResponder(checksToIgnore);
    DtlsCertificate certificate = DtlsCertificate.generate();
    transport =
        PeerTransport.start(
            "t1",
            true,
            loop,
            certificate,
            "peer-cname",
            new PeerTransport.Remote(
                responder.ufrag(),
                responder.password(),
                responder.address(),
                List.of(responder.fingerprint())));
    Waits.until("ICE completed", TIMEOUT, () -> responder.iceState() == IceState.COMPLETED);
    // connectWebRtcTransport: the server learns our fingerprint, then we may start DTLS.
    responder.expectClient(transport.localFingerprint());
    transport.allowDtls();
    transport.mediaReady().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Waits.until("responder SRTP ready", TIMEOUT, responder::srtpReady);
    return transport;
  }

  @Test
  void everyPacketSentAuthenticatesAtTheResponder() throws Exception {
    PeerTransport t = connect(0);
    AudioStream audio = new AudioStream(0x11111111, "0", ExtensionIds.CHROME_AUDIO, 100, 5000);
    VideoStream video =
        new VideoStream(
            0x22222222, 0x33333333, "1", ExtensionIds.CHROME_VIDEO, 600_000, 30, 30, 200, 9000);
    t.addStream(audio);
    t.addStream(video);
    Waits.until(
        "sender reports for both streams",
        TIMEOUT,
        () ->
            responder.senderReports(audio.ssrc()) >= 2
                && responder.senderReports(video.ssrc()) >= 2);
    t.close();
    Thread.sleep(300); // whatever is in flight lands
    assertTrue(audio.packets() >= 50, "audio packets: " + audio.packets());
    assertTrue(video.packets() >= 60, "video packets: " + video.packets());
    assertEquals(audio.packets(), responder.authenticated(audio.ssrc()));
    assertEquals(video.packets(), responder.authenticated(video.ssrc()));
    assertEquals(0, responder.rtpFailures.get());
    assertEquals(0, responder.rtcpFailures.get());
    assertEquals(0, responder.rtpBeforeKeys.get());
    TransportStats stats = t.stats();
    assertEquals(audio.packets() + video.packets(), stats.sentPackets());
    assertEquals(0, stats.sendErrors());

    byte[] firstVideo = responder.firstPackets.get(video.ssrc()).get(0);
    int payload = payloadOffset(firstVideo);
    assertEquals(0x10, firstVideo[payload] & 0xFF, "S bit on the frame's first packet");
    assertEquals(0, firstVideo[payload + 1] & 0x01, "VP8 P bit 0: key frame");
  }

  @Test
  void peerCountsWhatTheServerSends() throws Exception {
    PeerTransport t = connect(0);
    VideoStream video =
        new VideoStream(
            0x22222222, 0x33333333, "1", ExtensionIds.CHROME_VIDEO, 300_000, 30, 1000, 1, 1);
    t.addStream(video);
    Waits.until("video flows", TIMEOUT, () -> responder.authenticated(video.ssrc()) > 0);
    long keyFramesBefore = video.keyFrames();

    // RR + transport-cc feedback in one compound, then a PLI for the video stream.
    byte[] rr = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, 9};
    byte[] twcc = {(byte) 0x8F, (byte) 205, 0, 2, 0, 0, 0, 9, 0x22, 0x22, 0x22, 0x22};
    responder.sendRtcp(concat(rr, twcc));
    byte[] pli = {(byte) 0x81, (byte) 206, 0, 2, 0, 0, 0, 9, 0x22, 0x22, 0x22, 0x22};
    responder.sendRtcp(pli);
    t.expectConsumer(0x0A0B0C0D, "consumer-1");
    for (int i = 0; i < 5; i++) {
      byte[] rtp = new byte[12 + 40];
      RtpWriter.writeHeader(rtp, 0, false, 100, 7 + i, 1000L * i, 0x0A0B0C0D);
      responder.sendRtp(rtp);
    }
    responder.sendRaw(new byte[] {(byte) 0x80, 100, 0, 1, 1, 2, 3, 4, 0, 0, 0, 1, 9, 9, 9, 9});

    // Wait for every effect, not only some: the garbage datagram and the PLI's key-frame request
    // are counted on the peer's own thread, possibly after the media packets.
    Waits.until(
        "peer counted feedback, media, the forged packet and the key-frame request",
        TIMEOUT,
        () ->
            t.stats().receivedPackets() == 5
                && t.stats().rtcpReceived().containsKey("PLI")
                && t.stats().srtpErrors().values().stream().mapToLong(Long::longValue).sum() >= 1
                && video.keyFrameRequests() >= 1);
    TransportStats stats = t.stats();
    assertEquals(Map.of("RR", 1L, "TRANSPORT_CC", 1L, "PLI", 1L), stats.rtcpReceived());
    TransportStats.ReceivedStreamStats in = stats.received().get(0);
    assertEquals(0x0A0B0C0DL, in.ssrc());
    assertEquals("consumer-1", in.consumerId());
    assertEquals(5, in.packets());
    assertEquals(0, in.lost());
    assertEquals(100, in.payloadType());
    assertEquals(1, stats.srtpErrors().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(1, video.keyFrameRequests());
    Waits.until("key frame after PLI", TIMEOUT, () -> video.keyFrames() > keyFramesBefore);
  }

  @Test
  void checksAreRetransmittedUntilAnswered() throws Exception {
    PeerTransport t = connect(3);
    assertTrue(responder.checksSeen.get() >= 4);
    TransportStats stats = t.stats();
    assertTrue(stats.iceChecksSent() >= 4, "checks sent: " + stats.iceChecksSent());
    assertTrue(stats.iceSuccesses() >= 1);
    assertTrue(stats.srtpReady());
    assertEquals("CONNECTED", stats.dtlsState());
  }

  private static int payloadOffset(byte[] rtp) {
    int off = 12 + 4 * (rtp[0] & 0x0F);
    if ((rtp[0] & 0x10) != 0) {
      off += 4 + 4 * (((rtp[off + 2] & 0xFF) << 8) | (rtp[off + 3] & 0xFF));
    }
    return off;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
