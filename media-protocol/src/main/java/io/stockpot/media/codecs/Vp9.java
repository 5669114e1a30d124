package io.stockpot.media.codecs;

/** VP9 RTP payloads (RFC 9628): is this packet the start of a key frame? */
public final class Vp9 {
  private Vp9() {}

  public static boolean isKeyFrame(byte[] buf, int off, int len) {
    if (len < 1) {
      return false;
    }
    int b0 = buf[off] & 0xFF;
    boolean interPicturePredicted = (b0 & 0x40) != 0; // P
    boolean startOfFrame = (b0 & 0x08) != 0; // B
    return startOfFrame && !interPicturePredicted;
  }
}
