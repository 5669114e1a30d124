package io.stockpot.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS-SRTP client side: DTLS 1.2, ECDSA, server authenticated by fingerprint. The SRTP part is
 * {@link SrtpHandshake}'s, shared with the server.
 */
// BouncyCastle's TLS API predates generics (Hashtable, Vector).
@SuppressWarnings({"rawtypes", "unchecked"})
class SrtpDtlsClient extends DefaultTlsClient {
  private final BcTlsCrypto bcCrypto;
  private final SrtpHandshake srtp;

  SrtpDtlsClient(BcTlsCrypto crypto, DtlsPeerSettings settings) {
    super(crypto);
    this.bcCrypto = crypto;
    this.srtp = new SrtpHandshake(settings, DtlsRole.CLIENT);
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
  protected Vector getSupportedGroups(Vector namedGroupRoles) {
    Vector groups = new Vector();
    for (int group : DtlsPeers.GROUPS) {
      groups.add(group);
    }
    return groups;
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
  public Hashtable getClientExtensions() throws IOException {
    Hashtable extensions = super.getClientExtensions();
    srtp.offer(extensions);
    return extensions;
  }

  @Override
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    srtp.acceptSelection(serverExtensions);
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate)
          throws IOException {
        DtlsPeers.verifyPeerCertificate(
            serverCertificate.getCertificate(), srtp.settings().remoteFingerprints());
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
        return DtlsPeers.signer(
            context,
            bcCrypto,
            srtp.settings().certificate(),
            request.getSupportedSignatureAlgorithms());
      }
    };
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
