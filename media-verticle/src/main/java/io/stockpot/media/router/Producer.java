package io.stockpot.media.router;

import io.stockpot.media.ortc.HeaderExtensions;
import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.rtp.RtxPacket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Media a peer sends, like mediasoup's Producer: its RTP parameters as negotiated, their mapping
 * onto the router's payload types and SSRCs, and one {@link RtpStreamRecv} per encoding. {@link
 * #receive} takes each of its packets: RTX unwrapping, the stream's accounting, the retransmission
 * buffer, NACKs for new gaps. What it tells the sender over RTCP (NACKs, PLIs, receiver reports) it
 * writes itself and counts in its own counters.
 */
public final class Producer {
  private final String id;
  private final String peerId;
  private final String kind;
  private final MediaTransport transport;
  private final JsonObject rtpParameters;
  private final JsonObject consumableRtpParameters;
  private final JsonObject appData;
  private final long[] ssrcs;
  private final long[] rtxSsrcs;
  private final String[] rids;
  private final RtpStreamRecv[] streams;
  private final int clockRate;
  private final byte[] payloadTypeMap = new byte[128];
  private final int[] rtxApt = new int[128];
  private final RetransmissionBuffer[] buffers;
  private final int midExtensionId;
  private final int ridExtensionId;
  private final int transportCcExtensionId;
  private final String mid;
  private final java.util.List<Consumer> consumers = new java.util.ArrayList<>();
  private boolean nack;
  private JsonArray lastScoreSent;
  private boolean paused;
  private boolean closed;
  private long packetsDiscarded;
  private final ReceiveResult result = new ReceiveResult();
  private final ProducerRtcp rtcp;

  public Producer(
      String id,
      String peerId,
      String kind,
      MediaTransport transport,
      JsonObject rtpParameters,
      JsonObject consumableRtpParameters,
      JsonObject mapping,
      JsonObject appData,
      boolean paused) {
    this.id = id;
    this.peerId = peerId;
    this.kind = kind;
    this.transport = transport;
    this.rtpParameters = rtpParameters;
    this.consumableRtpParameters = consumableRtpParameters;
    this.appData = appData;
    this.paused = paused;
    JsonArray encodings = rtpParameters.getJsonArray("encodings");
    int n = encodings.size();
    ssrcs = new long[n];
    rtxSsrcs = new long[n];
    rids = new String[n];
    streams = new RtpStreamRecv[n];
    JsonObject mediaCodec = firstMediaCodec(rtpParameters.getJsonArray("codecs"));
    clockRate = mediaCodec.getInteger("clockRate");
    for (int i = 0; i < n; i++) {
      JsonObject e = encodings.getJsonObject(i);
      ssrcs[i] = e.getLong("ssrc", 0L);
      JsonObject rtx = e.getJsonObject("rtx");
      rtxSsrcs[i] = rtx == null ? 0 : rtx.getLong("ssrc", 0L);
      rids[i] = e.getString("rid");
      if (ssrcs[i] != 0) {
        streams[i] = newStream(ssrcs[i]);
      }
    }
    buffers = new RetransmissionBuffer[n];
    if (kind.equals("video")) {
      for (int i = 0; i < n; i++) {
        buffers[i] = new RetransmissionBuffer();
      }
    }
    java.util.Arrays.fill(rtxApt, -1);
    for (Object o : rtpParameters.getJsonArray("codecs")) {
      JsonObject c = (JsonObject) o;
      Object apt = c.getJsonObject("parameters", new JsonObject()).getValue("apt");
      if (c.getString("mimeType", "").toLowerCase(java.util.Locale.ROOT).endsWith("/rtx")
          && apt instanceof Number a) {
        rtxApt[c.getInteger("payloadType") & 0x7F] = a.intValue();
      }
    }
    for (Object o : mapping.getJsonArray("codecs")) {
      JsonObject m = (JsonObject) o;
      payloadTypeMap[m.getInteger("payloadType") & 0x7F] =
          (byte) (int) m.getInteger("mappedPayloadType");
    }
    mid = rtpParameters.getString("mid");
    nack = kind.equals("video") && hasNack(mediaCodec);
    for (RtpStreamRecv s : streams) {
      if (s != null && nack) {
        s.enableNack();
      }
    }
    midExtensionId = extensionId(rtpParameters, HeaderExtensions.MID);
    ridExtensionId = extensionId(rtpParameters, HeaderExtensions.RTP_STREAM_ID);
    transportCcExtensionId = extensionId(rtpParameters, HeaderExtensions.TRANSPORT_WIDE_CC);
    rtcp = new ProducerRtcp(transport, streams, kind.equals("video"));
  }

  private RtpStreamRecv newStream(long ssrc) {
    RtpStreamRecv s = new RtpStreamRecv(ssrc, clockRate);
    if (nack) {
      s.enableNack();
    }
    return s;
  }

  private static boolean hasNack(JsonObject codec) {
    for (Object o : codec.getJsonArray("rtcpFeedback", new JsonArray())) {
      JsonObject fb = (JsonObject) o;
      if ("nack".equals(fb.getString("type")) && fb.getString("parameter", "").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static JsonObject firstMediaCodec(JsonArray codecs) {
    for (Object o : codecs) {
      JsonObject c = (JsonObject) o;
      if (!c.getString("mimeType", "").toLowerCase(java.util.Locale.ROOT).endsWith("/rtx")) {
        return c;
      }
    }
    throw new IllegalArgumentException("no media codec");
  }

  static int extensionId(JsonObject rtpParameters, String uri) {
    for (Object o : rtpParameters.getJsonArray("headerExtensions", new JsonArray())) {
      JsonObject ext = (JsonObject) o;
      if (uri.equals(ext.getString("uri"))) {
        return ext.getInteger("id", 0);
      }
    }
    return 0;
  }

  public String id() {
    return id;
  }

  public String peerId() {
    return peerId;
  }

  public String kind() {
    return kind;
  }

  public MediaTransport transport() {
    return transport;
  }

  public JsonObject rtpParameters() {
    return rtpParameters;
  }

  public JsonObject consumableRtpParameters() {
    return consumableRtpParameters;
  }

  public JsonObject appData() {
    return appData;
  }

  public JsonArray lastScoreSent() {
    return lastScoreSent;
  }

  public void lastScoreSent(JsonArray score) {
    lastScoreSent = score;
  }

  public boolean paused() {
    return paused;
  }

  public void paused(boolean paused) {
    this.paused = paused;
  }

  public boolean closed() {
    return closed;
  }

  void close() {
    closed = true;
  }

  public String mid() {
    return mid;
  }

  public int midExtensionId() {
    return midExtensionId;
  }

  public int ridExtensionId() {
    return ridExtensionId;
  }

  public int transportCcExtensionId() {
    return transportCcExtensionId;
  }

  /** The consumers this producer's packets fan out to. */
  public java.util.List<Consumer> consumers() {
    return consumers;
  }

  /** Producer payload type → router payload type (the consumers' numbering). */
  byte[] payloadTypeMap() {
    return payloadTypeMap;
  }

  /** The retransmission buffer of encoding {@code i}, or null (audio). */
  RetransmissionBuffer buffer(int i) {
    return buffers[i];
  }

  /** SSRCs this producer declared (media and RTX), for the transport's SSRC table. */
  long[] declaredSsrcs() {
    long[] all = new long[ssrcs.length * 2];
    int n = 0;
    for (int i = 0; i < ssrcs.length; i++) {
      if (ssrcs[i] != 0) {
        all[n++] = ssrcs[i];
      }
      if (rtxSsrcs[i] != 0) {
        all[n++] = rtxSsrcs[i];
      }
    }
    return java.util.Arrays.copyOf(all, n);
  }

  /**
   * Learns the SSRC of an encoding that was signalled by RID (or, with a single encoding, by MID
   * alone) from its first packet. Returns false if no encoding fits.
   */
  boolean learnSsrc(long ssrc, String rid) {
    for (int i = 0; i < ssrcs.length; i++) {
      boolean fits = rid != null ? rid.equals(rids[i]) : ssrcs.length == 1;
      if (fits && streams[i] == null) {
        ssrcs[i] = ssrc;
        streams[i] = newStream(ssrc);
        return true;
      }
    }
    return false;
  }

  /** The encoding whose RTX stream uses {@code ssrc}, or -1. */
  int rtxEncoding(long ssrc) {
    for (int i = 0; i < rtxSsrcs.length; i++) {
      if (rtxSsrcs[i] == ssrc && rtxSsrcs[i] != 0 && streams[i] != null) {
        return i;
      }
    }
    return -1;
  }

  long ssrc(int encoding) {
    return ssrcs[encoding];
  }

  /** The media payload type an RTX payload type repairs (its apt), or -1. */
  int aptOf(int rtxPayloadType) {
    return rtxApt[rtxPayloadType & 0x7F];
  }

  /** The SSRC our RTCP about this producer's streams is sent from (the router's). */
  void rtcpSsrc(long ssrc) {
    rtcp.senderSsrc(ssrc);
  }

  /**
   * Takes one of this producer's packets ({@code len} bytes at {@code buf[off]}, already read into
   * {@code packet}): an RTX packet is unwrapped in place (RFC 4588 §4) and counted as the repair of
   * its original; media goes through its stream's sequence accounting (RFC 3550 Appendix A.1); both
   * are stored for retransmission (video). A new gap is NACKed at once (RFC 4585 §6.2.1). The
   * result is reused by the next call.
   */
  public ReceiveResult receive(RtpPacket packet, byte[] buf, int off, int len, long nowMs) {
    long ssrc = packet.ssrc();
    int rtx = rtxEncoding(ssrc);
    ReceiveResult.Kind kind = ReceiveResult.Kind.MEDIA;
    int encoding = -1;
    if (rtx >= 0) {
      // A retransmission (or a bandwidth probe, which carries no payload): unwrap it in place and
      // treat it as the packet it repairs.
      RtpStreamRecv stream = streams[rtx];
      stream.rtxReceived(len, nowMs);
      int apt = aptOf(packet.payloadType());
      int n =
          apt < 0 || packet.payloadLength() < RtxPacket.OSN_LENGTH
              ? -1
              : RtxPacket.decapsulate(packet, buf, off, apt, ssrcs[rtx]);
      if (n < 0 || !packet.read(buf, off, n)) {
        return discard(DropReason.RTX_UNWRAP_FAILED);
      }
      len = n;
      if (!stream.repaired(packet.sequenceNumber())) {
        return discard(DropReason.DUPLICATE_OR_TOO_OLD);
      }
      kind = ReceiveResult.Kind.RETRANSMISSION;
      encoding = rtx;
    } else {
      for (int i = 0; i < ssrcs.length; i++) {
        if (ssrcs[i] == ssrc && streams[i] != null) {
          encoding = i;
          break;
        }
      }
      if (encoding < 0) {
        return discard(DropReason.NO_PRODUCER);
      }
      if (!streams[encoding].receive(packet, nowMs)) {
        return discard(DropReason.DUPLICATE_OR_TOO_OLD);
      }
    }
    RtpStreamRecv stream = streams[encoding];
    if (stream.hasNewGap()) {
      rtcp.sendNacks(nowMs);
    }
    if (buffers[encoding] != null) {
      buffers[encoding].store(packet.sequenceNumber(), buf, off, len, nowMs);
    }
    if (paused) {
      return discard(DropReason.PRODUCER_PAUSED);
    }
    return result.media(kind, encoding, len);
  }

  private ReceiveResult discard(DropReason reason) {
    packetsDiscarded++;
    return result.discarded(reason);
  }

  /**
   * Asks the sender for a key frame (a PLI per stream, RFC 4585 §6.3.1) unless {@link
   * KeyFrameRequests} merges it with a recent one. Audio has no key frames: nothing is sent.
   */
  public void requestKeyFrame(KeyFrameRequests.Source source, long nowMs) {
    rtcp.requestKeyFrame(source, nowMs);
  }

  /** The NACKs due now, at {@code buf[off]}; answers the bytes written ({@link ProducerRtcp}). */
  int writeNacks(byte[] buf, int off, long nowMs) {
    return rtcp.writeNacks(buf, off, nowMs);
  }

  /** A receiver report about this producer's streams at {@code buf[off]}; its length or 0. */
  int writeReceiverReport(byte[] buf, int off, long nowMs) {
    return rtcp.writeReceiverReport(buf, off, nowMs);
  }

  long nacksOut() {
    return rtcp.nacksOut();
  }

  long keyFrameRequestsOut() {
    return rtcp.keyFrameRequestsOut();
  }

  long receiverReportsOut() {
    return rtcp.receiverReportsOut();
  }

  public RtpStreamRecv[] streams() {
    return streams;
  }

  /** The score of each encoding, mediasoup's {@code producerScore} shape. */
  public JsonArray score() {
    JsonArray scores = new JsonArray();
    for (int i = 0; i < streams.length; i++) {
      if (streams[i] != null) {
        JsonObject s =
            new JsonObject()
                .put("encodingIdx", i)
                .put("ssrc", streams[i].ssrc())
                .put("score", streams[i].score());
        if (rids[i] != null) {
          s.put("rid", rids[i]);
        }
        scores.add(s);
      }
    }
    return scores;
  }

  /** {@code getProducerStats}: one mediasoup {@code inbound-rtp} entry per stream. */
  public JsonArray stats(long nowMs) {
    JsonArray stats = new JsonArray();
    String mimeType = firstMediaCodec(rtpParameters.getJsonArray("codecs")).getString("mimeType");
    for (int i = 0; i < streams.length; i++) {
      RtpStreamRecv s = streams[i];
      if (s == null) {
        continue;
      }
      JsonObject entry =
          new JsonObject()
              .put("type", "inbound-rtp")
              .put("timestamp", nowMs)
              .put("ssrc", s.ssrc())
              .put("kind", kind)
              .put("mimeType", mimeType)
              .put("packetCount", s.packetCount())
              .put("byteCount", s.byteCount())
              .put("bitrate", s.bitrate(nowMs))
              .put("packetsLost", s.packetsLost())
              .put("fractionLost", s.fractionLost())
              .put("packetsDiscarded", packetsDiscarded)
              .put("packetsRetransmitted", s.retransmittedCount())
              .put("rtxPacketCount", s.rtxPacketCount())
              .put("jitter", s.jitter())
              .put("nackCount", s.nackCount())
              .put("pliCount", s.pliCount())
              .put("firCount", 0)
              .put("score", s.score());
      if (rtxSsrcs[i] != 0) {
        entry.put("rtxSsrc", rtxSsrcs[i]);
      }
      if (rids[i] != null) {
        entry.put("rid", rids[i]);
      }
      stats.add(entry);
    }
    return stats;
  }
}
