package io.stockpot.media.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.ortc.ConsumerRtpParameters;
import io.stockpot.media.ortc.RtpParametersJson;
import io.stockpot.media.rtp.RtpPacket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * H264 simulcast (three SSRC encodings, no temporal layers): the consumer starts on an IDR of the
 * target encoding (RFC 6184 §5.8 FU-A start of a NAL unit of type 5), switches on the next IDR of
 * the new target, and leaves the H264 payload as it came while the RTP header stays continuous.
 */
class SimulcastH264Test {
  private static final int PT = 125;

  private static JsonObject parameters() {
    JsonArray encodings = new JsonArray();
    for (int e = 0; e < 3; e++) {
      encodings.add(new JsonObject().put("ssrc", SimulcastFixture.ssrc(e)));
    }
    return new JsonObject()
        .put("mid", "2")
        .put(
            "codecs",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("mimeType", "video/H264")
                        .put("payloadType", PT)
                        .put("clockRate", 90000)
                        .put(
                            "parameters",
                            new JsonObject()
                                .put("packetization-mode", 1)
                                .put("profile-level-id", "42e01f")
                                .put("level-asymmetry-allowed", 1))
                        .put(
                            "rtcpFeedback",
                            new JsonArray()
                                .add(new JsonObject().put("type", "nack").put("parameter", ""))
                                .add(
                                    new JsonObject().put("type", "nack").put("parameter", "pli")))))
        .put("headerExtensions", new JsonArray())
        .put("encodings", encodings)
        .put("rtcp", new JsonObject().put("cname", "h"));
  }

  private static JsonObject receiverCapabilities() {
    return new JsonObject(
        """
        {"codecs": [
           {"kind": "video", "mimeType": "video/H264", "preferredPayloadType": 107,
            "clockRate": 90000,
            "parameters": {"packetization-mode": 1, "profile-level-id": "42e01f",
                           "level-asymmetry-allowed": 1},
            "rtcpFeedback": [{"type": "nack", "parameter": ""},
                             {"type": "nack", "parameter": "pli"}]}],
         "headerExtensions": []}
        """);
  }

  /** An FU-A fragment (RFC 6184 §5.8) of an IDR (type 5) or non-IDR (type 1) slice. */
  private static byte[] fuA(int encoding, int seq, long ts, boolean idr, boolean start) {
    byte[] buf = new byte[200 + 64];
    RtpPacket.writeHeader(buf, 0, !start, PT, seq, ts, SimulcastFixture.ssrc(encoding));
    buf[12] = 0x7C; // F=0 NRI=3 type 28
    buf[13] = (byte) ((start ? 0x80 : 0x40) | (idr ? 5 : 1));
    buf[199] = (byte) encoding;
    return buf;
  }

  @Test
  void switchesOnIdrOfTheTarget() {
    FakeTransport in = new FakeTransport();
    FakeTransport out = new FakeTransport();
    Router router = new Router(new DropCounters());
    Producer producer = RouterFixture.producer("h264", "video", parameters(), in);
    router.addProducer(producer);
    JsonObject params =
        ConsumerRtpParameters.getConsumerRtpParameters(
            RtpParametersJson.toJson(producer.consumableRtpParameters()),
            receiverCapabilities(),
            false,
            true);
    assertEquals(
        "L3T1", params.getJsonArray("encodings").getJsonObject(0).getString("scalabilityMode"));
    SimulcastConsumer c =
        new SimulcastConsumer(
            "h", "receiver", producer, out, RtpParametersJson.fromJson(params), true);
    c.paused(false);
    router.addConsumer(c);
    int[] seqs = {10, 20_000, 65_000};
    long nowMs = 5_000;
    for (int frame = 0; frame < 20; frame++) {
      boolean idr = frame == 0 || frame == 10 || frame == 15;
      if (frame == 5) {
        c.preferredLayers(0, 0, nowMs);
      }
      for (int e = 0; e < 3; e++) {
        long ts = 1000L * (e + 1) + 3000L * frame;
        for (int part = 0; part < 2; part++) {
          byte[] p = fuA(e, seqs[e]++ & 0xFFFF, ts, idr && (e != 0 || frame >= 10), part == 0);
          router.receiveRtp(in, p, 0, 200, nowMs * 1000);
        }
      }
      nowMs += 33;
    }
    assertEquals(0, c.currentSpatialLayer());
    int switchAt = -1;
    for (int i = 0; i < out.rtp.size(); i++) {
      RtpPacket p = out.rtpPacket(i);
      assertEquals(c.ssrc(), p.ssrc());
      assertEquals(
          params.getJsonArray("codecs").getJsonObject(0).getInteger("payloadType"),
          p.payloadType());
      int encoding = p.buffer()[p.payloadOffset() + 199 - 12];
      if (i > 0) {
        RtpPacket prev = out.rtpPacket(i - 1);
        assertEquals((prev.sequenceNumber() + 1) & 0xFFFF, p.sequenceNumber());
        assertTrue(((p.timestamp() - prev.timestamp()) & 0xFFFF_FFFFL) < 0x8000_0000L);
        if (encoding != prev.buffer()[prev.payloadOffset() + 199 - 12]) {
          switchAt = i;
          assertEquals(0x85, p.buffer()[p.payloadOffset() + 1] & 0xFF, "starts on an IDR start");
        }
      }
    }
    // Encoding 2 from frame 0 to 9 (two packets each), then encoding 0 from its IDR at frame 10.
    assertEquals(20, switchAt);
    assertEquals(40, out.rtp.size());
  }
}
