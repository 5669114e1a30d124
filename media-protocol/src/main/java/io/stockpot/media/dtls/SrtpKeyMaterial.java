package io.stockpot.media.dtls;

import io.stockpot.media.srtp.SrtpContext;
import io.stockpot.media.srtp.SrtpProfile;
import io.stockpot.media.srtp.SrtpSession;

/**
 * SRTP master keys and salts derived from a DTLS-SRTP handshake, already oriented for this
 * endpoint: {@code local*} protects what we send, {@code remote*} unprotects what we receive.
 *
 * @param profile the negotiated SRTP protection profile ({@link #AES128_CM_HMAC_SHA1_80} or {@link
 *     #AEAD_AES_128_GCM})
 */
public record SrtpKeyMaterial(
    int profile, byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt) {

  /** RFC 5764 SRTP_AES128_CM_HMAC_SHA1_80. */
  public static final int AES128_CM_HMAC_SHA1_80 = 0x0001;

  /** RFC 7714 SRTP_AEAD_AES_128_GCM. */
  public static final int AEAD_AES_128_GCM = 0x0007;

  /** The SRTP session these keys make: ours to protect with, the peer's to unprotect with. */
  public SrtpSession toSession() {
    SrtpProfile p = SrtpProfile.fromId(profile);
    return new SrtpSession(
        new SrtpContext(p, localKey, localSalt), new SrtpContext(p, remoteKey, remoteSalt));
  }

  /** Keys are secrets: never print them. */
  @Override
  public String toString() {
    return "SrtpKeyMaterial[profile=0x"
        + String.format("%04x", profile)
        + ", keyLength="
        + localKey.length
        + ", saltLength="
        + localSalt.length
        + "]";
  }
}
