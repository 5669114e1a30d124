package io.stockpot.media.rtp;

import io.stockpot.media.wire.Bytes;

/**
 * RTP retransmission payload format (RFC 4588 §4): an RTX packet carries the original header (CSRCs
 * and extensions included) with the RTX stream's SSRC, payload type and sequence number, and a
 * payload made of the original sequence number (2 bytes) followed by the original payload. Padding
 * is not carried over.
 *
 * <p>Both directions write into a caller buffer, which may be the packet's own buffer at the same
 * offset (in place; encapsulation then needs 2 spare bytes after the payload) or a buffer region
 * that does not overlap the packet. They answer the written length, or -1 when the input is not a
 * valid packet or the output does not fit.
 */
public final class RtxPacket {
  /** Size of the original sequence number field (OSN). */
  public static final int OSN_LENGTH = 2;

  private RtxPacket() {}

  /** Writes {@code original} as an RTX packet at {@code dst[dstOff]}. */
  public static int encapsulate(
      RtpPacket original, byte[] dst, int dstOff, int rtxPayloadType, long rtxSsrc, int rtxSeq) {
    if (!original.isValid() || dst == null || dstOff < 0) {
      return -1;
    }
    int header = original.headerLength();
    int payload = original.payloadLength();
    int total = header + OSN_LENGTH + payload;
    if (dstOff > dst.length - total) {
      return -1;
    }
    byte[] src = original.buffer();
    int srcOff = original.offset();
    int osn = original.sequenceNumber();
    // Payload first: in place it moves right, away from the header it must not overwrite.
    System.arraycopy(src, srcOff + header, dst, dstOff + header + OSN_LENGTH, payload);
    System.arraycopy(src, srcOff, dst, dstOff, header);
    Bytes.writeShort(dst, dstOff + header, osn);
    rewriteHeader(dst, dstOff, rtxPayloadType, rtxSeq, rtxSsrc);
    return total;
  }

  /**
   * Writes the original packet carried by {@code rtx} at {@code dst[dstOff]}, restoring the
   * original sequence number and the given payload type and SSRC.
   */
  public static int decapsulate(
      RtpPacket rtx, byte[] dst, int dstOff, int originalPayloadType, long originalSsrc) {
    if (!rtx.isValid() || rtx.payloadLength() < OSN_LENGTH || dst == null || dstOff < 0) {
      return -1;
    }
    int header = rtx.headerLength();
    int payload = rtx.payloadLength() - OSN_LENGTH;
    int total = header + payload;
    if (dstOff > dst.length - total) {
      return -1;
    }
    byte[] src = rtx.buffer();
    int srcOff = rtx.offset();
    int osn = Bytes.readShort(src, rtx.payloadOffset());
    System.arraycopy(src, srcOff, dst, dstOff, header);
    System.arraycopy(src, srcOff + header + OSN_LENGTH, dst, dstOff + header, payload);
    rewriteHeader(dst, dstOff, originalPayloadType, osn, originalSsrc);
    return total;
  }

  /** Sets payload type, sequence number and SSRC and clears the padding bit. */
  private static void rewriteHeader(byte[] b, int off, int payloadType, int seq, long ssrc) {
    b[off] &= (byte) ~0x20;
    b[off + 1] = (byte) ((b[off + 1] & 0x80) | (payloadType & 0x7F));
    Bytes.writeShort(b, off + 2, seq);
    Bytes.writeInt(b, off + 8, (int) ssrc);
  }
}
