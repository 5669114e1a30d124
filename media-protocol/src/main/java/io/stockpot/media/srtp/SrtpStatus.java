package io.stockpot.media.srtp;

/**
 * Negative results of {@link SrtpContext} operations. Non-negative results are packet lengths. Bad
 * packets are normal on the network, so they are reported as codes for the caller to count, never
 * as exceptions.
 */
public final class SrtpStatus {
  /** The packet is shorter than its fixed header, or than header plus tag. */
  public static final int TOO_SHORT = -1;

  /** Wrong RTP version, or the CSRC list or header extension runs past the packet. */
  public static final int BAD_HEADER = -2;

  /** The authentication tag does not match. */
  public static final int AUTH_FAILED = -3;

  /** The packet index was already received. */
  public static final int REPLAYED = -4;

  /** The packet index is older than the replay window can vouch for. */
  public static final int TOO_OLD = -5;

  /** Offset or length lie outside the array, or there is no room for the tag. */
  public static final int NO_ROOM = -6;

  /** The cipher refused the operation (for example GCM asked to reuse the previous IV). */
  public static final int CRYPTO_ERROR = -7;

  private SrtpStatus() {}

  /** A short name for logs and metrics. */
  public static String describe(int status) {
    return switch (status) {
      case TOO_SHORT -> "too-short";
      case BAD_HEADER -> "bad-header";
      case AUTH_FAILED -> "auth-failed";
      case REPLAYED -> "replayed";
      case TOO_OLD -> "too-old";
      case NO_ROOM -> "no-room";
      case CRYPTO_ERROR -> "crypto-error";
      default -> status >= 0 ? "ok" : "unknown(" + status + ")";
    };
  }
}
