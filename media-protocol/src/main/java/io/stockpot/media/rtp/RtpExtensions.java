package io.stockpot.media.rtp;

import io.stockpot.media.wire.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * Reads and rewrites the values of the header extensions an SFU looks at, by the id negotiated for
 * each. The readers answer -1 (or null) when the element is absent or has the wrong size.
 */
public final class RtpExtensions {
  private RtpExtensions() {}

  /** MID (RFC 8843 §15), read once per stream to bind it to a producer (allocates). */
  public static String mid(RtpPacket packet, int id) {
    return string(packet, id);
  }

  /** RID or repaired RID (RFC 8852), read once per stream (allocates). */
  public static String rid(RtpPacket packet, int id) {
    return string(packet, id);
  }

  private static String string(RtpPacket packet, int id) {
    int at = packet.findExtension(id);
    if (at < 0) {
      return null;
    }
    int len = packet.extensionLength(id);
    // Some senders pad the value with NUL bytes; they are not part of the identifier.
    while (len > 0 && packet.buffer()[at + len - 1] == 0) {
      len--;
    }
    return len == 0 ? null : new String(packet.buffer(), at, len, StandardCharsets.US_ASCII);
  }

  /** Transport-wide sequence number (16 bits), or -1. */
  public static int transportSequenceNumber(RtpPacket packet, int id) {
    int at = packet.findExtension(id);
    return at < 0 || packet.extensionLength(id) != 2 ? -1 : Bytes.readShort(packet.buffer(), at);
  }

  /** Overwrites the transport-wide sequence number in place; false when absent. */
  public static boolean setTransportSequenceNumber(RtpPacket packet, int id, int seq) {
    int at = packet.findExtension(id);
    if (at < 0 || packet.extensionLength(id) != 2) {
      return false;
    }
    Bytes.writeShort(packet.buffer(), at, seq);
    return true;
  }

  /** abs-send-time: 24 bits, 6.18 fixed-point seconds; or -1. */
  public static int absSendTime(RtpPacket packet, int id) {
    int at = packet.findExtension(id);
    if (at < 0 || packet.extensionLength(id) != 3) {
      return -1;
    }
    byte[] b = packet.buffer();
    return ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
  }

  /** Overwrites abs-send-time (low 24 bits of {@code value}) in place; false when absent. */
  public static boolean setAbsSendTime(RtpPacket packet, int id, int value) {
    int at = packet.findExtension(id);
    if (at < 0 || packet.extensionLength(id) != 3) {
      return false;
    }
    byte[] b = packet.buffer();
    b[at] = (byte) (value >>> 16);
    b[at + 1] = (byte) (value >>> 8);
    b[at + 2] = (byte) value;
    return true;
  }

  /** abs-send-time for a time in microseconds: seconds in 6.18 fixed point, wrapping at 64 s. */
  public static int absSendTimeFromMicros(long micros) {
    return (int) (((micros << 18) + 500_000) / 1_000_000) & 0xFFFFFF;
  }

  /**
   * Audio level (RFC 6464): the level in -dBov, 0 (loudest) to 127, or -1. The voice activity bit
   * is read with {@link #voiceActivity}.
   */
  public static int audioLevel(RtpPacket packet, int id) {
    int at = packet.findExtension(id);
    return at < 0 || packet.extensionLength(id) < 1 ? -1 : packet.buffer()[at] & 0x7F;
  }

  /** The V bit of the audio level extension; false when absent. */
  public static boolean voiceActivity(RtpPacket packet, int id) {
    int at = packet.findExtension(id);
    return at >= 0 && packet.extensionLength(id) >= 1 && (packet.buffer()[at] & 0x80) != 0;
  }
}
