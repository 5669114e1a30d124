package io.stockpot.media.stun;

/**
 * The fixed 20-byte STUN header (RFC 5389 §6): message type (class and method interleaved in 14
 * bits), body length, magic cookie, 96-bit transaction id. Also the big-endian reads the package
 * shares.
 */
public final class StunHeader {
  public static final int HEADER_LENGTH = 20;
  public static final int MAGIC_COOKIE = 0x2112A442;
  public static final int TRANSACTION_ID_LENGTH = 12;

  public static final int CLASS_REQUEST = 0;
  public static final int CLASS_INDICATION = 1;
  public static final int CLASS_SUCCESS_RESPONSE = 2;
  public static final int CLASS_ERROR_RESPONSE = 3;

  public static final int METHOD_BINDING = 0x001;

  private StunHeader() {}

  /**
   * Cheap test on the header alone (RFC 5389 §6, RFC 7983): long enough for a header, the two top
   * bits zero, a body length that is a multiple of four, and the magic cookie in place.
   */
  public static boolean looksLikeStun(byte[] buf, int off, int len) {
    return buf != null
        && off >= 0
        && len >= HEADER_LENGTH
        && off <= buf.length - len
        && (buf[off] & 0xC0) == 0
        && (buf[off + 3] & 0x03) == 0
        && readInt(buf, off + 4) == MAGIC_COOKIE;
  }

  /** The 14-bit message type for a class and a method: class bits C1 C0 sit at bits 8 and 4. */
  public static int messageType(int messageClass, int method) {
    return (method & 0x000F)
        | ((method & 0x0070) << 1)
        | ((method & 0x0F80) << 2)
        | ((messageClass & 0x1) << 4)
        | ((messageClass & 0x2) << 7);
  }

  /** The class (one of {@code CLASS_*}) of a 14-bit message type. */
  public static int classOf(int type) {
    return ((type >>> 4) & 0x1) | ((type >>> 7) & 0x2);
  }

  /** The 12-bit method of a 14-bit message type. */
  public static int methodOf(int type) {
    return (type & 0x000F) | ((type >>> 1) & 0x0070) | ((type >>> 2) & 0x0F80);
  }

  static int readShort(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  static int readInt(byte[] b, int i) {
    return ((b[i] & 0xFF) << 24)
        | ((b[i + 1] & 0xFF) << 16)
        | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }

  static long readLong(byte[] b, int i) {
    return ((long) readInt(b, i) << 32) | (readInt(b, i + 4) & 0xFFFF_FFFFL);
  }
}
