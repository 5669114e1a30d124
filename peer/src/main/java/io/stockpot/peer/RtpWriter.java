package io.stockpot.peer;

/**
 * Writes RTP fixed headers (RFC 3550 §5.1) and one-byte header extensions (RFC 8285 §4.2) into a
 * caller's buffer. Static and allocation-free: the senders call it for every packet.
 */
public final class RtpWriter {
  /** Fixed RTP header without CSRCs. */
  public static final int HEADER_LENGTH = 12;

  /** "defined by profile" value of the one-byte extension form. */
  public static final int ONE_BYTE_PROFILE = 0xBEDE;

  private RtpWriter() {}

  /** Writes the 12-byte fixed header at {@code off} (no CSRCs, no padding, X clear). */
  public static int writeHeader(
      byte[] buf,
      int off,
      boolean marker,
      int payloadType,
      int sequence,
      long timestamp,
      int ssrc) {
    buf[off] = (byte) 0x80;
    buf[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
    buf[off + 2] = (byte) (sequence >>> 8);
    buf[off + 3] = (byte) sequence;
    writeInt(buf, off + 4, (int) timestamp);
    writeInt(buf, off + 8, ssrc);
    return HEADER_LENGTH;
  }

  /**
   * Starts a one-byte-form extension block at {@code pos} (right after the fixed header) and
   * answers where the first element goes. Finish it with {@link #endExtensions}.
   */
  public static int beginExtensions(byte[] buf, int pos) {
    buf[pos] = (byte) (ONE_BYTE_PROFILE >>> 8);
    buf[pos + 1] = (byte) ONE_BYTE_PROFILE;
    return pos + 4;
  }

  /** One element with {@code len} (1..16) bytes of {@code value}, big-endian; answers the end. */
  public static int addExtension(byte[] buf, int pos, int id, long value, int len) {
    if (id < 1 || id > 14 || len < 1 || len > 8) {
      throw new IllegalArgumentException("one-byte extension id " + id + " length " + len);
    }
    buf[pos] = (byte) ((id << 4) | (len - 1));
    for (int i = len; i >= 1; i--) {
      buf[pos + i] = (byte) value;
      value >>>= 8;
    }
    return pos + 1 + len;
  }

  /** One element carrying {@code value[0, len)} (1..16 bytes); answers the end. */
  public static int addExtension(byte[] buf, int pos, int id, byte[] value) {
    int len = value.length;
    if (id < 1 || id > 14 || len < 1 || len > 16) {
      throw new IllegalArgumentException("one-byte extension id " + id + " length " + len);
    }
    buf[pos] = (byte) ((id << 4) | (len - 1));
    System.arraycopy(value, 0, buf, pos + 1, len);
    return pos + 1 + len;
  }

  /**
   * Pads the block begun at {@code blockStart} to a 32-bit boundary with zero bytes, writes its
   * length in words, sets the header's X bit, and answers where the payload starts.
   */
  public static int endExtensions(byte[] buf, int headerOff, int blockStart, int pos) {
    while (((pos - blockStart) & 3) != 0) {
      buf[pos++] = 0;
    }
    int words = (pos - blockStart - 4) / 4;
    buf[blockStart + 2] = (byte) (words >>> 8);
    buf[blockStart + 3] = (byte) words;
    buf[headerOff] |= 0x10;
    return pos;
  }

  /**
   * abs-send-time: seconds in 6.18 fixed point, 24 bits, from a monotonic clock (the receiver only
   * looks at differences).
   */
  public static int absSendTime(long nanos) {
    long micros = Math.floorMod(nanos / 1000, 64_000_000L); // the field wraps every 64 s
    return (int) ((micros << 18) / 1_000_000) & 0xFFFFFF;
  }

  static void writeInt(byte[] buf, int off, int v) {
    buf[off] = (byte) (v >>> 24);
    buf[off + 1] = (byte) (v >>> 16);
    buf[off + 2] = (byte) (v >>> 8);
    buf[off + 3] = (byte) v;
  }

  static int readInt(byte[] buf, int off) {
    return ((buf[off] & 0xFF) << 24)
        | ((buf[off + 1] & 0xFF) << 16)
        | ((buf[off + 2] & 0xFF) << 8)
        | (buf[off + 3] & 0xFF);
  }
}
