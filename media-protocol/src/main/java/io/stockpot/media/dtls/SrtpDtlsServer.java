package io.stockpot.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS-SRTP server side: DTLS 1.2, ECDSA, mutual authentication by fingerprint. The SRTP part
 * is {@link SrtpHandshake}'s, shared with the client.
 */
// BouncyCastle's TLS API predates generics (Hashtable).
@SuppressWarnings({"rawtypes", "unchecked"})
class SrtpDtlsServer extends DefaultTlsServer {
  private final BcTlsCrypto bcCrypto;
  private final SrtpHandshake srtp;

  SrtpDtlsServer(BcTlsCrypto crypto, DtlsPeerSettings settings) {
    super(crypto);
    this.bcCrypto = crypto;
    this.srtp = new SrtpHandshake(settings, DtlsRole.SERVER);
  }

  SrtpKeyMaterial keys() {
    return srtp.keys();
  }

  boolean closeNotifyReceived() {
    return srtp.closeNotifyReceived();
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return SrtpHandshake.supportedVersions();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return SrtpHandshake.cipherSuites(getCrypto());
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
    return SrtpHandshake.requiresExtendedMasterSecret();
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return srtp.settings().handshakeTimeoutMillis();
  }

  @Override
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    srtp.select(clientExtensions);
  }

  @Override
  public Hashtable getServerExtensions() throws IOException {
    Hashtable extensions = super.getServerExtensions();
    srtp.answer(extensions);
    return extensions;
  }

  @Override
  protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
    return DtlsPeers.signer(
        context,
        bcCrypto,
        srtp.settings().certificate(),
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
    DtlsPeers.verifyPeerCertificate(clientCertificate, srtp.settings().remoteFingerprints());
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    srtp.complete(context);
  }

  @Override
  public void notifyAlertReceived(short alertLevel, short alertDescription) {
    srtp.onAlert(alertDescription);
  }
}
