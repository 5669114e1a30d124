package io.stockpot.media.router;

import io.stockpot.media.codecs.KeyFrames;
import io.stockpot.media.ortc.RtpCodecParameters;
import io.stockpot.media.ortc.RtpEncodingParameters;
import io.stockpot.media.ortc.RtpHeaderExtensionParameters;
import io.stockpot.media.ortc.RtpParameters;
import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.rtp.RtxPacket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Media a peer receives from one producer, like mediasoup's SimpleConsumer: every forwarded packet
 * gets this consumer's SSRC, payload type and header-extension ids, and sequence numbers and
 * timestamps that stay continuous across pauses. Video restarts on a key frame. It carries the
 * producer's first encoding; {@link SimulcastConsumer} (mediasoup's type {@code simulcast}) extends
 * it to pick one of several encodings and temporal layers.
 */
public class Consumer {
  /** Copies of each repair sent over RTX (see {@link #retransmit}). */
  static final int RTX_COPIES = 2;

  private final String id;
  private final String peerId;
  final Producer producer;
  private final MediaTransport transport;
  private final RtpParameters rtpParameters;
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
  final KeyFrames.Codec codec;
  private final int clockRate;
  private final RtpPacket view = new RtpPacket();
  final SeqRewriter seq;
  private final RtpStreamSend stream;
  private boolean paused;
  private boolean closed;
  private Object lastScoreSent;
  private long senderReportsOut;

  /** mediasoup's consumer type, as newConsumer tells the browser: {@code simple}. */
  public String type() {
    return "simple";
  }

  public Consumer(
      String id,
      String peerId,
      Producer producer,
      MediaTransport transport,
      RtpParameters rtpParameters,
      boolean paused) {
    this.id = id;
    this.peerId = peerId;
    this.producer = producer;
    this.transport = transport;
    this.rtpParameters = rtpParameters;
    this.paused = paused;
    RtpEncodingParameters encoding = rtpParameters.encodings().get(0);
    ssrc = encoding.ssrc();
    rtxSsrc = encoding.rtxSsrc() == null ? 0 : encoding.rtxSsrc();
    RtpCodecParameters media = null;
    int rtxPt = -1;
    for (RtpCodecParameters c : rtpParameters.codecs()) {
      if (c.isRtx()) {
        rtxPt = c.payloadType();
      } else if (media == null) {
        media = c;
      }
    }
    rtxPayloadType = rtxSsrc == 0 ? -1 : rtxPt;
    codec = KeyFrames.Codec.of(media.mimeType());
    clockRate = media.clockRate();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    seq = new SeqRewriter(clockRate, SeqRewriter.randomFirstSeq(random), random.nextLong(1L << 32));
    stream = new RtpStreamSend(ssrc, clockRate, SeqRewriter.randomFirstSeq(random) - 1);
    payloadTypeMap = producer.payloadTypeMap();
    extensionIdMap = extensionIdMap(producer.rtpParameters(), rtpParameters);
    producerMidId = producer.midExtensionId();
    midId = producerMidId == 0 ? 0 : extensionIdMap[producerMidId] & 0xFF;
    extensionIdMapWithoutMid = extensionIdMap.clone();
    if (producerMidId != 0) {
      extensionIdMapWithoutMid[producerMidId] = 0;
    }
    String consumerMid = rtpParameters.mid();
    mid =
        consumerMid == null
            ? new byte[0]
            : consumerMid.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Producer's extension id → this consumer's id for the same URI (0: drop the element). */
  private static byte[] extensionIdMap(RtpParameters producerParams, RtpParameters consumerParams) {
    byte[] map = new byte[256];
    for (RtpHeaderExtensionParameters pe : producerParams.headerExtensions()) {
      for (RtpHeaderExtensionParameters ce : consumerParams.headerExtensions()) {
        if (pe.uri().equals(ce.uri())) {
          map[pe.id() & 0xFF] = (byte) ce.id();
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

  public MediaTransport transport() {
    return transport;
  }

  /** This consumer's parameters, as the consuming peer was told them. */
  public RtpParameters rtpParameters() {
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

  /**
   * The score the room last notified, opaque here: the room compares it with the current one to
   * notify changes only.
   */
  public Object lastScoreSent() {
    return lastScoreSent;
  }

  public void lastScoreSent(Object score) {
    lastScoreSent = score;
  }

  public boolean paused() {
    return paused;
  }

  /** Pauses or resumes; a resumed video consumer waits for a key frame. */
  public void paused(boolean paused) {
    if (this.paused && !paused) {
      seq.requireSync();
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
    return seq.syncRequired() && codec != KeyFrames.Codec.NONE && active();
  }

  /**
   * Asks the producer for the key frame this consumer needs (every stream of it, rate-limited by
   * its {@link KeyFrameRequests}); a simulcast consumer asks its target stream only.
   */
  void requestKeyFrame(KeyFrameRequests.Source source, long nowMs) {
    producer.requestKeyFrame(source, nowMs);
  }

  boolean active() {
    return !paused && !producer.paused() && !closed && transport.isConnected();
  }

  /**
   * Offers one of the producer's packets ({@code in}, plaintext, of encoding {@code encoding}) to
   * this consumer; a packet it sends is copied into {@code out}, rewritten, protected in place
   * there and queued on the transport. Answers whether it was sent; a packet refused for a reason
   * is counted on this consumer's transport, one of another encoding is not.
   */
  boolean forward(RtpPacket in, int encoding, byte[] out, long nowMs) {
    if (encoding != 0) {
      return false;
    }
    if (!active()) {
      return dropped(DropReason.CONSUMER_INACTIVE);
    }
    if (seq.syncRequired()) {
      if (codec != KeyFrames.Codec.NONE
          && !KeyFrames.isKeyFrame(codec, in.buffer(), in.payloadOffset(), in.payloadLength())) {
        return dropped(DropReason.WAITING_FOR_KEY_FRAME);
      }
      seq.sync(in.sequenceNumber(), in.timestamp(), nowMs);
    }
    return send(in, out, nowMs);
  }

  /** Counts {@code reason} on this consumer's transport; answers false (not sent). */
  final boolean dropped(DropReason reason) {
    transport.drops().count(reason);
    return false;
  }

  /** Rewrites {@code in} into {@code out} and sends it (the sequence manager is synced). */
  final boolean send(RtpPacket in, byte[] out, long nowMs) {
    int len = copyRewritten(in, out, 0);
    if (len < 0) {
      return dropped(DropReason.REWRITE_FAILED);
    }
    if (!transport.sendRtp(out, 0, len, nowMs)) {
      return dropped(DropReason.PROTECT_FAILED);
    }
    seq.sent(seq.seq(in.sequenceNumber()), seq.ts(in.timestamp()), nowMs);
    stream.sent(len, nowMs);
    return true;
  }

  /**
   * Rewrites codec fields of the copy in {@code out} (read into {@code view}) for this consumer;
   * nothing for a simple consumer, which forwards one stream as it is.
   */
  void rewritePayload(RtpPacket view) {}

  /**
   * The producer's retransmission buffer holding what became our sequence number {@code outSeq}, or
   * null (audio, or sent before the last switch of stream).
   */
  RetransmissionBuffer retransmissionBuffer(int outSeq) {
    return producer.buffer(0);
  }

  /** Periodic work on the router's tick (a simulcast consumer re-checks its target layers). */
  void tick(long nowMs) {}

  /** The producer stream whose sender reports map our RTP timestamps to wall clock. */
  RtpStreamRecv senderReportSource() {
    return producer.streams()[0];
  }

  private int copyRewritten(RtpPacket in, byte[] out, int off) {
    int len = in.length();
    System.arraycopy(in.buffer(), in.offset(), out, off, len);
    if (!view.read(out, off, len)) {
      return -1;
    }
    view.setSsrc(ssrc);
    view.setPayloadType(payloadTypeMap[in.payloadType()] & 0x7F);
    view.setSequenceNumber(seq.seq(in.sequenceNumber()));
    view.setTimestamp(seq.ts(in.timestamp()));
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
    rewritePayload(view);
    return len;
  }

  /**
   * Answers a NACK for our sequence number {@code seq} from the producer's buffer: as RTX when
   * negotiated, else resent as it was.
   */
  void retransmit(int outSeq, RtpPacket scratchView, byte[] out, long nowMs) {
    RetransmissionBuffer buffer = retransmissionBuffer(outSeq);
    int producerSeq = seq.inputSeq(outSeq);
    if (buffer == null || producerSeq < 0) {
      return;
    }
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
        len = RtxPacket.encapsulate(view, out, 0, rtxPayloadType, rtxSsrc, stream.nextRtxSeq());
        if (len < 0) {
          return;
        }
      }
      if (transport.sendRtp(out, 0, len, nowMs)) {
        stream.retransmitted(len, nowMs);
      } else {
        transport.drops().count(DropReason.PROTECT_FAILED);
      }
    }
  }

  /** The next sequence number of this consumer's RTX stream, for a probe padding packet. */
  int nextRtxSequenceNumber() {
    return stream.nextRtxSeq();
  }

  void nackReceived() {
    stream.nackReceived();
  }

  void pliReceived() {
    stream.keyFrameRequestReceived();
  }

  /** A receiver report block from the browser about this consumer's stream (RFC 3550 §6.4.1). */
  void receiverReport(int fractionLost, long lastSr, long delaySinceLastSr, long nowMs) {
    stream.receiverReport(fractionLost, lastSr, delaySinceLastSr, nowMs);
  }

  /**
   * Writes this consumer's sender report at {@code buf[off]} if its stream sent since the last one;
   * answers the length or 0 ({@link RtpStreamSend#writeSenderReport}).
   */
  int writeSenderReport(byte[] buf, int off, long nowMs) {
    if (paused) {
      return 0;
    }
    int len =
        stream.writeSenderReport(
            buf,
            off,
            nowMs,
            senderReportSource(),
            seq.timestampOffset(),
            seq.lastTimestamp(),
            seq.lastSentMs());
    if (len > 0) {
      senderReportsOut++;
    }
    return len;
  }

  long senderReportsOut() {
    return senderReportsOut;
  }

  /** The last measured round trip to the browser in ms, or -1 before the first. */
  public long roundTripTimeMs() {
    return stream.roundTripTimeMs();
  }

  public int score() {
    return stream.score();
  }

  /** What this consumer adds to the producer's RTP timestamps. */
  public long timestampOffset() {
    return seq.timestampOffset();
  }

  public long packetsSent() {
    return stream.packetsSent();
  }

  public long bytesSent() {
    return stream.bytesSent();
  }

  public int clockRate() {
    return clockRate;
  }

  /** The sequence number of the newest packet sent (or the first one's, less one, before). */
  long lastSequenceNumber() {
    return seq.lastSeq();
  }

  /** Bits per second sent over the last rate window, at {@code nowMs}. */
  public long bitrate(long nowMs) {
    return stream.bitrate(nowMs);
  }

  /** Packets sent again in answer to NACKs. */
  public long packetsRetransmitted() {
    return stream.packetsRetransmitted();
  }

  /** NACKs received from the consuming peer. */
  public long nackCount() {
    return stream.nackCount();
  }

  /** PLIs and FIRs received from the consuming peer. */
  public long pliCount() {
    return stream.pliCount();
  }

  /** The loss the consuming peer last reported, as RFC 3550's fraction (0–255). */
  public int fractionLost() {
    return stream.fractionLost();
  }
}
