package io.stockpot.media.router;

import io.stockpot.media.ortc.HeaderExtensions;
import io.stockpot.media.ortc.RtpCodecParameters;
import io.stockpot.media.ortc.RtpEncodingParameters;
import io.stockpot.media.ortc.RtpMapping;
import io.stockpot.media.ortc.RtpParameters;
import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.rtp.RtxPacket;

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
  private final RtpParameters rtpParameters;
  private final RtpParameters consumableRtpParameters;
  private final java.util.Map<String, Object> appData;
  private final long[] ssrcs;
  private final long[] rtxSsrcs;
  private final String[] rids;
  private final RtpStreamRecv[] streams;
  private final int clockRate;
  private final String mimeType;
  private final byte[] payloadTypeMap = new byte[128];
  private final int[] rtxApt = new int[128];
  private final RetransmissionBuffer[] buffers;
  private final int midExtensionId;
  private final int ridExtensionId;
  private final int transportCcExtensionId;
  private final String mid;
  private final java.util.List<Consumer> consumers = new java.util.ArrayList<>();
  private boolean nack;
  private Object lastScoreSent;
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
      RtpParameters rtpParameters,
      RtpParameters consumableRtpParameters,
      RtpMapping mapping,
      java.util.Map<String, Object> appData,
      boolean paused) {
    this.id = id;
    this.peerId = peerId;
    this.kind = kind;
    this.transport = transport;
    this.rtpParameters = rtpParameters;
    this.consumableRtpParameters = consumableRtpParameters;
    this.appData = appData;
    this.paused = paused;
    java.util.List<RtpEncodingParameters> encodings = rtpParameters.encodings();
    int n = encodings.size();
    ssrcs = new long[n];
    rtxSsrcs = new long[n];
    rids = new String[n];
    streams = new RtpStreamRecv[n];
    RtpCodecParameters mediaCodec = rtpParameters.firstMediaCodec();
    clockRate = mediaCodec.clockRate();
    mimeType = mediaCodec.mimeType();
    for (int i = 0; i < n; i++) {
      RtpEncodingParameters e = encodings.get(i);
      // 0: signalled by RID (or MID alone), learnt from the first packet.
      ssrcs[i] = e.ssrc() == null ? 0 : e.ssrc();
      rtxSsrcs[i] = e.rtxSsrc() == null ? 0 : e.rtxSsrc();
      rids[i] = e.rid();
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
    for (RtpCodecParameters c : rtpParameters.codecs()) {
      if (c.isRtx() && c.apt() >= 0) {
        rtxApt[c.payloadType() & 0x7F] = c.apt();
      }
    }
    for (RtpMapping.Codec m : mapping.codecs()) {
      payloadTypeMap[m.payloadType() & 0x7F] = (byte) m.mappedPayloadType();
    }
    mid = rtpParameters.mid();
    nack = kind.equals("video") && mediaCodec.hasNack();
    for (RtpStreamRecv s : streams) {
      if (s != null && nack) {
        s.enableNack();
      }
    }
    midExtensionId = rtpParameters.extensionId(HeaderExtensions.MID);
    ridExtensionId = rtpParameters.extensionId(HeaderExtensions.RTP_STREAM_ID);
    transportCcExtensionId = rtpParameters.extensionId(HeaderExtensions.TRANSPORT_WIDE_CC);
    rtcp = new ProducerRtcp(transport, streams, kind.equals("video"));
  }

  private RtpStreamRecv newStream(long ssrc) {
    RtpStreamRecv s = new RtpStreamRecv(ssrc, clockRate);
    if (nack) {
      s.enableNack();
    }
    return s;
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

  /** The parameters the producing peer signalled, as checked. */
  public RtpParameters rtpParameters() {
    return rtpParameters;
  }

  /** Its media in router terms: what every consumer's parameters are chosen from. */
  public RtpParameters consumableRtpParameters() {
    return consumableRtpParameters;
  }

  /** The client's appData, opaque here: handed to consumers as it came. */
  public java.util.Map<String, Object> appData() {
    return appData;
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

  /**
   * Asks the sender for a key frame of encoding {@code encoding} only (one PLI), rate-limited per
   * stream ({@link ProducerRtcp#requestKeyFrame(int, KeyFrameRequests.Source, long)}).
   */
  void requestKeyFrame(int encoding, KeyFrameRequests.Source source, long nowMs) {
    rtcp.requestKeyFrame(encoding, source, nowMs);
  }

  /** How many encodings (simulcast streams) the producer signalled. */
  public int encodingCount() {
    return ssrcs.length;
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

  /** The RID of encoding {@code i}, or null when it was signalled by SSRC. */
  public String rid(int i) {
    return rids[i];
  }

  /** The RTX SSRC of encoding {@code i}, or 0 without RTX (or before it was learnt). */
  public long rtxSsrc(int i) {
    return rtxSsrcs[i];
  }

  /** Packets received and not forwarded: duplicates, failed RTX, or while paused. */
  public long packetsDiscarded() {
    return packetsDiscarded;
  }

  /** The MIME type of the media codec (the first that is not RTX), e.g. {@code video/VP8}. */
  public String mimeType() {
    return mimeType;
  }
}
