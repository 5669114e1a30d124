package io.stockpot.media.router;

import io.stockpot.media.bwe.OutgoingBitrateLimits;
import io.stockpot.media.bwe.TransportCongestionControlClient;
import io.stockpot.media.ortc.HeaderExtensions;
import io.stockpot.media.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link MediaTransport} that keeps what it is asked to send, in plaintext, instead of protecting
 * and queueing it. Connected unless told otherwise.
 */
final class FakeTransport implements MediaTransport {
  final List<byte[]> rtp = new ArrayList<>();
  final List<byte[]> rtcp = new ArrayList<>();
  final DropCounters drops = new DropCounters();
  boolean connected = true;

  /** When false, sends are only counted (no copies kept): for allocation measurements. */
  boolean keep = true;

  long rtpSent;
  long rtcpSent;

  /** Numbers outgoing packets and takes feedback as {@code WebRtcTransport} does. */
  final TransportCongestionControlClient cc =
      new TransportCongestionControlClient(OutgoingBitrateLimits.DEFAULTS);

  FakeTransport() {
    cc.extensionId(HeaderExtensions.TRANSPORT_WIDE_CC_ID);
  }

  @Override
  public boolean sendRtp(byte[] buf, int off, int len, long nowMs) {
    if (!connected) {
      return false;
    }
    rtpSent++;
    cc.onRtpSend(buf, off, len, nowMs * 1000);
    if (keep) {
      rtp.add(Arrays.copyOfRange(buf, off, off + len));
    }
    return true;
  }

  @Override
  public boolean sendRtcp(byte[] buf, int off, int len, long nowMs) {
    if (!connected) {
      return false;
    }
    rtcpSent++;
    if (keep) {
      rtcp.add(Arrays.copyOfRange(buf, off, off + len));
    }
    return true;
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public TransportCongestionControlClient congestionControl() {
    return cc;
  }

  @Override
  public DropCounters drops() {
    return drops;
  }

  /** The RTP packet sent {@code i}-th, parsed. */
  RtpPacket rtpPacket(int i) {
    RtpPacket p = new RtpPacket();
    byte[] b = rtp.get(i);
    if (!p.read(b, 0, b.length)) {
      throw new AssertionError("sent an invalid RTP packet");
    }
    return p;
  }

  /** The sequence numbers of every RTP packet sent, in order. */
  List<Integer> sequenceNumbers() {
    List<Integer> seqs = new ArrayList<>();
    for (int i = 0; i < rtp.size(); i++) {
      seqs.add(rtpPacket(i).sequenceNumber());
    }
    return seqs;
  }
}
