package io.stockpot.media.srtp;

/**
 * The cryptographic half of SRTP for one profile. {@link SrtpContext} parses headers, checks
 * lengths and bounds and keeps the per-SSRC indexes; a transform only encrypts and authenticates in
 * place, trusting the lengths it is given.
 */
abstract class SrtpTransform {

  static SrtpTransform create(SessionKeys keys) {
    return keys.profile().isAead() ? new AesGcmTransform(keys) : new AesCmHmacTransform(keys);
  }

  /**
   * Encrypts the payload after {@code headerLen} and appends the tag.
   *
   * @return the protected length, or a negative {@link SrtpStatus}
   */
  abstract int protectRtp(byte[] buf, int off, int len, int headerLen, int ssrc, long index);

  /**
   * Verifies the tag at the end of {@code len} bytes and decrypts the payload.
   *
   * @return the plain length, or a negative {@link SrtpStatus}
   */
  abstract int unprotectRtp(byte[] buf, int off, int len, int headerLen, int ssrc, long index);

  /**
   * Encrypts all but the first 8 bytes and appends the E flag with {@code index}, and the tag.
   *
   * @return the protected length, or a negative {@link SrtpStatus}
   */
  abstract int protectRtcp(byte[] buf, int off, int len, int ssrc, int index);

  /**
   * Verifies and, when the E flag of {@code eIndex} is set, decrypts an SRTCP packet whose trailer
   * holds the word {@code eIndex}.
   *
   * @return the plain length, or a negative {@link SrtpStatus}
   */
  abstract int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eIndex);

  /** Compares {@code n} bytes in time independent of where they differ. */
  static boolean equalsConstantTime(byte[] a, int aOff, byte[] b, int bOff, int n) {
    int diff = 0;
    for (int i = 0; i < n; i++) {
      diff |= a[aOff + i] ^ b[bOff + i];
    }
    return diff == 0;
  }

  static void writeInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
