package io.stockpot.media.srtp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA1 (RFC 2104) over a reusable {@link MessageDigest}. {@code javax.crypto.Mac} would do the
 * same two SHA-1 passes, but its {@code doFinal} allocates the inner and the outer digest on every
 * call; writing both digests into arrays owned by this object keeps the packet path free of
 * allocation.
 */
final class HmacSha1 {
  static final int LENGTH = 20;
  private static final int BLOCK = 64;

  private final MessageDigest sha1;
  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];
  private final byte[] inner = new byte[LENGTH];

  HmacSha1(byte[] key) {
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
    byte[] k = key.length > BLOCK ? sha1.digest(key) : key;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      innerPad[i] = (byte) (b ^ 0x36);
      outerPad[i] = (byte) (b ^ 0x5c);
    }
    sha1.update(innerPad);
  }

  /** Adds message bytes; the first call of each MAC follows construction or {@link #finish}. */
  void update(byte[] b, int off, int len) {
    sha1.update(b, off, len);
  }

  /** Adds four big-endian bytes, for the ROC or the SRTCP index word. */
  void updateInt(int v) {
    sha1.update((byte) (v >>> 24));
    sha1.update((byte) (v >>> 16));
    sha1.update((byte) (v >>> 8));
    sha1.update((byte) v);
  }

  /** Writes the 20-byte MAC to {@code out} at {@code off} and readies the next MAC. */
  void finish(byte[] out, int off) {
    try {
      sha1.digest(inner, 0, LENGTH);
      sha1.update(outerPad);
      sha1.update(inner);
      sha1.digest(out, off, LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
    sha1.update(innerPad);
  }
}
