package io.stockpot.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A certificate fingerprint as WebRTC signals it in SDP ({@code a=fingerprint}) and mediasoup in
 * DtlsParameters: a hash name such as "sha-256" and upper-case hex pairs joined by colons.
 *
 * <p>Which of several signalled fingerprints counts is {@link #strongest}'s choice (RFC 8122 §5).
 *
 * @param algorithm lower-case hash name: "sha-1", "sha-224", "sha-256", "sha-384" or "sha-512"
 * @param value colon-separated hex; compared case-insensitively
 */
public record DtlsFingerprint(String algorithm, String value) {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** The hash names we verify, strongest first (RFC 8122 §5; RFC 4572 lists the names). */
  public static final List<String> ALGORITHMS_BY_STRENGTH =
      List.of("sha-512", "sha-384", "sha-256", "sha-224", "sha-1");

  /**
   * The weakest hash we accept as the strongest one signalled: SHA-1 alone is refused, as current
   * browsers and mediasoup do (RFC 8842 §5 requires SHA-256 support of every endpoint).
   */
  public static final String WEAKEST_ACCEPTED = "sha-224";

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

  /**
   * The fingerprints to verify the peer's certificate against: those of the strongest hash function
   * among the signalled ones that we support (RFC 8122 §5: a certificate must match one of the
   * fingerprints of the most preferred hash function; weaker ones are ignored even if they match).
   * Several fingerprints of that one hash are all kept.
   *
   * @throws IllegalArgumentException with a message for the peer when no signalled algorithm is
   *     supported, or when the strongest is weaker than {@link #WEAKEST_ACCEPTED} (a SHA-1-only
   *     peer)
   */
  public static List<DtlsFingerprint> strongest(List<DtlsFingerprint> signalled) {
    for (String algorithm : ALGORITHMS_BY_STRENGTH) {
      List<DtlsFingerprint> set = new ArrayList<>();
      for (DtlsFingerprint f : signalled) {
        if (f.algorithm.equals(algorithm)) {
          set.add(f);
        }
      }
      if (set.isEmpty()) {
        continue;
      }
      if (ALGORITHMS_BY_STRENGTH.indexOf(algorithm)
          > ALGORITHMS_BY_STRENGTH.indexOf(WEAKEST_ACCEPTED)) {
        throw new IllegalArgumentException(
            "only a "
                + algorithm
                + " fingerprint was signalled; sha-256 (or sha-224, sha-384, sha-512) is required"
                + " (RFC 8122 §5, RFC 8842)");
      }
      return List.copyOf(set);
    }
    throw new IllegalArgumentException(
        "no supported fingerprint algorithm (one of " + ALGORITHMS_BY_STRENGTH + ")");
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
          case "sha-224" -> "SHA-224";
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
