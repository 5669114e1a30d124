package io.stockpot.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A certificate fingerprint as WebRTC signals it in SDP ({@code a=fingerprint}) and mediasoup in
 * DtlsParameters: a hash name such as "sha-256" and upper-case hex pairs joined by colons.
 *
 * @param algorithm lower-case hash name: "sha-1", "sha-256", "sha-384" or "sha-512"
 * @param value colon-separated hex; compared case-insensitively
 */
public record DtlsFingerprint(String algorithm, String value) {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  public DtlsFingerprint {
    if (algorithm == null || value == null) {
      throw new IllegalArgumentException("fingerprint algorithm and value are required");
    }
    algorithm = algorithm.trim().toLowerCase(Locale.ROOT);
    value = value.trim();
  }

  /** Fingerprint of a DER-encoded certificate. */
  public static DtlsFingerprint of(String algorithm, byte[] der) {
    return new DtlsFingerprint(algorithm, compute(algorithm, der));
  }

  /**
   * Formats the hash of {@code der} as upper-case hex pairs separated by colons.
   *
   * @throws IllegalArgumentException for an unsupported hash name
   */
  public static String compute(String algorithm, byte[] der) {
    MessageDigest digest = digest(algorithm);
    if (digest == null) {
      throw new IllegalArgumentException("unsupported fingerprint algorithm: " + algorithm);
    }
    byte[] hash = digest.digest(der);
    StringBuilder sb = new StringBuilder(hash.length * 3);
    for (int i = 0; i < hash.length; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(HEX[(hash[i] >> 4) & 0xf]).append(HEX[hash[i] & 0xf]);
    }
    return sb.toString();
  }

  /** Whether this hash name is one we can compute. */
  public static boolean isSupportedAlgorithm(String algorithm) {
    return algorithm != null && digest(algorithm) != null;
  }

  /**
   * Whether {@code der} hashes to this fingerprint. Never throws: an unsupported algorithm or a
   * malformed value simply does not match, since both come from the remote peer.
   */
  public boolean matches(byte[] der) {
    MessageDigest digest = digest(algorithm);
    if (digest == null || der == null) {
      return false;
    }
    return compute(algorithm, der).equalsIgnoreCase(value);
  }

  private static MessageDigest digest(String algorithm) {
    String jcaName =
        switch (algorithm.trim().toLowerCase(Locale.ROOT)) {
          case "sha-1" -> "SHA-1";
          case "sha-256" -> "SHA-256";
          case "sha-384" -> "SHA-384";
          case "sha-512" -> "SHA-512";
          default -> null;
        };
    if (jcaName == null) {
      return null;
    }
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + jcaName, e);
    }
  }
}
