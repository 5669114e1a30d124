package io.stockpot.media.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA1 for the MESSAGE-INTEGRITY attribute (RFC 5389 §15.4), keyed once and reused for every
 * message, so checking a request allocates nothing. Not thread-safe: each owner (an ICE server, a
 * test peer) keeps its own.
 *
 * <p>The HMAC covers the message up to, not including, the MESSAGE-INTEGRITY attribute, but with
 * the header's length field rewritten as if the message ended right after MESSAGE-INTEGRITY. A
 * following FINGERPRINT is thereby excluded. The caller's buffer is never modified: the rewritten
 * header is hashed from a private copy.
 */
public final class MessageIntegrity {
  private final Mac mac;
  private final byte[] header = new byte[StunHeader.HEADER_LENGTH];
  private final byte[] digest = new byte[StunAttributes.MESSAGE_INTEGRITY_LENGTH];

  /** Keys the HMAC with {@code key} (short-term: the password's bytes; long-term: an MD5). */
  public MessageIntegrity(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("MESSAGE-INTEGRITY needs a non-empty key");
    }
    try {
      mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /**
   * Short-term credential (ICE): the key is the password itself. ICE passwords are ASCII, so
   * SASLprep leaves them unchanged and plain UTF-8 is exact.
   */
  public static MessageIntegrity shortTerm(String password) {
    return new MessageIntegrity(password.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Long-term credential: the key is MD5(username ":" realm ":" password). The password must
   * already be SASLprep-processed; Stockpot itself only uses short-term credentials.
   */
  public static MessageIntegrity longTerm(String username, String realm, String password) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      String joined = username + ":" + realm + ":" + password;
      return new MessageIntegrity(md5.digest(joined.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }

  /**
   * Computes the HMAC of the message at {@code msgOff} whose MESSAGE-INTEGRITY attribute header
   * starts at {@code miOff}, writing 20 bytes to {@code out} at {@code outOff}.
   */
  public void compute(byte[] buf, int msgOff, int miOff, byte[] out, int outOff) {
    hash(buf, msgOff, miOff);
    System.arraycopy(digest, 0, out, outOff, digest.length);
  }

  /**
   * Whether the 20-byte value of the MESSAGE-INTEGRITY attribute at {@code miOff} matches. Bounds
   * are checked, so a bad offset answers false rather than throwing.
   */
  public boolean verify(byte[] buf, int msgOff, int miOff) {
    int valueOff = miOff + 4;
    if (buf == null
        || msgOff < 0
        || miOff < msgOff + StunHeader.HEADER_LENGTH
        || valueOff + digest.length > buf.length) {
      return false;
    }
    hash(buf, msgOff, miOff);
    // Constant-time comparison: the answer must not leak how many leading bytes matched.
    int diff = 0;
    for (int i = 0; i < digest.length; i++) {
      diff |= digest[i] ^ buf[valueOff + i];
    }
    return diff == 0;
  }

  private void hash(byte[] buf, int msgOff, int miOff) {
    System.arraycopy(buf, msgOff, header, 0, header.length);
    int adjustedLength =
        miOff
            - msgOff
            - StunHeader.HEADER_LENGTH
            + StunAttributes.MESSAGE_INTEGRITY_ATTRIBUTE_LENGTH;
    header[2] = (byte) (adjustedLength >>> 8);
    header[3] = (byte) adjustedLength;
    mac.update(header, 0, header.length);
    mac.update(buf, msgOff + header.length, miOff - msgOff - header.length);
    try {
      mac.doFinal(digest, 0);
    } catch (javax.crypto.ShortBufferException e) {
      throw new IllegalStateException(e); // cannot happen: digest is exactly the MAC's size
    }
  }
}
