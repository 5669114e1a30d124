package io.stockpot.media.router;

import io.stockpot.media.bwe.TransportCongestionControlClient;
import io.stockpot.media.ortc.RtpCodecParameters;
import io.stockpot.media.ortc.RtpHeaderExtensionParameters;
import io.stockpot.media.rtp.RtpPacket;
import java.util.List;

/**
 * Probe clusters toward a transport: padding-only packets on the RTX stream of one of its video
 * consumers (RFC 4588 §4: the browser knows that SSRC and drops an RTX packet without payload; RFC
 * 3550 §5.1: the P bit and a last octet counting the padding), each carrying the transport-wide
 * sequence number element so the browser's feedback reports it. The transport numbers them like any
 * other packet; its {@link TransportCongestionControlClient} says when a cluster is due and how
 * many packets it takes, and measures what comes back.
 */
final class ProbePadding {
  /** Padding octets per packet: the most RFC 3550's one-octet count can say. */
  static final int PADDING = 255;

  /** Header, one-word extension block with the transport-wide element, padding. */
  static final int LENGTH = RtpPacket.FIXED_HEADER_LENGTH + 8 + PADDING;

  private ProbePadding() {}

  /** Sends a probe cluster on {@code transport} if one is due at {@code nowMs}. */
  static void probe(List<Consumer> consumers, MediaTransport transport, byte[] out, long nowMs) {
    TransportCongestionControlClient cc = transport.congestionControl();
    if (cc == null || cc.extensionId() == 0 || !transport.isConnected()) {
      return;
    }
    Consumer carrier = null;
    int rtxPayloadType = -1;
    for (int i = 0, n = consumers.size(); i < n && carrier == null; i++) {
      Consumer c = consumers.get(i);
      rtxPayloadType = rtxPayloadType(c);
      if (rtxPayloadType >= 0
          && !c.paused()
          && !c.closed()
          && !c.producer().paused()
          && carriesExtension(c, cc.extensionId())) {
        carrier = c;
      }
    }
    if (carrier == null) {
      return; // no RTX stream the browser would both accept and report on
    }
    int packets = cc.startProbe(nowMs * 1000, LENGTH);
    for (int i = 0; i < packets; i++) {
      int len =
          write(
              out,
              rtxPayloadType,
              carrier.nextRtxSequenceNumber(),
              carrier.rtxSsrc(),
              cc.extensionId());
      if (!transport.sendRtp(out, 0, len, nowMs)) {
        break;
      }
    }
    cc.endProbe();
  }

  private static int rtxPayloadType(Consumer c) {
    if (c.rtxSsrc() == 0 || !"video".equals(c.kind())) {
      return -1;
    }
    for (RtpCodecParameters codec : c.rtpParameters().codecs()) {
      if (codec.isRtx()) {
        return codec.payloadType();
      }
    }
    return -1;
  }

  /** A browser reports only packets whose element it negotiated on that consumer. */
  private static boolean carriesExtension(Consumer c, int id) {
    for (RtpHeaderExtensionParameters e : c.rtpParameters().headerExtensions()) {
      if (e.id() == id) {
        return true;
      }
    }
    return false;
  }

  /** Writes one padding-only packet at {@code out[0]}; answers {@link #LENGTH}. */
  static int write(byte[] out, int payloadType, int seq, long ssrc, int extensionId) {
    RtpPacket.writeHeader(out, 0, false, payloadType, seq, 0, ssrc);
    out[0] |= 0x30; // P and X
    int at = RtpPacket.FIXED_HEADER_LENGTH;
    out[at] = (byte) 0xBE;
    out[at + 1] = (byte) 0xDE;
    out[at + 2] = 0;
    out[at + 3] = 1; // one word of elements
    out[at + 4] = (byte) (extensionId << 4 | 1); // two bytes: the transport has yet to number it
    out[at + 5] = 0;
    out[at + 6] = 0;
    out[at + 7] = 0;
    java.util.Arrays.fill(out, at + 8, LENGTH - 1, (byte) 0);
    out[LENGTH - 1] = (byte) PADDING;
    return LENGTH;
  }
}
