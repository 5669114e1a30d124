package io.stockpot.media.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.ortc.HeaderExtensions;
import io.stockpot.media.ortc.MediaCodecs;
import io.stockpot.media.ortc.ProducerRtpMapping;
import io.stockpot.media.ortc.RouterCapabilities;
import io.stockpot.media.ortc.RtpParametersJson;
import io.stockpot.media.ortc.RtpParametersValidator;
import io.stockpot.media.rtp.RtpPacket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Finding a packet's producer on a transport: by SSRC, else by MID and RID (learning the SSRC). */
class RtpListenerTest {
  private static final JsonObject ROUTER = RouterCapabilities.build(MediaCodecs.defaults());
  private static final int MID_ID = 4;
  private static final int RID_ID = 10;

  private static Producer producer(String mid, JsonArray encodings) {
    JsonObject params =
        RtpParametersValidator.validateRtpParameters(
            new JsonObject()
                .put("mid", mid)
                .put(
                    "codecs",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("mimeType", "video/VP8")
                                .put("payloadType", 96)
                                .put("clockRate", 90000)))
                .put(
                    "headerExtensions",
                    new JsonArray()
                        .add(new JsonObject().put("uri", HeaderExtensions.MID).put("id", MID_ID))
                        .add(
                            new JsonObject()
                                .put("uri", HeaderExtensions.RTP_STREAM_ID)
                                .put("id", RID_ID)))
                .put("encodings", encodings));
    JsonObject mapping = ProducerRtpMapping.getProducerRtpParametersMapping(params, ROUTER);
    JsonObject consumable =
        ProducerRtpMapping.getConsumableRtpParameters("video", params, ROUTER, mapping);
    return new Producer(
        "p-" + mid,
        "peer",
        "video",
        null,
        RtpParametersJson.fromJson(params),
        RtpParametersJson.fromJson(consumable),
        RtpParametersJson.mappingFromJson(mapping),
        java.util.Map.of(),
        false);
  }

  /** An RTP packet with MID (and RID) one-byte header extensions. */
  private static RtpPacket packet(long ssrc, String mid, String rid) {
    byte[] buf = new byte[64];
    RtpPacket.writeHeader(buf, 0, false, 96, 1, 0, ssrc);
    buf[0] |= 0x10; // X
    int i = 12;
    buf[i++] = (byte) 0xBE;
    buf[i++] = (byte) 0xDE;
    int lengthAt = i;
    i += 2;
    int start = i;
    i = element(buf, i, MID_ID, mid);
    if (rid != null) {
      i = element(buf, i, RID_ID, rid);
    }
    while ((i - start) % 4 != 0) {
      buf[i++] = 0;
    }
    int words = (i - start) / 4;
    buf[lengthAt] = (byte) (words >> 8);
    buf[lengthAt + 1] = (byte) words;
    RtpPacket p = new RtpPacket();
    assertTrue(p.read(buf, 0, i + 10));
    return p;
  }

  private static int element(byte[] buf, int i, int id, String value) {
    byte[] v = value.getBytes(StandardCharsets.US_ASCII);
    buf[i++] = (byte) ((id << 4) | (v.length - 1));
    System.arraycopy(v, 0, buf, i, v.length);
    return i + v.length;
  }

  @Test
  void signalledSsrcsRouteDirectly() {
    RtpListener listener = new RtpListener();
    Producer p = producer("1", new JsonArray().add(new JsonObject().put("ssrc", 1111L)));
    assertTrue(listener.add(p));
    assertSame(p, listener.route(packet(1111, "1", null)));
    assertNull(listener.route(packet(2222, "7", null)), "unknown SSRC, unknown MID");
  }

  @Test
  void simulcastLayersAreLearnedByMidAndRid() {
    RtpListener listener = new RtpListener();
    Producer p =
        producer(
            "0",
            new JsonArray()
                .add(new JsonObject().put("rid", "r0"))
                .add(new JsonObject().put("rid", "r1")));
    assertTrue(listener.add(p));
    assertSame(p, listener.route(packet(5000, "0", "r1")));
    assertEquals(5000, p.ssrc(1), "r1's SSRC learned");
    assertSame(p, listener.route(packet(5000, "0", null)), "then found by SSRC alone");
    assertSame(p, listener.route(packet(6000, "0", "r0")));
    assertEquals(6000, p.ssrc(0));
    assertNull(listener.route(packet(7000, "0", "r9")), "no such layer");
  }

  @Test
  void aSingleEncodingIsLearnedByMidAlone() {
    RtpListener listener = new RtpListener();
    Producer p = producer("3", new JsonArray().add(new JsonObject()));
    assertTrue(listener.add(p));
    assertSame(p, listener.route(packet(42, "3", null)));
    assertEquals(42, p.ssrc(0));
  }

  @Test
  void ssrcCollisionsOnATransportAreRefused() {
    RtpListener listener = new RtpListener();
    assertTrue(listener.add(producer("1", new JsonArray().add(new JsonObject().put("ssrc", 9L)))));
    assertFalse(listener.add(producer("2", new JsonArray().add(new JsonObject().put("ssrc", 9L)))));
  }
}
