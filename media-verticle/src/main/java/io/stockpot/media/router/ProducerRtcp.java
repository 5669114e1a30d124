package io.stockpot.media.router;

import io.stockpot.media.rtcp.Nack;
import io.stockpot.media.rtcp.Pli;
import io.stockpot.media.rtcp.ReceiverReport;
import io.stockpot.media.rtcp.ReportBlock;

/**
 * What the router tells a producer's sender over RTCP, written from the state of the producer's
 * streams: NACKs (RFC 4585 §6.2.1; a new gap at once, retries on the router's tick), PLIs (RFC 4585
 * §6.3.1, limited by {@link KeyFrameRequests}) and receiver reports (RFC 3550 §6.4.2). Counts what
 * it sent. Allocates only at construction (report blocks once, on first use).
 */
final class ProducerRtcp {
  private final MediaTransport transport;
  private final RtpStreamRecv[] streams;
  private final boolean video;
  private final KeyFrameRequests keyFrameRequests = new KeyFrameRequests();

  /** Per encoding: a simulcast consumer asks one stream for a key frame, limited per stream. */
  private final KeyFrameRequests[] streamKeyFrameRequests;

  private final byte[] pliBuf = new byte[1500 + 64];
  private final byte[] nackBuf = new byte[1500 + 64];
  private final int[] lost = new int[64];
  private final ReportBlock[] blocks = new ReportBlock[31];
  private long senderSsrc = 1;
  private long nacksOut;
  private long keyFrameRequestsOut;
  private long receiverReportsOut;

  /**
   * @param streams the producer's streams, by encoding (entries may be filled in later)
   * @param video whether key frames exist to ask for
   */
  ProducerRtcp(MediaTransport transport, RtpStreamRecv[] streams, boolean video) {
    this.transport = transport;
    this.streams = streams;
    this.video = video;
    streamKeyFrameRequests = new KeyFrameRequests[streams.length];
    for (int i = 0; i < streams.length; i++) {
      streamKeyFrameRequests[i] = new KeyFrameRequests();
    }
  }

  /**
   * Asks the sender for a key frame of encoding {@code encoding} only (one PLI for its SSRC, RFC
   * 4585 §6.3.1): what a simulcast consumer switching to that stream needs, as mediasoup's
   * SimulcastConsumer asks its target stream. Limited per stream by {@link KeyFrameRequests}.
   */
  void requestKeyFrame(int encoding, KeyFrameRequests.Source source, long nowMs) {
    if (!video || encoding < 0 || encoding >= streams.length) {
      return;
    }
    RtpStreamRecv stream = streams[encoding];
    if (stream == null || !streamKeyFrameRequests[encoding].allow(source, nowMs)) {
      return;
    }
    int len = Pli.write(pliBuf, 0, senderSsrc, stream.ssrc());
    if (len > 0) {
      stream.pliSent();
      if (transport.sendRtcp(pliBuf, 0, len, nowMs)) {
        keyFrameRequestsOut++;
      }
    }
  }

  /** The SSRC our RTCP is sent from (the router's). */
  void senderSsrc(long ssrc) {
    this.senderSsrc = ssrc;
  }

  /**
   * Asks the sender for a key frame (a PLI per stream, RFC 4585 §6.3.1, in one compound) unless
   * {@link KeyFrameRequests} merges it with a recent one. Audio has no key frames: nothing is sent.
   */
  public void requestKeyFrame(KeyFrameRequests.Source source, long nowMs) {
    if (!video || !keyFrameRequests.allow(source, nowMs)) {
      return;
    }
    int len = 0;
    for (RtpStreamRecv stream : streams) {
      if (stream != null) {
        int n = Pli.write(pliBuf, len, senderSsrc, stream.ssrc());
        if (n > 0) {
          stream.pliSent();
          len += n;
        }
      }
    }
    if (len > 0 && transport.sendRtcp(pliBuf, 0, len, nowMs)) {
      keyFrameRequestsOut++;
    }
  }

  /** NACKs for a new gap, sent at once. */
  void sendNacks(long nowMs) {
    int len = writeNacks(nackBuf, 0, nowMs);
    if (len > 0) {
      transport.sendRtcp(nackBuf, 0, len, nowMs);
    }
  }

  /**
   * Writes at {@code buf[off]} the NACKs due now (first asks and retries, {@link NackGenerator}),
   * one per stream; answers the bytes written. A packet asked for in vain costs a key frame.
   */
  int writeNacks(byte[] buf, int off, long nowMs) {
    int pos = off;
    for (RtpStreamRecv s : streams) {
      NackGenerator nacks = s == null ? null : s.nacks();
      if (nacks == null || nacks.pending() == 0) {
        continue;
      }
      long givenUp = nacks.givenUp();
      int n = nacks.due(nowMs, lost);
      if (nacks.givenUp() > givenUp) {
        requestKeyFrame(KeyFrameRequests.Source.NACK_GIVEN_UP, nowMs);
      }
      if (n == 0) {
        continue;
      }
      int len = Nack.write(buf, pos, senderSsrc, s.ssrc(), lost, n);
      if (len > 0) {
        pos += len;
        nacksOut++;
        s.nackSent();
      }
    }
    return pos - off;
  }

  /**
   * Writes a receiver report at {@code buf[off]} with a block per stream that received anything
   * (RFC 3550 §6.4.2), closing each stream's interval; answers its length or 0.
   */
  int writeReceiverReport(byte[] buf, int off, long nowMs) {
    int n = 0;
    for (RtpStreamRecv s : streams) {
      if (s == null || s.packetCount() == 0 || n == blocks.length) {
        continue;
      }
      if (blocks[n] == null) {
        blocks[n] = new ReportBlock();
      }
      int fraction = s.closeInterval();
      blocks[n++].set(
          s.ssrc(),
          fraction,
          (int) Math.min(s.packetsLost(), 0x7F_FFFF),
          s.extendedHighestSeq(),
          s.jitter(),
          s.lastSrNtpMiddle(),
          s.delaySinceLastSr(nowMs));
    }
    if (n == 0) {
      return 0;
    }
    int len = ReceiverReport.write(buf, off, senderSsrc, blocks, n);
    if (len <= 0) {
      return 0;
    }
    receiverReportsOut++;
    return len;
  }

  long nacksOut() {
    return nacksOut;
  }

  long keyFrameRequestsOut() {
    return keyFrameRequestsOut;
  }

  long receiverReportsOut() {
    return receiverReportsOut;
  }
}
