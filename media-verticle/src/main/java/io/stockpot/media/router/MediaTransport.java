package io.stockpot.media.router;

import io.stockpot.media.bwe.TransportCongestionControlClient;

/**
 * What the router's producers, consumers and RTCP code need of a transport, and nothing more: send
 * an RTP or RTCP packet, and whether it can send at all. {@code WebRtcTransport} implements it
 * (SRTP protect, then the UDP endpoint); unit tests use a fake that records what was sent.
 *
 * <p>Buffers passed to the send methods must have room for the SRTP tag after {@code len} (up to 64
 * bytes): the packet is protected in place.
 */
public interface MediaTransport {
  /**
   * Queues one RTP packet (plaintext, {@code len} bytes at {@code buf[off]}) to the remote end;
   * false if it could not be sent (not connected, or protection failed).
   */
  boolean sendRtp(byte[] buf, int off, int len, long nowMs);

  /** Sends one RTCP compound packet at once; false if it could not be sent. */
  boolean sendRtcp(byte[] buf, int off, int len, long nowMs);

  /** Whether SRTP keys exist and a tuple is selected: packets sent now can leave. */
  boolean isConnected();

  /** Where this transport counts the packets it drops, by {@link DropReason}. */
  DropCounters drops();

  /**
   * This transport's send-side estimation, which numbers its outgoing packets and takes the
   * browser's transport-cc feedback and REMB; null where there is none.
   */
  default TransportCongestionControlClient congestionControl() {
    return null;
  }
}
