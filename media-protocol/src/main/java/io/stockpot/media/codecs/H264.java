package io.stockpot.media.codecs;

/** H264 RTP payloads (RFC 6184): does this packet carry (the start of) an IDR picture? */
public final class H264 {
  private static final int IDR = 5;
  private static final int SPS = 7;
  private static final int STAP_A = 24;
  private static final int FU_A = 28;

  private H264() {}

  public static boolean isKeyFrame(byte[] buf, int off, int len) {
    if (len < 1) {
      return false;
    }
    int type = buf[off] & 0x1F;
    switch (type) {
      case IDR, SPS:
        return true;
      case STAP_A:
        for (int i = off + 1; i + 2 < off + len; ) {
          int size = ((buf[i] & 0xFF) << 8) | (buf[i + 1] & 0xFF);
          int nal = buf[i + 2] & 0x1F;
          if (nal == IDR || nal == SPS) {
            return true;
          }
          i += 2 + size;
        }
        return false;
      case FU_A:
        return len >= 2 && (buf[off + 1] & 0x80) != 0 && (buf[off + 1] & 0x1F) == IDR;
      default:
        return false;
    }
  }
}
