package io.stockpot.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** The DTLS-SRTP server side: DTLS 1.2, ECDSA, mutual authentication by fingerprint. */
// BouncyCastle's TLS API predates generics (Hashtable, Vector).
@SuppressWarnings({"rawtypes", "unchecked"})
class SrtpDtlsServer extends DefaultTlsServer {
  private final BcTlsCrypto bcCrypto;
  private final DtlsPeerSettings settings;
  private int selectedProfile = -1;
  private SrtpKeyMaterial keys;
  private volatile boolean closeNotifyReceived;

  SrtpDtlsServer(BcTlsCrypto crypto, DtlsPeerSettings settings) {
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
  public int[] getSupportedGroups() {
    return DtlsPeers.GROUPS.clone();
  }

  /** Picks the client's most preferred group among ours; never a DTLS 1.3-only hybrid group. */
  @Override
  protected int selectECDH(int minimumCurveBits) {
    int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
    if (offered == null) {
      return selectECDHDefault(minimumCurveBits);
    }
    for (int group : offered) {
      if (DtlsPeers.isAcceptedGroup(group) && NamedGroup.getCurveBits(group) >= minimumCurveBits) {
        return group;
      }
    }
    return -1;
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
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
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

  @Override
  public Hashtable getServerExtensions() throws IOException {
    Hashtable extensions = super.getServerExtensions();
    // No MKI: WebRTC never uses one (RFC 8827 §6.5).
    TlsSRTPUtils.addUseSRTPExtension(
        extensions, new UseSRTPData(new int[] {selectedProfile}, TlsUtils.EMPTY_BYTES));
    return extensions;
  }

  @Override
  protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
    return DtlsPeers.signer(
        context,
        bcCrypto,
        settings.certificate(),
        context.getSecurityParametersHandshake().getClientSigAlgs());
  }

  /** Asks for the client's certificate: its fingerprint is the client's only authentication. */
  @Override
  public CertificateRequest getCertificateRequest() {
    short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
    return new CertificateRequest(
        types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
  }

  @Override
  public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
    DtlsPeers.verifyPeerCertificate(clientCertificate, settings.remoteFingerprints());
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    keys = DtlsPeers.exportKeys(context, selectedProfile, DtlsRole.SERVER);
  }

  @Override
  public void notifyAlertReceived(short alertLevel, short alertDescription) {
    if (alertDescription == AlertDescription.close_notify) {
      closeNotifyReceived = true;
    }
  }
}
