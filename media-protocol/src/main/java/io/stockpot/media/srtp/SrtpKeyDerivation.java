package io.stockpot.media.srtp;

/**
 * The SRTP key derivation function (RFC 3711 §4.3) with a key derivation rate of zero, as DTLS-SRTP
 * uses it: each session key is the AES-CM keystream under the master key for the IV {@code
 * (master_salt XOR (label << 48)) * 2^16}. RFC 7714 §11 keeps the same function for the GCM
 * profiles; their 96-bit master salt is zero-padded on the right to the 112 bits the function
 * expects.
 */
public final class SrtpKeyDerivation {
  public static final int LABEL_RTP_ENCRYPTION = 0;
  public static final int LABEL_RTP_AUTHENTICATION = 1;
  public static final int LABEL_RTP_SALT = 2;
  public static final int LABEL_RTCP_ENCRYPTION = 3;
  public static final int LABEL_RTCP_AUTHENTICATION = 4;
  public static final int LABEL_RTCP_SALT = 5;

  private SrtpKeyDerivation() {}

  /**
   * Derives {@code length} bytes of session keying material for one label.
   *
   * @throws IllegalArgumentException for a master key that is not 16 bytes or a salt over 14
   */
  public static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
    if (masterKey.length != 16) {
      throw new IllegalArgumentException("master key must be 16 bytes");
    }
    if (masterSalt.length > 14 || label < 0 || label > 255 || length < 0) {
      throw new IllegalArgumentException("bad salt, label or length");
    }
    byte[] iv = new byte[16];
    System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
    // key_id = label || r is 56 bits, right-aligned against the 112-bit salt: the label
    // lands on byte 7; r is zero when the key derivation rate is zero.
    iv[7] ^= (byte) label;
    byte[] out = new byte[length];
    AesCounterMode prf = new AesCounterMode(masterKey);
    prf.apply(AesCounterMode.readLong(iv, 0), AesCounterMode.readLong(iv, 8), out, 0, length);
    return out;
  }
}
