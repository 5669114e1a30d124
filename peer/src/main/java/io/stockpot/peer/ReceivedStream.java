package io.stockpot.peer;

/**
 * What arrived on one incoming SSRC: packets and bytes that authenticated, and the span of sequence
 * numbers seen, from which losses are estimated. One thread writes; any thread reads.
 */
public final class ReceivedStream {
  private final int ssrc;
  private volatile long packets;
  private volatile long bytes;
  private volatile int payloadType = -1;
  private long firstExtendedSeq = -1;
  private volatile long highestExtendedSeq = -1;

  ReceivedStream(int ssrc) {
    this.ssrc = ssrc;
  }

  /** Counts an authenticated packet of {@code len} bytes (after SRTP) with this sequence number. */
  void count(int sequence, int pt, int len) {
    packets++;
    bytes += len;
    payloadType = pt;
    if (firstExtendedSeq < 0) {
      firstExtendedSeq = sequence;
      highestExtendedSeq = sequence;
      return;
    }
    long highest = highestExtendedSeq;
    // Extend the 16-bit number to the candidate nearest the highest one seen (RFC 3550 A.1).
    long candidate = (highest & ~0xFFFFL) | sequence;
    if (candidate - highest > 0x8000) {
      candidate -= 0x10000;
    } else if (highest - candidate > 0x8000) {
      candidate += 0x10000;
    }
    if (candidate > highest) {
      highestExtendedSeq = candidate;
    }
  }

  public int ssrc() {
    return ssrc;
  }

  public long packets() {
    return packets;
  }

  public long bytes() {
    return bytes;
  }

  public int payloadType() {
    return payloadType;
  }

  /** Sequence numbers from the first to the highest seen, less packets received (≥ 0). */
  public long lost() {
    long highest = highestExtendedSeq;
    if (highest < 0) {
      return 0;
    }
    return Math.max(0, highest - firstExtendedSeq + 1 - packets);
  }
}
