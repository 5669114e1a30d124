package io.stockpot.media.srtp;

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
