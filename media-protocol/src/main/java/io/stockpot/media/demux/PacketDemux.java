package io.stockpot.media.demux;

/**
 * Tells STUN, DTLS, RTP and RTCP apart on one UDP port by the first byte (RFC 7983 §7), and RTP
 * from RTCP by the second (RFC 5761 §4). Looks at two bytes at most, allocates nothing, never
 * throws.
 *
 * <pre>
 *   first byte   0..3     STUN (the top two bits of a STUN header are zero)
 *               20..63    DTLS (record content types 20..63)
 *              128..191   RTP or RTCP (version 2)
 *   second byte 192..223  RTCP (packet types 192..223; as RTP that would be the marker bit and
 *                         payload types 64..95, which RFC 5761 keeps free for this reason)
 * </pre>
 *
 * Each kind also needs its minimal header, so a datagram too short for it is {@link
 * PacketKind#UNKNOWN} and parsers downstream see only plausible input.
 */
public final class PacketDemux {
  /** STUN header. */
  public static final int MIN_STUN_LENGTH = 20;

  /** DTLS record header: type, version, epoch, sequence number, length. */
  public static final int MIN_DTLS_LENGTH = 13;

  /** Fixed RTP header. */
  public static final int MIN_RTP_LENGTH = 12;

  /** RTCP common header plus the sender's SSRC. */
  public static final int MIN_RTCP_LENGTH = 8;

  private PacketDemux() {}

  public static PacketKind classify(byte[] buf, int off, int len) {
    if (buf == null || off < 0 || len < 1 || off > buf.length - len) {
      return PacketKind.UNKNOWN;
    }
    int first = buf[off] & 0xFF;
    if (first <= 3) {
      return len >= MIN_STUN_LENGTH ? PacketKind.STUN : PacketKind.UNKNOWN;
    }
    if (first >= 20 && first <= 63) {
      return len >= MIN_DTLS_LENGTH ? PacketKind.DTLS : PacketKind.UNKNOWN;
    }
    if (first >= 128 && first <= 191) {
      if (len < 2) {
        return PacketKind.UNKNOWN;
      }
      int second = buf[off + 1] & 0xFF;
      if (second >= 192 && second <= 223) {
        return len >= MIN_RTCP_LENGTH ? PacketKind.RTCP : PacketKind.UNKNOWN;
      }
      return len >= MIN_RTP_LENGTH ? PacketKind.RTP : PacketKind.UNKNOWN;
    }
    return PacketKind.UNKNOWN;
  }
}
