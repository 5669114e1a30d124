package io.stockpot.media.codecs;

/** Key-frame detection by codec, for consumers that must start (or restart) on a key frame. */
public final class KeyFrames {
  /** A codec whose payloads this class understands; audio needs no key frames. */
  public enum Codec {
    VP8,
    VP9,
    H264,
    NONE;

    public static Codec of(String mimeType) {
      return switch (mimeType.toLowerCase(java.util.Locale.ROOT)) {
        case "video/vp8" -> VP8;
        case "video/vp9" -> VP9;
        case "video/h264" -> H264;
        default -> NONE;
      };
    }
  }

  private KeyFrames() {}

  /** Whether the payload {@code buf[off, off+len)} starts a key frame of {@code codec}. */
  public static boolean isKeyFrame(Codec codec, byte[] buf, int off, int len) {
    return switch (codec) {
      case VP8 -> Vp8.isKeyFrame(buf, off, len);
      case VP9 -> Vp9.isKeyFrame(buf, off, len);
      case H264 -> H264.isKeyFrame(buf, off, len);
      case NONE -> false;
    };
  }
}
