package io.stockpot.media.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES counter mode as SRTP uses it (RFC 3711 §4.1.1): the keystream is AES of IV, IV+1, IV+2...
 * where the low 16 bits of the IV are zero, so the block counter only ever touches the last two
 * bytes.
 *
 * <p>The keystream is made with one AES/ECB call over a scratch array of counter blocks rather than
 * with AES/CTR: re-initialising a CTR cipher for every packet allocates an IV spec and an IV copy,
 * while an ECB cipher is keyed once and then only fed arrays this object owns.
 */
final class AesCounterMode {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** 2^16 blocks: the counter may not carry out of the two bytes reserved for it. */
  static final int MAX_LENGTH = 16 << 16;

  private final Cipher ecb;
  private byte[] counters = new byte[2048];
  private byte[] keystream = new byte[2048];

  AesCounterMode(byte[] key) {
    try {
      ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB unavailable", e);
    }
  }

  /**
   * XORs {@code len} bytes of {@code buf} at {@code off} with the keystream for the IV given as two
   * big-endian longs; the low 16 bits of {@code ivLow} must be zero.
   *
   * @return false if the cipher failed, which does not happen with a well-formed key
   */
  boolean apply(long ivHigh, long ivLow, byte[] buf, int off, int len) {
    if (len <= 0) {
      return true;
    }
    int blocks = (len + 15) >>> 4;
    int bytes = blocks << 4;
    if (counters.length < bytes) {
      counters = new byte[Math.max(bytes, counters.length * 2)];
      keystream = new byte[counters.length];
    }
    byte[] c = counters;
    for (int i = 0, p = 0; i < blocks; i++, p += 16) {
      LONG.set(c, p, ivHigh);
      LONG.set(c, p + 8, ivLow | i);
    }
    try {
      ecb.update(c, 0, bytes, keystream, 0);
    } catch (ShortBufferException e) {
      return false;
    }
    xor(keystream, buf, off, len);
    return true;
  }

  private static void xor(byte[] ks, byte[] buf, int off, int len) {
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      long v = (long) LONG.get(buf, off + i) ^ (long) LONG.get(ks, i);
      LONG.set(buf, off + i, v);
    }
    for (; i < len; i++) {
      buf[off + i] ^= ks[i];
    }
  }

  /** Reads 8 big-endian bytes; shared with the transforms that build IVs. */
  static long readLong(byte[] b, int off) {
    return (long) LONG.get(b, off);
  }
}
