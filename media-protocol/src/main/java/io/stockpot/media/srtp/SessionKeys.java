package io.stockpot.media.srtp;

/**
 * The six session keys of one SRTP direction: cipher key, authentication key and salt, each for RTP
 * and for RTCP. The authentication keys are empty for AEAD profiles.
 */
record SessionKeys(
    SrtpProfile profile,
    byte[] rtpKey,
    byte[] rtpAuthKey,
    byte[] rtpSalt,
    byte[] rtcpKey,
    byte[] rtcpAuthKey,
    byte[] rtcpSalt) {

  /** Runs the key derivation function of RFC 3711 §4.3 for all six labels. */
  static SessionKeys derive(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    if (masterKey.length != profile.keyLength() || masterSalt.length != profile.saltLength()) {
      throw new IllegalArgumentException(
          profile
              + " needs a "
              + profile.keyLength()
              + "-byte key and a "
              + profile.saltLength()
              + "-byte salt");
    }
    int k = profile.keyLength();
    int a = profile.authKeyLength();
    int s = profile.saltLength();
    return new SessionKeys(
        profile,
        SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.LABEL_RTP_ENCRYPTION, k),
        SrtpKeyDerivation.derive(
            masterKey, masterSalt, SrtpKeyDerivation.LABEL_RTP_AUTHENTICATION, a),
        SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.LABEL_RTP_SALT, s),
        SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.LABEL_RTCP_ENCRYPTION, k),
        SrtpKeyDerivation.derive(
            masterKey, masterSalt, SrtpKeyDerivation.LABEL_RTCP_AUTHENTICATION, a),
        SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.LABEL_RTCP_SALT, s));
  }
}
