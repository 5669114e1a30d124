package io.stockpot.media.dtls;

import java.util.Locale;

/** Which side of the DTLS handshake this endpoint plays. */
public enum DtlsRole {
  /** Sends the ClientHello. */
  CLIENT,
  /** Answers the ClientHello. */
  SERVER;

  /**
   * Our role given the role the remote peer signalled ("client", "server" or "auto", as in
   * mediasoup's DtlsParameters). A remote "auto" makes us the client: an ICE-lite SFU is the
   * controlled side, and taking the active role lets the handshake start as soon as ICE connects.
   *
   * @throws IllegalArgumentException for any other value
   */
  public static DtlsRole forRemoteRole(String remoteRole) {
    return switch (remoteRole.toLowerCase(Locale.ROOT)) {
      case "client" -> SERVER;
      case "server", "auto" -> CLIENT;
      default -> throw new IllegalArgumentException("unknown DTLS role: " + remoteRole);
    };
  }

  /** The role to signal to the remote peer for this local role. */
  public String signalled() {
    return this == CLIENT ? "client" : "server";
  }
}
