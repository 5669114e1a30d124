package io.stockpot.peer;

import java.nio.charset.StandardCharsets;

/**
 * Writes the compound RTCP packet a sender emits about once a second (RFC 3550 §6.4.1, §6.5): a
 * sender report without report blocks followed by an SDES packet with the CNAME. Allocation-free.
 */
public final class SenderReports {
  /** Seconds from 1900 (NTP era 0) to 1970 (Unix epoch). */
  private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

  private SenderReports() {}

  /** Bytes {@link #write} produces for a CNAME of {@code cnameLength} bytes. */
  public static int length(int cnameLength) {
    return 28 + sdesLength(cnameLength);
  }

  private static int sdesLength(int cnameLength) {
    // header, SSRC, CNAME item (type, length, text), at least one null octet, padded to 32 bits
    return 8 + ((2 + cnameLength + 1 + 3) & ~3);
  }

  /**
   * Writes SR + SDES(CNAME) for {@code stream} at {@code off}; answers the length.
   *
   * @param cname ASCII/UTF-8 bytes, at most 255
   * @param unixMillis wall clock for the NTP timestamp
   */
  public static int write(
      byte[] buf, int off, MediaStream stream, byte[] cname, long unixMillis, long nowNanos) {
    int ssrc = stream.ssrc();
    buf[off] = (byte) 0x80; // V=2, P=0, RC=0
    buf[off + 1] = (byte) 200;
    buf[off + 2] = 0;
    buf[off + 3] = 6; // 28 bytes = 7 words, minus one
    RtpWriter.writeInt(buf, off + 4, ssrc);
    long seconds = unixMillis / 1000 + NTP_UNIX_OFFSET;
    long fraction = ((unixMillis % 1000) << 32) / 1000;
    RtpWriter.writeInt(buf, off + 8, (int) seconds);
    RtpWriter.writeInt(buf, off + 12, (int) fraction);
    RtpWriter.writeInt(buf, off + 16, (int) stream.timestampAt(nowNanos));
    RtpWriter.writeInt(buf, off + 20, (int) stream.packets());
    RtpWriter.writeInt(buf, off + 24, (int) stream.payloadBytes());
    int p = off + 28;
    int sdes = sdesLength(cname.length);
    buf[p] = (byte) 0x81; // V=2, SC=1
    buf[p + 1] = (byte) 202;
    buf[p + 2] = (byte) ((sdes / 4 - 1) >>> 8);
    buf[p + 3] = (byte) (sdes / 4 - 1);
    RtpWriter.writeInt(buf, p + 4, ssrc);
    buf[p + 8] = 1; // CNAME
    buf[p + 9] = (byte) cname.length;
    System.arraycopy(cname, 0, buf, p + 10, cname.length);
    for (int i = p + 10 + cname.length; i < p + sdes; i++) {
      buf[i] = 0; // end of item list and padding
    }
    return 28 + sdes;
  }

  /** CNAME bytes, checked for the one-byte SDES length field. */
  public static byte[] cname(String cname) {
    byte[] bytes = cname.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < 1 || bytes.length > 255) {
      throw new IllegalArgumentException("CNAME must be 1..255 bytes");
    }
    return bytes;
  }
}
