package io.stockpot.media.router;

import io.stockpot.media.rtcp.TransportCcBuilder;

/**
 * Transport-wide congestion control feedback for one transport, like mediasoup's
 * TransportCongestionControlServer: the arrival time (µs) of every packet that carries the
 * transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2), taken
 * once where the datagram arrived, and the feedback packets built from them (§3.1). Everything here
 * — the sequence window, the feedback packet count — belongs to this transport alone.
 */
final class TransportCcFeedback {
  /** Feedback packets stay within this many bytes, so they fit any path's MTU with SRTCP. */
  static final int MAX_PACKET = 1200;

  private final MediaTransport transport;
  private final TransportCcBuilder builder = new TransportCcBuilder(MAX_PACKET);
  private final byte[] buf = new byte[MAX_PACKET + 64];
  private final long senderSsrc;
  private boolean ssrcSet;
  private long packetsBuilt;

  /**
   * @param transport where feedback goes when the window overflows between ticks
   * @param senderSsrc the SSRC our RTCP is sent from
   */
  TransportCcFeedback(MediaTransport transport, long senderSsrc) {
    this.transport = transport;
    this.senderSsrc = senderSsrc;
  }

  /**
   * Records that transport-wide sequence number {@code seq} of a packet of {@code mediaSsrc}
   * arrived at {@code nowUs}. A packet beyond the builder's window sends what is pending at once
   * (several packets if need be) and starts a new window with it.
   */
  void arrived(int seq, long mediaSsrc, long nowUs) {
    if (!ssrcSet) {
      builder.setSsrcs(senderSsrc, mediaSsrc);
      ssrcSet = true;
    }
    if (!builder.add(seq, nowUs)) {
      long nowMs = nowUs / 1000;
      int len;
      while ((len = write(buf, 0)) > 0) {
        transport.sendRtcp(buf, 0, len, nowMs);
      }
      builder.add(seq, nowUs);
    }
  }

  boolean hasPending() {
    return builder.hasPending();
  }

  /**
   * Writes one feedback packet at {@code dst[off]} (at most {@link #MAX_PACKET} bytes); answers its
   * length, or 0 when nothing is pending. What cannot be expressed is dropped, not retried forever.
   */
  int write(byte[] dst, int off) {
    if (!builder.hasPending()) {
      return 0;
    }
    int len = builder.write(dst, off);
    if (len <= 0) {
      builder.reset();
      return 0;
    }
    packetsBuilt++;
    return len;
  }

  /** Feedback packets built so far (the fb pkt count, unwrapped). */
  long packetsBuilt() {
    return packetsBuilt;
  }
}
