package io.stockpot.peer;

/**
 * A send time in the last 12 bytes of a test video packet's payload ("STKP" + System.nanoTime()),
 * so that receivers in the same JVM can measure the latency the SFU adds. The SFU forwards payloads
 * untouched, so the stamp survives.
 */
public final class SendStamp {
  public static final int LENGTH = 12;
  private static final int MAGIC = 0x53544B50;

  private SendStamp() {}

  /** Writes the stamp into {@code buf[end - 12, end)}. */
  static void write(byte[] buf, int end, long nanos) {
    RtpWriter.writeInt(buf, end - LENGTH, MAGIC);
    for (int i = 0; i < 8; i++) {
      buf[end - 8 + i] = (byte) (nanos >>> (56 - 8 * i));
    }
  }

  /** The stamp at the end of {@code buf[off, off+len)}, or -1 if there is none. */
  static long read(byte[] buf, int off, int len) {
    if (len < LENGTH + 12 || RtpWriter.readInt(buf, off + len - LENGTH) != MAGIC) {
      return -1;
    }
    long nanos = 0;
    for (int i = 0; i < 8; i++) {
      nanos = (nanos << 8) | (buf[off + len - 8 + i] & 0xFF);
    }
    return nanos;
  }
}
