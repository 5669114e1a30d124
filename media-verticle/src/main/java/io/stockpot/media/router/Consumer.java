package io.stockpot.media.router;

import io.stockpot.media.codecs.KeyFrames;
import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.rtp.RtxPacket;
import io.stockpot.media.stats.RateCalculator;
import io.stockpot.media.webrtc.WebRtcTransport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Media a peer receives from one producer, like mediasoup's SimpleConsumer: every forwarded packet
 * gets this consumer's SSRC, payload type and header-extension ids, and sequence numbers and
 * timestamps that stay continuous across pauses. Video restarts on a key frame.
 */
public final class Consumer {
  /** Copies of each repair sent over RTX (see {@link #retransmit}). */
  static final int RTX_COPIES = 2;

  private final String id;
  private final String peerId;
  private final Producer producer;
  private final WebRtcTransport transport;
  private final JsonObject rtpParameters;
  private final long ssrc;
  private final long rtxSsrc;
  private final int rtxPayloadType;
  private final byte[] payloadTypeMap;
  private final byte[] extensionIdMap;

  /** The same map without MID: for packets whose MID value cannot become this consumer's. */
  private final byte[] extensionIdMapWithoutMid;

  private final int producerMidId;
  private final int midId;
  private final byte[] mid;
  private final KeyFrames.Codec codec;
  private final int clockRate;
  private final RtpPacket view = new RtpPacket();
  private final RateCalculator rate = new RateCalculator();
  private boolean paused;
  private boolean closed;
  private boolean syncRequired = true;
  private int seqOffset;
  private long tsOffset;
  private int lastSeq = ThreadLocalRandom.current().nextInt(0x10000);
  private long lastTs;
  private long lastSentMs;
  private int rtxSeq = ThreadLocalRandom.current().nextInt(0x10000);
  private long packetsSent;
  private long bytesSent;
  private long packetsRetransmitted;
  private long nackCount;
  private long pliCount;
  private int score = 10;
  private int fractionLost;
  private JsonObject lastScoreSent;
  private long lastSrCompactNtp;
  private long lastSrSentMs;
  private long roundTripTimeMs = -1;

  public Consumer(
      String id,
      String peerId,
      Producer producer,
      WebRtcTransport transport,
      JsonObject rtpParameters,
      boolean paused) {
    this.id = id;
    this.peerId = peerId;
    this.producer = producer;
    this.transport = transport;
    this.rtpParameters = rtpParameters;
    this.paused = paused;
    JsonObject encoding = rtpParameters.getJsonArray("encodings").getJsonObject(0);
    ssrc = encoding.getLong("ssrc");
    JsonObject rtx = encoding.getJsonObject("rtx");
    rtxSsrc = rtx == null ? 0 : rtx.getLong("ssrc");
    JsonObject media = null;
    int rtxPt = -1;
    for (Object o : rtpParameters.getJsonArray("codecs")) {
      JsonObject c = (JsonObject) o;
      if (c.getString("mimeType").toLowerCase(java.util.Locale.ROOT).endsWith("/rtx")) {
        rtxPt = c.getInteger("payloadType");
      } else if (media == null) {
        media = c;
      }
    }
    rtxPayloadType = rtxSsrc == 0 ? -1 : rtxPt;
    codec = KeyFrames.Codec.of(media.getString("mimeType"));
    clockRate = media.getInteger("clockRate");
    payloadTypeMap = producer.payloadTypeMap();
    extensionIdMap = extensionIdMap(producer.rtpParameters(), rtpParameters);
    producerMidId = producer.midExtensionId();
    midId = producerMidId == 0 ? 0 : extensionIdMap[producerMidId] & 0xFF;
    extensionIdMapWithoutMid = extensionIdMap.clone();
    if (producerMidId != 0) {
      extensionIdMapWithoutMid[producerMidId] = 0;
    }
    String consumerMid = rtpParameters.getString("mid");
    mid =
        consumerMid == null
            ? new byte[0]
            : consumerMid.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Producer's extension id → this consumer's id for the same URI (0: drop the element). */
  private static byte[] extensionIdMap(JsonObject producerParams, JsonObject consumerParams) {
    byte[] map = new byte[256];
    for (Object p : producerParams.getJsonArray("headerExtensions", new JsonArray())) {
      JsonObject pe = (JsonObject) p;
      for (Object c : consumerParams.getJsonArray("headerExtensions", new JsonArray())) {
        JsonObject ce = (JsonObject) c;
        if (pe.getString("uri").equals(ce.getString("uri"))) {
          map[pe.getInteger("id") & 0xFF] = (byte) (int) ce.getInteger("id");
        }
      }
    }
    return map;
  }

  public String id() {
    return id;
  }

  public String peerId() {
    return peerId;
  }

  public Producer producer() {
    return producer;
  }

  public WebRtcTransport transport() {
    return transport;
  }

  public JsonObject rtpParameters() {
    return rtpParameters;
  }

  public String kind() {
    return producer.kind();
  }

  public long ssrc() {
    return ssrc;
  }

  public long rtxSsrc() {
    return rtxSsrc;
  }

  public JsonObject lastScoreSent() {
    return lastScoreSent;
  }

  public void lastScoreSent(JsonObject score) {
    lastScoreSent = score;
  }

  public boolean paused() {
    return paused;
  }

  /** Pauses or resumes; a resumed video consumer waits for a key frame. */
  public void paused(boolean paused) {
    if (this.paused && !paused) {
      syncRequired = true;
    }
    this.paused = paused;
  }

  public boolean closed() {
    return closed;
  }

  void close() {
    closed = true;
  }

  /** Whether this consumer waits for a key frame (the router asks the producer for one). */
  public boolean wantsKeyFrame() {
    return syncRequired && codec != KeyFrames.Codec.NONE && active();
  }

  private boolean active() {
    return !paused && !producer.paused() && !closed && transport.isConnected();
  }

  /**
   * Sends one of the producer's packets ({@code in}, plaintext) to the browser: copied into {@code
   * out}, rewritten, protected in place there and queued on the transport.
   */
  void forward(RtpPacket in, byte[] out, long nowMs) {
    if (!active()) {
      return;
    }
    if (syncRequired) {
      if (codec != KeyFrames.Codec.NONE
          && !KeyFrames.isKeyFrame(codec, in.buffer(), in.payloadOffset(), in.payloadLength())) {
        return;
      }
      // Continue our numbering where it stopped; advance the clock by the time we were silent.
      seqOffset = (lastSeq + 1 - in.sequenceNumber()) & 0xFFFF;
      long gap = lastSentMs == 0 ? 0 : Math.max(1, (nowMs - lastSentMs) * clockRate / 1000);
      tsOffset = (lastTs + gap - in.timestamp()) & 0xFFFFFFFFL;
      syncRequired = false;
    }
    int len = copyRewritten(in, out, 0);
    if (len < 0) {
      return;
    }
    int seq = (in.sequenceNumber() + seqOffset) & 0xFFFF;
    if (((seq - lastSeq) & 0xFFFF) < 0x8000) {
      lastSeq = seq;
      lastTs = (in.timestamp() + tsOffset) & 0xFFFFFFFFL;
      lastSentMs = nowMs;
    }
    if (transport.sendRtp(out, 0, len, nowMs)) {
      packetsSent++;
      bytesSent += len;
      rate.add(len, nowMs);
    }
  }

  private int copyRewritten(RtpPacket in, byte[] out, int off) {
    int len = in.length();
    System.arraycopy(in.buffer(), in.offset(), out, off, len);
    if (!view.read(out, off, len)) {
      return -1;
    }
    view.setSsrc(ssrc);
    view.setPayloadType(payloadTypeMap[in.payloadType()] & 0x7F);
    view.setSequenceNumber((in.sequenceNumber() + seqOffset) & 0xFFFF);
    view.setTimestamp((in.timestamp() + tsOffset) & 0xFFFFFFFFL);
    if (view.hasExtension()) {
      // The producer's MID names the sender's m-section; the browser must see ours, or it routes
      // the packet to whichever of its receivers has that MID. Same length: rewrite; else drop.
      if (midId != 0 && view.extensionLength(producerMidId) == mid.length) {
        view.remapExtensionIds(extensionIdMap);
        view.setExtension(midId, mid, 0, mid.length);
      } else {
        view.remapExtensionIds(extensionIdMapWithoutMid);
      }
    }
    return len;
  }

  /**
   * Answers a NACK for our sequence number {@code seq} from the producer's buffer: as RTX when
   * negotiated, else resent as it was.
   */
  void retransmit(
      int seq, RetransmissionBuffer buffer, RtpPacket scratchView, byte[] out, long nowMs) {
    int producerSeq = (seq - seqOffset) & 0xFFFF;
    int slot = buffer.find(producerSeq, nowMs);
    if (slot < 0 || !scratchView.read(buffer.data(slot), 0, buffer.length(slot))) {
      return;
    }
    // Over RTX each copy has its own sequence number, so a repair is sent twice: a lost repair
    // costs the browser a NACK retry of a round trip it cannot measure (it only receives), often
    // 100 ms or more, and the frame waiting for it freezes. Plain resends go once (same SRTP
    // index: GCM must not encrypt it twice).
    int copies = rtxPayloadType >= 0 ? RTX_COPIES : 1;
    for (int copy = 0; copy < copies; copy++) {
      int len = copyRewritten(scratchView, out, 0);
      if (len < 0) {
        return;
      }
      if (rtxPayloadType >= 0) {
        if (!view.read(out, 0, len)) {
          return;
        }
        rtxSeq = (rtxSeq + 1) & 0xFFFF;
        len = RtxPacket.encapsulate(view, out, 0, rtxPayloadType, rtxSsrc, rtxSeq);
        if (len < 0) {
          return;
        }
      }
      if (transport.sendRtp(out, 0, len, nowMs)) {
        packetsRetransmitted++;
        bytesSent += len;
        rate.add(len, nowMs);
      }
    }
  }

  void nackReceived() {
    nackCount++;
  }

  void pliReceived() {
    pliCount++;
  }

  /** We sent a sender report whose NTP time reads {@code compactNtp} (middle 32 bits). */
  void senderReportSent(long compactNtp, long nowMs) {
    lastSrCompactNtp = compactNtp;
    lastSrSentMs = nowMs;
  }

  /**
   * A receiver report from the browser about this consumer's stream. When it echoes our last SR
   * (LSR), the round trip is the time since we sent it less the browser's delay (DLSR).
   */
  void receiverReport(int fractionLost, long lastSr, long delaySinceLastSr, long nowMs) {
    if (lastSr != 0 && lastSr == lastSrCompactNtp) {
      long rtt = nowMs - lastSrSentMs - delaySinceLastSr * 1000 / 65536;
      roundTripTimeMs = Math.max(0, rtt);
    }
    receiverReport(fractionLost);
  }

  /** The last measured round trip to the browser in ms, or -1 before the first. */
  public long roundTripTimeMs() {
    return roundTripTimeMs;
  }

  /** A receiver report from the browser about this consumer's stream. */
  void receiverReport(int fractionLost) {
    this.fractionLost = fractionLost;
    int instant = Math.max(0, 10 - (int) Math.round(fractionLost / 256.0 * 100));
    score = (score * 3 + instant * 7 + 5) / 10;
  }

  public int score() {
    return score;
  }

  /** What this consumer adds to the producer's RTP timestamps. */
  public long timestampOffset() {
    return tsOffset;
  }

  public long lastRtpTimestamp() {
    return lastTs;
  }

  public long lastSentMs() {
    return lastSentMs;
  }

  public long packetsSent() {
    return packetsSent;
  }

  public long bytesSent() {
    return bytesSent;
  }

  public int clockRate() {
    return clockRate;
  }

  /** {@code getConsumerStats}: mediasoup's {@code outbound-rtp} entry, then the producer's. */
  public JsonArray stats(long nowMs) {
    JsonObject out =
        new JsonObject()
            .put("type", "outbound-rtp")
            .put("timestamp", nowMs)
            .put("ssrc", ssrc)
            .put("kind", kind())
            .put("packetCount", packetsSent)
            .put("byteCount", bytesSent)
            .put("bitrate", rate.bitsPerSecond(nowMs))
            .put("packetsRetransmitted", packetsRetransmitted)
            .put("nackCount", nackCount)
            .put("pliCount", pliCount)
            .put("fractionLost", fractionLost)
            .put("score", score);
    if (roundTripTimeMs >= 0) {
      out.put("roundTripTime", roundTripTimeMs / 1000.0);
    }
    if (rtxSsrc != 0) {
      out.put("rtxSsrc", rtxSsrc);
    }
    JsonArray stats = new JsonArray().add(out);
    producer.stats(nowMs).forEach(stats::add);
    return stats;
  }
}
