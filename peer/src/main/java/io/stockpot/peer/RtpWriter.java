package io.stockpot.peer;

import io.stockpot.media.rtp.RtpExtensions;
import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.wire.Bytes;

/**
 * Writes RTP fixed headers (RFC 3550 §5.1, through the server's own {@link RtpPacket#writeHeader})
 * and one-byte header extensions (RFC 8285 §4.2) into a caller's buffer. Static and
 * allocation-free: the senders call it for every packet.
 */
public final class RtpWriter {
  /** Fixed RTP header without CSRCs. */
  public static final int HEADER_LENGTH = RtpPacket.FIXED_HEADER_LENGTH;

  /** "defined by profile" value of the one-byte extension form. */
  public static final int ONE_BYTE_PROFILE = RtpPacket.ONE_BYTE_PROFILE;

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
    return RtpPacket.writeHeader(
        buf, off, marker, payloadType, sequence, timestamp, Integer.toUnsignedLong(ssrc));
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
    // The field wraps every 64 s; wrapping first keeps the fixed-point shift from overflowing.
    return RtpExtensions.absSendTimeFromMicros(Math.floorMod(nanos / 1000, 64_000_000L));
  }

  static void writeInt(byte[] buf, int off, int v) {
    Bytes.writeInt(buf, off, v);
  }

  static int readInt(byte[] buf, int off) {
    return (int) Bytes.readUint32(buf, off);
  }
}
