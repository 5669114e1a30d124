package io.stockpot.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The DTLS-SRTP part of one handshake that {@link SrtpDtlsClient} and {@link SrtpDtlsServer} share:
 * the use_srtp extension (RFC 5764 §4.1: the client offers profiles, the server selects exactly
 * one), the protocol policy (DTLS 1.2 only, our cipher suites, the extended master secret of RFC
 * 7627), and the keys exported once the handshake completes. BouncyCastle gives the two peers
 * different superclasses, so each holds one of these and forwards its overrides to it.
 */
// BouncyCastle's TLS API predates generics (Hashtable).
@SuppressWarnings({"rawtypes", "unchecked"})
final class SrtpHandshake {
  private final DtlsPeerSettings settings;
  private final DtlsRole role;
  private int selectedProfile = -1;
  private SrtpKeyMaterial keys;
  private volatile boolean closeNotifyReceived;

  SrtpHandshake(DtlsPeerSettings settings, DtlsRole role) {
    this.settings = settings;
    this.role = role;
  }

  DtlsPeerSettings settings() {
    return settings;
  }

  /** DTLS 1.2 only: WebRTC's DTLS-SRTP as browsers speak it. */
  static ProtocolVersion[] supportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  /** {@link DtlsPeers#CIPHER_SUITES} that {@code crypto} implements. */
  static int[] cipherSuites(TlsCrypto crypto) {
    return TlsUtils.getSupportedCipherSuites(crypto, DtlsPeers.CIPHER_SUITES);
  }

  /**
   * Always true: RFC 7627 §5.4 forbids exporting keys (the SRTP keys) from a handshake without the
   * extended master secret.
   */
  static boolean requiresExtendedMasterSecret() {
    return true;
  }

  /** Client: offers our SRTP profiles, without MKI (WebRTC never uses one, RFC 8827 §6.5). */
  void offer(Hashtable clientExtensions) throws IOException {
    TlsSRTPUtils.addUseSRTPExtension(
        clientExtensions, new UseSRTPData(settings.srtpProfiles(), TlsUtils.EMPTY_BYTES));
  }

  /** Client: the server must answer with exactly one of the offered profiles (RFC 5764 §4.1.1). */
  void acceptSelection(Hashtable serverExtensions) throws IOException {
    UseSRTPData chosen =
        serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
    if (chosen == null) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "server did not select SRTP");
    }
    int[] profiles = chosen.getProtectionProfiles();
    if (profiles.length != 1
        || DtlsPeers.chooseProfile(settings.srtpProfiles(), profiles) != profiles[0]) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter, "unexpected SRTP profile");
    }
    selectedProfile = profiles[0];
  }

  /** Server: picks the first of our profiles that the client offers. */
  void select(Hashtable clientExtensions) throws IOException {
    UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
    if (offered == null) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "client did not offer use_srtp");
    }
    selectedProfile =
        DtlsPeers.chooseProfile(settings.srtpProfiles(), offered.getProtectionProfiles());
    if (selectedProfile < 0) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP profile");
    }
  }

  /** Server: answers with the one selected profile, without MKI. */
  void answer(Hashtable serverExtensions) throws IOException {
    TlsSRTPUtils.addUseSRTPExtension(
        serverExtensions, new UseSRTPData(new int[] {selectedProfile}, TlsUtils.EMPTY_BYTES));
  }

  /** Exports the SRTP keys (RFC 5764 §4.2) once the handshake is complete. */
  void complete(TlsContext context) {
    keys = DtlsPeers.exportKeys(context, selectedProfile, role);
  }

  void onAlert(short alertDescription) {
    if (alertDescription == AlertDescription.close_notify) {
      closeNotifyReceived = true;
    }
  }

  /** The SRTP keys, oriented for our role; null until the handshake completes. */
  SrtpKeyMaterial keys() {
    return keys;
  }

  boolean closeNotifyReceived() {
    return closeNotifyReceived;
  }
}
