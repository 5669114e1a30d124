package io.stockpot.media.codecs;

/** VP8 RTP payloads (RFC 7741): is this packet the start of a key frame? */
public final class Vp8 {
  private Vp8() {}

  public static boolean isKeyFrame(byte[] buf, int off, int len) {
    if (len < 1) {
      return false;
    }
    int b0 = buf[off] & 0xFF;
    boolean extended = (b0 & 0x80) != 0;
    boolean startOfPartition = (b0 & 0x10) != 0;
    int partitionId = b0 & 0x07;
    if (!startOfPartition || partitionId != 0) {
      return false;
    }
    int i = off + 1;
    if (extended) {
      if (len < 2) {
        return false;
      }
      int x = buf[i++] & 0xFF;
      if ((x & 0x80) != 0) { // I: PictureID, 7 or 15 bits
        if (i >= off + len) {
          return false;
        }
        i += (buf[i] & 0x80) != 0 ? 2 : 1;
      }
      if ((x & 0x40) != 0) { // L: TL0PICIDX
        i++;
      }
      if ((x & 0x30) != 0) { // T or K: TID/Y/KEYIDX
        i++;
      }
    }
    // The VP8 payload header's P bit is 0 for key frames (RFC 6386 §9.1).
    return i < off + len && (buf[i] & 0x01) == 0;
  }
}
