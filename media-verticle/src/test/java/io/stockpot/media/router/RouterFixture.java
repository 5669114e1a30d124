package io.stockpot.media.router;

import io.stockpot.media.ortc.ConsumerRtpParameters;
import io.stockpot.media.ortc.MediaCodecs;
import io.stockpot.media.ortc.ProducerRtpMapping;
import io.stockpot.media.ortc.RouterCapabilities;
import io.stockpot.media.ortc.RtpParametersJson;
import io.stockpot.media.ortc.RtpParametersValidator;
import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.rtp.RtxPacket;
import io.vertx.core.json.JsonObject;

/**
 * Producers and consumers as a Chrome peer negotiates them (VP8 with RTX, NACK and transport-cc;
 * Opus), and the RTP packets such a peer sends.
 */
final class RouterFixture {
  static final JsonObject ROUTER = RouterCapabilities.build(MediaCodecs.defaults());
  static final long VIDEO_SSRC = 2712345678L;
  static final long VIDEO_RTX_SSRC = 2712345679L;
  static final long AUDIO_SSRC = 1234567890L;
  static final int VP8_PT = 96;
  static final int RTX_PT = 97;
  static final int OPUS_PT = 111;
  static final int TCC_ID = 3;

  private RouterFixture() {}

  static JsonObject vp8Parameters() {
    return new JsonObject(
        """
        {"mid": "1",
         "codecs": [
           {"mimeType": "video/VP8", "payloadType": 96, "clockRate": 90000,
            "rtcpFeedback": [{"type": "transport-cc", "parameter": ""},
                             {"type": "ccm", "parameter": "fir"},
                             {"type": "nack", "parameter": ""},
                             {"type": "nack", "parameter": "pli"}]},
           {"mimeType": "video/rtx", "payloadType": 97, "clockRate": 90000,
            "parameters": {"apt": 96}}],
         "headerExtensions": [
           {"uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "id": 4},
           {"uri": "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "id": 3}],
         "encodings": [{"ssrc": 2712345678, "rtx": {"ssrc": 2712345679}}],
         "rtcp": {"cname": "c"}}
        """);
  }

  static JsonObject opusParameters() {
    return new JsonObject(
        """
        {"mid": "0",
         "codecs": [{"mimeType": "audio/opus", "payloadType": 111, "clockRate": 48000,
                     "channels": 2, "rtcpFeedback": [{"type": "transport-cc"}]}],
         "headerExtensions": [
           {"uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "id": 4},
           {"uri": "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "id": 3}],
         "encodings": [{"ssrc": 1234567890}],
         "rtcp": {"cname": "c"}}
        """);
  }

  static JsonObject receiverCapabilities() {
    return new JsonObject(
        """
        {"codecs": [
           {"kind": "audio", "mimeType": "audio/opus", "preferredPayloadType": 100,
            "clockRate": 48000, "channels": 2},
           {"kind": "video", "mimeType": "video/VP8", "preferredPayloadType": 101,
            "clockRate": 90000,
            "rtcpFeedback": [{"type": "nack", "parameter": ""},
                             {"type": "nack", "parameter": "pli"}]},
           {"kind": "video", "mimeType": "video/rtx", "preferredPayloadType": 102,
            "clockRate": 90000, "parameters": {"apt": 101}}],
         "headerExtensions": [
           {"kind": "audio", "uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "preferredId": 1},
           {"kind": "video", "uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "preferredId": 1}]}
        """);
  }

  static Producer producer(String id, String kind, JsonObject params, MediaTransport transport) {
    JsonObject valid = RtpParametersValidator.validateRtpParameters(params);
    JsonObject mapping = ProducerRtpMapping.getProducerRtpParametersMapping(valid, ROUTER);
    JsonObject consumable =
        ProducerRtpMapping.getConsumableRtpParameters(kind, valid, ROUTER, mapping);
    return new Producer(
        id,
        "sender",
        kind,
        transport,
        RtpParametersJson.fromJson(valid),
        RtpParametersJson.fromJson(consumable),
        RtpParametersJson.mappingFromJson(mapping),
        java.util.Map.of(),
        false);
  }

  static Producer video(MediaTransport transport) {
    return producer("video", "video", vp8Parameters(), transport);
  }

  static Producer audio(MediaTransport transport) {
    return producer("audio", "audio", opusParameters(), transport);
  }

  /** A consumer of {@code producer}, resumed as the browser accepted it. */
  static Consumer consumer(String id, Producer producer, MediaTransport transport) {
    JsonObject params =
        ConsumerRtpParameters.getConsumerRtpParameters(
            RtpParametersJson.toJson(producer.consumableRtpParameters()),
            receiverCapabilities(),
            false,
            true);
    params.put("mid", "9");
    Consumer c =
        new Consumer(id, "receiver", producer, transport, RtpParametersJson.fromJson(params), true);
    c.paused(false);
    return c;
  }

  /**
   * A VP8 packet as Chrome sends it: MID and transport-wide sequence number extensions, a VP8
   * payload descriptor that starts a key frame or not, {@code payload} bytes in all. The buffer has
   * room after the packet (SRTP's tag, RTX's OSN).
   */
  static byte[] vp8(int seq, long ts, int tccSeq, boolean keyFrame) {
    byte[] buf = new byte[1500 + 64];
    RtpPacket.writeHeader(buf, 0, true, VP8_PT, seq, ts, VIDEO_SSRC);
    buf[0] |= 0x10;
    byte[] ext = {
      (byte) 0xBE, (byte) 0xDE, 0, 2, 0x40, '1', 0x31, (byte) (tccSeq >> 8), 0, 0, 0, 0
    };
    ext[8] = (byte) tccSeq;
    System.arraycopy(ext, 0, buf, 12, ext.length);
    int payload = 12 + ext.length;
    buf[payload] = 0x10; // S=1, PID 0
    buf[payload + 1] = (byte) (keyFrame ? 0x00 : 0x01); // VP8 header: P bit
    return buf;
  }

  static final int VP8_LENGTH = 12 + 12 + 100;

  static byte[] opus(int seq, long ts, int tccSeq) {
    byte[] buf = new byte[1500 + 64];
    RtpPacket.writeHeader(buf, 0, false, OPUS_PT, seq, ts, AUDIO_SSRC);
    buf[0] |= 0x10;
    byte[] ext = {
      (byte) 0xBE, (byte) 0xDE, 0, 2, 0x40, '0', 0x31, (byte) (tccSeq >> 8), 0, 0, 0, 0
    };
    ext[8] = (byte) tccSeq;
    System.arraycopy(ext, 0, buf, 12, ext.length);
    return buf;
  }

  static final int OPUS_LENGTH = 12 + 12 + 60;

  /** The VP8 packet {@code seq} carried over RTX with RTX sequence number {@code rtxSeq}. */
  static byte[] rtx(int seq, long ts, int rtxSeq, int tccSeq) {
    byte[] media = vp8(seq, ts, tccSeq, false);
    RtpPacket p = new RtpPacket();
    p.read(media, 0, VP8_LENGTH);
    byte[] out = new byte[1500 + 64];
    int n = RtxPacket.encapsulate(p, out, 0, RTX_PT, VIDEO_RTX_SSRC, rtxSeq);
    if (n != VP8_LENGTH + 2) {
      throw new AssertionError("RTX encapsulation failed");
    }
    return out;
  }

  static final int RTX_LENGTH = VP8_LENGTH + 2;
}
