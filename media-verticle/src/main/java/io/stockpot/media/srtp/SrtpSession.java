package io.stockpot.media.srtp;

import java.util.Arrays;

/**
 * Both directions of one DTLS-SRTP association: packets are protected under the local write key and
 * unprotected under the peer's. Not thread-safe.
 */
public final class SrtpSession {
  private final SrtpContext outbound;
  private final SrtpContext inbound;

  public SrtpSession(SrtpContext outbound, SrtpContext inbound) {
    if (outbound.profile() != inbound.profile()) {
      throw new IllegalArgumentException("both directions must use one profile");
    }
    this.outbound = outbound;
    this.inbound = inbound;
  }

  /**
   * Splits the DTLS exporter output (label "EXTRACTOR-dtls_srtp") into the client and server write
   * keys and salts, laid out as client key | server key | client salt | server salt (RFC 5764
   * §4.2).
   *
   * @param localIsClient whether this side was the DTLS client
   */
  public static SrtpSession fromKeyingMaterial(
      SrtpProfile profile, byte[] material, boolean localIsClient) {
    int k = profile.keyLength();
    int s = profile.saltLength();
    if (material.length != profile.keyingMaterialLength()) {
      throw new IllegalArgumentException(
          profile + " needs " + profile.keyingMaterialLength() + " bytes of keying material");
    }
    byte[] clientKey = Arrays.copyOfRange(material, 0, k);
    byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
    byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
    byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s);
    SrtpContext client = new SrtpContext(profile, clientKey, clientSalt);
    SrtpContext server = new SrtpContext(profile, serverKey, serverSalt);
    return localIsClient ? new SrtpSession(client, server) : new SrtpSession(server, client);
  }

  public SrtpProfile profile() {
    return outbound.profile();
  }

  /** The context under the local write key. */
  public SrtpContext outbound() {
    return outbound;
  }

  /** The context under the peer's write key. */
  public SrtpContext inbound() {
    return inbound;
  }

  public int protectRtp(byte[] buf, int off, int len) {
    return outbound.protectRtp(buf, off, len);
  }

  public int unprotectRtp(byte[] buf, int off, int len) {
    return inbound.unprotectRtp(buf, off, len);
  }

  public int protectRtcp(byte[] buf, int off, int len) {
    return outbound.protectRtcp(buf, off, len);
  }

  public int unprotectRtcp(byte[] buf, int off, int len) {
    return inbound.unprotectRtcp(buf, off, len);
  }
}
