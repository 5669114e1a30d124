package io.stockpot.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** The DTLS-SRTP client side: DTLS 1.2, ECDSA, server authenticated by fingerprint. */
// BouncyCastle's TLS API predates generics (Hashtable, Vector).
@SuppressWarnings({"rawtypes", "unchecked"})
class SrtpDtlsClient extends DefaultTlsClient {
  private final BcTlsCrypto bcCrypto;
  private final DtlsPeerSettings settings;
  private int selectedProfile = -1;
  private SrtpKeyMaterial keys;
  private volatile boolean closeNotifyReceived;

  SrtpDtlsClient(BcTlsCrypto crypto, DtlsPeerSettings settings) {
    super(crypto);
    this.bcCrypto = crypto;
    this.settings = settings;
  }

  SrtpKeyMaterial keys() {
    return keys;
  }

  boolean closeNotifyReceived() {
    return closeNotifyReceived;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsPeers.CIPHER_SUITES);
  }

  @Override
  protected Vector getSupportedGroups(Vector namedGroupRoles) {
    Vector groups = new Vector();
    for (int group : DtlsPeers.GROUPS) {
      groups.add(group);
    }
    return groups;
  }

  @Override
  public boolean requiresExtendedMasterSecret() {
    return true; // RFC 7627 forbids exporting keys from a handshake without it
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return settings.handshakeTimeoutMillis();
  }

  @Override
  public Hashtable getClientExtensions() throws IOException {
    Hashtable extensions = super.getClientExtensions();
    TlsSRTPUtils.addUseSRTPExtension(
        extensions, new UseSRTPData(settings.srtpProfiles(), TlsUtils.EMPTY_BYTES));
    return extensions;
  }

  @Override
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    UseSRTPData chosen =
        serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
    if (chosen == null) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "server did not select SRTP");
    }
    int[] profiles = chosen.getProtectionProfiles();
    // RFC 5764 §4.1.1: the server answers with exactly one of the offered profiles.
    if (profiles.length != 1
        || DtlsPeers.chooseProfile(settings.srtpProfiles(), profiles) != profiles[0]) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter, "unexpected SRTP profile");
    }
    selectedProfile = profiles[0];
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate)
          throws IOException {
        DtlsPeers.verifyPeerCertificate(
            serverCertificate.getCertificate(), settings.remoteFingerprints());
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
        return DtlsPeers.signer(
            context, bcCrypto, settings.certificate(), request.getSupportedSignatureAlgorithms());
      }
    };
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    keys = DtlsPeers.exportKeys(context, selectedProfile, DtlsRole.CLIENT);
  }

  @Override
  public void notifyAlertReceived(short alertLevel, short alertDescription) {
    if (alertDescription == AlertDescription.close_notify) {
      closeNotifyReceived = true;
    }
  }
}
