package io.stockpot.peer;

import io.stockpot.media.rtcp.ReportBlock;
import io.stockpot.media.rtcp.Sdes;
import io.stockpot.media.rtcp.SenderReport;
import java.nio.charset.StandardCharsets;

/**
 * Writes the compound RTCP packet a sender emits about once a second (RFC 3550 §6.4.1, §6.5): a
 * sender report without report blocks followed by an SDES packet with the CNAME, both built by the
 * server's own RTCP writers ({@link SenderReport#write}, {@link Sdes#writeCname}). Allocation-free.
 */
public final class SenderReports {
  /** Seconds from 1900 (NTP era 0) to 1970 (Unix epoch). */
  private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

  private static final ReportBlock[] NO_BLOCKS = {};

  private SenderReports() {}

  /** Bytes {@link #write} produces for a CNAME of {@code cnameLength} bytes. */
  public static int length(int cnameLength) {
    return SenderReport.MIN_LENGTH + sdesLength(cnameLength);
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
    long ssrc = Integer.toUnsignedLong(stream.ssrc());
    long seconds = unixMillis / 1000 + NTP_UNIX_OFFSET;
    long fraction = ((unixMillis % 1000) << 32) / 1000;
    int sr =
        SenderReport.write(
            buf,
            off,
            ssrc,
            seconds,
            fraction,
            stream.timestampAt(nowNanos),
            stream.packets(),
            stream.payloadBytes(),
            NO_BLOCKS,
            0);
    int sdes = sr < 0 ? -1 : Sdes.writeCname(buf, off + sr, ssrc, cname);
    if (sdes < 0) {
      throw new IllegalArgumentException(
          "SR + SDES of " + length(cname.length) + " bytes do not fit at " + off);
    }
    return sr + sdes;
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
