package io.stockpot.media.bwe;

/**
 * What a transport sent, by transport-wide sequence number (unwrapped): send time (µs) and size
 * (bytes) in a fixed ring, so recording a packet allocates nothing. Feedback older than the ring
 * finds nothing. Like libwebrtc's TransportFeedbackAdapter history and mediasoup's
 * TransportCongestionControlClient packet map.
 */
final class SendHistory {
  /** Packets remembered: at 10 000 packets/s (about 100 Mbit/s) that is 1.6 s of sending. */
  static final int CAPACITY = 1 << 14;

  private static final int MASK = CAPACITY - 1;

  private final long[] seqs = new long[CAPACITY];
  private final long[] sendUs = new long[CAPACITY];
  private final int[] sizes = new int[CAPACITY];
  private final byte[] reported = new byte[CAPACITY];
  private final byte[] clusters = new byte[CAPACITY];
  private long next;

  SendHistory() {
    java.util.Arrays.fill(seqs, -1);
  }

  /** The next unwrapped sequence number {@link #add} will use. */
  long nextSequence() {
    return next;
  }

  /**
   * Records a packet of {@code size} bytes sent at {@code nowUs}, part of probe cluster {@code
   * cluster} (0: none); answers its unwrapped number.
   */
  long add(long nowUs, int size, int cluster) {
    long seq = next++;
    int i = (int) (seq & MASK);
    clusters[i] = (byte) cluster;
    seqs[i] = seq;
    sendUs[i] = nowUs;
    sizes[i] = size;
    reported[i] = 0;
    return seq;
  }

  /**
   * The unwrapped number of the 16-bit {@code seq16} nearest below the newest sent, or -1 if it is
   * not (or no longer) in the history.
   */
  long find(int seq16) {
    if (next == 0) {
      return -1;
    }
    long newest = next - 1;
    long seq = newest - ((newest - seq16) & 0xFFFF);
    if (seq < 0 || seqs[(int) (seq & MASK)] != seq) {
      return -1;
    }
    return seq;
  }

  long sendTimeUs(long seq) {
    return sendUs[(int) (seq & MASK)];
  }

  /** The probe cluster {@code seq} was sent in, or 0. */
  int cluster(long seq) {
    return clusters[(int) (seq & MASK)];
  }

  int size(long seq) {
    return sizes[(int) (seq & MASK)];
  }

  /**
   * Marks {@code seq} as reported received; false if feedback already reported it received (a
   * second report must not count its bytes twice).
   */
  boolean markReceived(long seq) {
    int i = (int) (seq & MASK);
    if (reported[i] == 1) {
      return false;
    }
    reported[i] = 1;
    return true;
  }
}
