package io.stockpot.media.dtls;

import java.util.Arrays;

/**
 * Splits the output of the DTLS exporter ("EXTRACTOR-dtls_srtp") into SRTP master keys and salts.
 *
 * <p>RFC 5764 §4.2 lays the exported block out as {@code client_write_SRTP_master_key |
 * server_write_SRTP_master_key | client_write_SRTP_master_salt | server_write_SRTP_master_salt}.
 * The DTLS client protects with the client halves; the server with the server halves.
 */
public final class SrtpKeySplit {

  /** Exporter label defined by RFC 5764 §4.2. */
  public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

  private SrtpKeySplit() {}

  /** Master key length in bytes for a supported profile. */
  public static int keyLength(int profile) {
    return switch (profile) {
      case SrtpKeyMaterial.AES128_CM_HMAC_SHA1_80, SrtpKeyMaterial.AEAD_AES_128_GCM -> 16;
      default -> throw new IllegalArgumentException("unsupported SRTP profile " + profile);
    };
  }

  /** Master salt length in bytes: 112 bits for AES-CM (RFC 3711), 96 bits for GCM (RFC 7714). */
  public static int saltLength(int profile) {
    return switch (profile) {
      case SrtpKeyMaterial.AES128_CM_HMAC_SHA1_80 -> 14;
      case SrtpKeyMaterial.AEAD_AES_128_GCM -> 12;
      default -> throw new IllegalArgumentException("unsupported SRTP profile " + profile);
    };
  }

  /** Number of bytes to ask the exporter for. */
  public static int exportLength(int profile) {
    return 2 * (keyLength(profile) + saltLength(profile));
  }

  /**
   * Splits {@code exported} for the endpoint that played {@code role} in the DTLS handshake.
   *
   * @throws IllegalArgumentException when the profile is unknown or the length does not match
   */
  public static SrtpKeyMaterial split(int profile, byte[] exported, DtlsRole role) {
    int keyLen = keyLength(profile);
    int saltLen = saltLength(profile);
    if (exported.length != 2 * (keyLen + saltLen)) {
      throw new IllegalArgumentException(
          "exported keying material has "
              + exported.length
              + " bytes, expected "
              + exportLength(profile));
    }
    byte[] clientKey = Arrays.copyOfRange(exported, 0, keyLen);
    byte[] serverKey = Arrays.copyOfRange(exported, keyLen, 2 * keyLen);
    byte[] clientSalt = Arrays.copyOfRange(exported, 2 * keyLen, 2 * keyLen + saltLen);
    byte[] serverSalt = Arrays.copyOfRange(exported, 2 * keyLen + saltLen, exported.length);
    return role == DtlsRole.CLIENT
        ? new SrtpKeyMaterial(profile, clientKey, clientSalt, serverKey, serverSalt)
        : new SrtpKeyMaterial(profile, serverKey, serverSalt, clientKey, clientSalt);
  }
}
