package io.stockpot.media.router;

import io.stockpot.media.ortc.ConsumerRtpParameters;
import io.stockpot.media.ortc.RtpParametersJson;
import io.stockpot.media.rtcp.Pli;
import io.stockpot.media.rtcp.RtcpHeader;
import io.stockpot.media.rtp.RtpPacket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A VP8 producer with three SSRC simulcast encodings (L1T3 each, as Chrome sends with
 * mediasoup-client), its senders writing the extended payload descriptor (15-bit PictureID,
 * TL0PICIDX, TID/Y), and a simulcast consumer of it.
 */
final class SimulcastFixture {
  static final int ENCODINGS = 3;

  /** Temporal layer of each frame in the L1T3 pattern (RFC 7741 §4.6's 0-2-1-2). */
  static final int[] PATTERN = {0, 2, 1, 2};

  /** Payload bytes of each packet, the VP8 descriptor (6) and payload header included. */
  static final int PAYLOAD = 60;

  private SimulcastFixture() {}

  static long ssrc(int encoding) {
    return 3_000_000_000L + encoding * 10;
  }

  static long rtxSsrc(int encoding) {
    return ssrc(encoding) + 1;
  }

  static JsonObject parameters() {
    JsonObject p = RouterFixture.vp8Parameters();
    JsonArray encodings = new JsonArray();
    for (int e = 0; e < ENCODINGS; e++) {
      encodings.add(
          new JsonObject()
              .put("ssrc", ssrc(e))
              .put("rtx", new JsonObject().put("ssrc", rtxSsrc(e)))
              .put("scalabilityMode", "L1T3"));
    }
    return p.put("encodings", encodings);
  }

  static Producer producer(MediaTransport transport) {
    return RouterFixture.producer("simulcast", "video", parameters(), transport);
  }

  /** RID extension id in {@link #ridParameters}. */
  static final int RID_ID = 10;

  /**
   * The same three encodings signalled by RID (r0, r1, r2) as mediasoup-client's default simulcast
   * does: no SSRCs, learnt from the first packets (MID and RID header extensions).
   */
  static JsonObject ridParameters() {
    JsonObject p = RouterFixture.vp8Parameters();
    JsonArray encodings = new JsonArray();
    for (int e = 0; e < ENCODINGS; e++) {
      encodings.add(new JsonObject().put("rid", "r" + e).put("scalabilityMode", "L1T3"));
    }
    p.getJsonArray("headerExtensions")
        .add(
            new JsonObject()
                .put("uri", "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id")
                .put("id", RID_ID));
    return p.put("encodings", encodings);
  }

  static SimulcastConsumer consumer(String id, Producer producer, MediaTransport transport) {
    JsonObject params =
        ConsumerRtpParameters.getConsumerRtpParameters(
            RtpParametersJson.toJson(producer.consumableRtpParameters()),
            RouterFixture.receiverCapabilities(),
            false,
            true);
    params.put("mid", "9");
    SimulcastConsumer c =
        new SimulcastConsumer(
            id, "receiver", producer, transport, RtpParametersJson.fromJson(params), true);
    c.paused(false);
    return c;
  }

  /** One encoding's sender: frames of {@code packets} packets, 30 fps, the L1T3 pattern. */
  static final class Sender {
    final int encoding;
    int seq;
    long ts;
    int pictureId;
    int tl0PicIdx;
    int frame;

    /** When set, packets carry the MID ("1") and this RID in one-byte header extensions. */
    String rid;

    /** Bytes of each packet this sender writes. */
    int length = LENGTH;

    Sender(int encoding, int firstSeq, long firstTs, int firstPictureId, int firstTl0) {
      this.encoding = encoding;
      this.seq = firstSeq;
      this.ts = firstTs;
      this.pictureId = firstPictureId;
      this.tl0PicIdx = firstTl0;
    }

    /**
     * The next frame's packets (key frames restart the pattern). Each payload's last byte holds the
     * encoding index, so a test can tell which encoding a forwarded packet came from.
     */
    List<byte[]> frame(boolean keyFrame, int packets) {
      if (keyFrame) {
        frame = 0;
      }
      int tid = PATTERN[frame % PATTERN.length];
      // Y: the first TL1 and TL2 frames after a TL0 frame depend on TL0 only.
      boolean sync = tid > 0 && (frame % PATTERN.length) <= 2;
      if (tid == 0) {
        tl0PicIdx = (tl0PicIdx + 1) & 0xFF;
      }
      List<byte[]> out = new ArrayList<>();
      for (int i = 0; i < packets; i++) {
        byte[] buf = new byte[1500 + 64];
        RtpPacket.writeHeader(
            buf, 0, i == packets - 1, RouterFixture.VP8_PT, seq, ts, ssrc(encoding));
        int p = RtpPacket.FIXED_HEADER_LENGTH;
        if (rid != null) {
          p = writeMidRid(buf, p, rid);
        }
        length = p + PAYLOAD;
        buf[p] = (byte) (0x80 | (i == 0 ? 0x10 : 0)); // X, S on the first packet, PID 0
        buf[p + 1] = (byte) 0xE0; // I, L, T
        buf[p + 2] = (byte) (0x80 | (pictureId >> 8)); // M: 15 bits
        buf[p + 3] = (byte) pictureId;
        buf[p + 4] = (byte) tl0PicIdx;
        buf[p + 5] = (byte) ((tid << 6) | (sync ? 0x20 : 0));
        buf[p + 6] = (byte) (keyFrame && i == 0 ? 0x00 : 0x01); // VP8 header P bit
        buf[p + PAYLOAD - 1] = (byte) encoding;
        out.add(buf);
        seq = (seq + 1) & 0xFFFF;
      }
      ts = (ts + 3000) & 0xFFFF_FFFFL;
      pictureId = (pictureId + 1) & 0x7FFF;
      frame++;
      return out;
    }
  }

  static final int LENGTH = RtpPacket.FIXED_HEADER_LENGTH + PAYLOAD;

  /** RFC 8285 §4.2 one-byte elements MID (id 4) and RID at {@code buf[p]}; answers the end. */
  private static int writeMidRid(byte[] buf, int p, String rid) {
    buf[0] |= 0x10;
    int start = p;
    buf[p++] = (byte) 0xBE;
    buf[p++] = (byte) 0xDE;
    p += 2;
    buf[p++] = 0x40; // id 4, one byte
    buf[p++] = '1';
    buf[p++] = (byte) ((RID_ID << 4) | (rid.length() - 1));
    for (char c : rid.toCharArray()) {
      buf[p++] = (byte) c;
    }
    while ((p - start) % 4 != 0) {
      buf[p++] = 0;
    }
    int words = (p - start - 4) / 4;
    buf[start + 2] = (byte) (words >> 8);
    buf[start + 3] = (byte) words;
    return p;
  }

  /** The encoding a forwarded packet came from (see {@link Sender#frame}). */
  static int encodingOf(RtpPacket p) {
    return p.buffer()[p.payloadOffset() + PAYLOAD - 1];
  }

  /** The media SSRCs of every PLI in these compounds, in order. */
  static List<Long> pliSsrcs(List<byte[]> compounds) {
    List<Long> ssrcs = new ArrayList<>();
    Pli pli = new Pli();
    for (RtcpSeen.Packet p : RtcpSeen.packets(compounds)) {
      if (p.type() == RtcpHeader.PSFB
          && p.fmt() == Pli.FMT
          && pli.read(p.buf(), p.off(), p.len())) {
        ssrcs.add(pli.mediaSsrc());
      }
    }
    return ssrcs;
  }
}
