package io.stockpot.media.router;

/**
 * The last packets of a video stream, by sequence number, kept so that NACKs from any of its
 * consumers can be answered. One per producer stream, shared by all consumers; the slots are
 * allocated once and reused.
 */
public final class RetransmissionBuffer {
  public static final int SLOTS = 512;
  private static final int MAX_PACKET = 1500;

  /** Older packets are not worth resending: the receiver has moved on. */
  private static final long MAX_AGE_MS = 2_000;

  private final byte[][] data = new byte[SLOTS][];
  private final int[] lengths = new int[SLOTS];
  private final int[] seqs = new int[SLOTS];
  private final long[] storedAt = new long[SLOTS];

  public RetransmissionBuffer() {
    java.util.Arrays.fill(seqs, -1);
  }

  public void store(int seq, byte[] buf, int off, int len, long nowMs) {
    if (len > MAX_PACKET) {
      return;
    }
    int slot = seq & (SLOTS - 1);
    if (data[slot] == null) {
      data[slot] = new byte[MAX_PACKET];
    }
    System.arraycopy(buf, off, data[slot], 0, len);
    lengths[slot] = len;
    seqs[slot] = seq;
    storedAt[slot] = nowMs;
  }

  /** The slot holding {@code seq}, or -1 if it is gone or too old. */
  public int find(int seq, long nowMs) {
    int slot = seq & (SLOTS - 1);
    return seqs[slot] == seq && nowMs - storedAt[slot] <= MAX_AGE_MS ? slot : -1;
  }

  public byte[] data(int slot) {
    return data[slot];
  }

  public int length(int slot) {
    return lengths[slot];
  }
}
