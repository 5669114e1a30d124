package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/**
 * The 4-byte header every RTCP packet starts with (RFC 3550 §6.4.1):
 *
 * <pre>
 *  V=2 | P | count or FMT (5 bits) | packet type (8 bits) | length in 32-bit words minus one
 * </pre>
 *
 * Static helpers shared by the packet types; none of them throws on malformed input.
 */
public final class RtcpHeader {
  public static final int HEADER_LENGTH = 4;

  public static final int SR = 200;
  public static final int RR = 201;
  public static final int SDES = 202;
  public static final int BYE = 203;
  public static final int APP = 204;

  /** Transport layer feedback (RFC 4585 §6.2): NACK, transport-wide CC. */
  public static final int RTPFB = 205;

  /** Payload-specific feedback (RFC 4585 §6.3): PLI, FIR, REMB. */
  public static final int PSFB = 206;

  public static final int XR = 207;

  private RtcpHeader() {}

  public static int version(byte[] buf, int off) {
    return (buf[off] & 0xFF) >>> 6;
  }

  public static boolean hasPadding(byte[] buf, int off) {
    return (buf[off] & 0x20) != 0;
  }

  /** Reception report count, source count or feedback message type (FMT). */
  public static int count(byte[] buf, int off) {
    return buf[off] & 0x1F;
  }

  public static int packetType(byte[] buf, int off) {
    return buf[off + 1] & 0xFF;
  }

  /** The packet's size in bytes according to its length field. */
  public static int packetLength(byte[] buf, int off) {
    return (Bytes.readShort(buf, off + 2) + 1) * 4;
  }

  /**
   * Checks {@code buf[off, off + len)} starts with one RTCP packet of {@code packetType} (any type
   * when negative) that fits; answers its size without padding, or -1.
   */
  public static int validate(byte[] buf, int off, int len, int packetType) {
    if (buf == null || off < 0 || len < HEADER_LENGTH || off > buf.length - len) {
      return -1;
    }
    if (version(buf, off) != 2 || (packetType >= 0 && packetType(buf, off) != packetType)) {
      return -1;
    }
    int size = packetLength(buf, off);
    if (size > len) {
      return -1;
    }
    if (hasPadding(buf, off)) {
      int padding = buf[off + size - 1] & 0xFF;
      if (padding == 0 || padding > size - HEADER_LENGTH) {
        return -1;
      }
      size -= padding;
    }
    return size;
  }

  /** Writes a header for a packet of {@code packetLength} bytes (a multiple of 4). */
  public static void writeHeader(byte[] dst, int off, int count, int packetType, int packetLength) {
    dst[off] = (byte) (0x80 | (count & 0x1F));
    dst[off + 1] = (byte) packetType;
    Bytes.writeShort(dst, off + 2, packetLength / 4 - 1);
  }

  /** Whether {@code dst} has {@code size} bytes free at {@code off}. */
  static boolean fits(byte[] dst, int off, int size) {
    return dst != null && off >= 0 && size >= 0 && off <= dst.length - size;
  }
}
