package io.stockpot.media.srtp;

/**
 * The SRTP protection profiles Stockpot negotiates in the DTLS use_srtp extension (RFC 5764 §4.1.2,
 * RFC 7714 §14.2). Both use 128-bit AES keys; they differ in salt and tag length and in whether
 * authentication is HMAC-SHA1 over the packet or the GCM tag.
 */
public enum SrtpProfile {
  /** AES-128 counter mode, HMAC-SHA1 truncated to 80 bits (RFC 3711, RFC 5764). */
  AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10, 20),
  /** AES-128 GCM with a 128-bit tag (RFC 7714). */
  AEAD_AES_128_GCM(0x0007, 16, 12, 16, 0);

  private final int id;
  private final int keyLength;
  private final int saltLength;
  private final int tagLength;
  private final int authKeyLength;

  SrtpProfile(int id, int keyLength, int saltLength, int tagLength, int authKeyLength) {
    this.id = id;
    this.keyLength = keyLength;
    this.saltLength = saltLength;
    this.tagLength = tagLength;
    this.authKeyLength = authKeyLength;
  }

  /** The two-byte SRTPProtectionProfile value carried in use_srtp. */
  public int id() {
    return id;
  }

  /** Master and session encryption key length in bytes. */
  public int keyLength() {
    return keyLength;
  }

  /** Master and session salt length in bytes. */
  public int saltLength() {
    return saltLength;
  }

  /** Bytes appended to each RTP packet (the authentication tag). */
  public int tagLength() {
    return tagLength;
  }

  /** Session authentication key length in bytes; zero for AEAD profiles. */
  public int authKeyLength() {
    return authKeyLength;
  }

  /** Whether the profile is an AEAD cipher whose tag comes from the cipher itself. */
  public boolean isAead() {
    return authKeyLength == 0;
  }

  /** Bytes an SRTP packet grows by: the tag. */
  public int rtpOverhead() {
    return tagLength;
  }

  /** Bytes an SRTCP packet grows by: the tag plus the 4-byte E flag and SRTCP index. */
  public int rtcpOverhead() {
    return tagLength + 4;
  }

  /** Bytes of keying material a DTLS exporter must supply for both directions (RFC 5764 §4.2). */
  public int keyingMaterialLength() {
    return 2 * (keyLength + saltLength);
  }

  /**
   * Looks up a profile by its use_srtp identifier.
   *
   * @return the profile, or {@code null} when Stockpot does not support it
   */
  public static SrtpProfile fromId(int id) {
    for (SrtpProfile p : values()) {
      if (p.id == id) {
        return p;
      }
    }
    return null;
  }
}
