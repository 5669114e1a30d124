package io.stockpot.media.router;

/**
 * Collects the RTCP one transport sends on a tick into compound packets, like mediasoup's {@code
 * Transport::SendRtcp}: the streams that own the state append their packets (sender and receiver
 * reports first, as RFC 3550 §6.1 wants them, then NACKs and transport-wide feedback); a compound
 * is sent when the next packet would not fit {@link #MAX_COMPOUND} bytes, and at {@link #finish}.
 * One instance per router, reused transport after transport.
 */
final class RtcpCompoundWriter {
  /** A compound stays within this many bytes (before SRTCP's tag and index). */
  static final int MAX_COMPOUND = 1200;

  private final byte[] compound = new byte[MAX_COMPOUND + 64];
  private MediaTransport transport;
  private long nowMs;
  private int pos;
  private long compoundsSent;

  /** Starts collecting for {@code transport}. */
  void begin(MediaTransport transport, long nowMs) {
    this.transport = transport;
    this.nowMs = nowMs;
    this.pos = 0;
  }

  /**
   * Appends {@code len} bytes of whole RTCP packets from {@code src[off]}; a full compound is sent
   * first. Packets longer than {@link #MAX_COMPOUND} are dropped (writers never make them).
   */
  void append(byte[] src, int off, int len) {
    if (len <= 0 || len > MAX_COMPOUND) {
      return;
    }
    if (pos + len > MAX_COMPOUND) {
      send();
    }
    System.arraycopy(src, off, compound, pos, len);
    pos += len;
  }

  /** Sends what is collected. */
  void finish() {
    send();
    transport = null;
  }

  private void send() {
    if (pos > 0 && transport.sendRtcp(compound, 0, pos, nowMs)) {
      compoundsSent++;
    }
    pos = 0;
  }

  long compoundsSent() {
    return compoundsSent;
  }
}
