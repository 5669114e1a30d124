package io.stockpot.media.dtls;

import java.io.IOException;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** Policy shared by the DTLS client and server peers. */
final class DtlsPeers {

  /**
   * ECDHE with our ECDSA certificate only. AES-128-GCM first: every browser offers it. The CBC
   * suite is kept for older non-browser stacks.
   */
  static final int[] CIPHER_SUITES = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
  };

  /**
   * Key-exchange groups we accept in DTLS 1.2. Browsers also list hybrid post-quantum groups
   * (X25519MLKEM768) meant for DTLS 1.3; those must never be picked for a 1.2 ECDHE exchange.
   */
  static final int[] GROUPS = {NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1};

  private DtlsPeers() {}

  static boolean isAcceptedGroup(int group) {
    for (int g : GROUPS) {
      if (g == group) {
        return true;
      }
    }
    return false;
  }

  /**
   * Accepts the peer's leaf certificate only if it hashes to one of the signalled fingerprints of
   * the strongest signalled hash function ({@link DtlsFingerprint#strongest}): a match under a
   * weaker hash does not count, and a SHA-1-only peer is refused. This is WebRTC's whole
   * authentication: the handshake itself proves possession of the key.
   */
  static void verifyPeerCertificate(Certificate chain, List<DtlsFingerprint> fingerprints)
      throws IOException {
    if (chain == null || chain.isEmpty()) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer sent no certificate");
    }
    if (fingerprints.isEmpty()) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, "no remote fingerprint signalled");
    }
    List<DtlsFingerprint> verified;
    try {
      verified = DtlsFingerprint.strongest(fingerprints);
    } catch (IllegalArgumentException e) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, e.getMessage());
    }
    byte[] der = chain.getCertificateAt(0).getEncoded();
    for (DtlsFingerprint fingerprint : verified) {
      if (fingerprint.matches(der)) {
        return;
      }
    }
    throw new TlsFatalAlert(
        AlertDescription.bad_certificate,
        "peer certificate does not match the signalled "
            + verified.get(0).algorithm()
            + " fingerprint");
  }

  /** Our ECDSA signer, hashing with the first ECDSA scheme the peer lists. */
  static TlsCredentialedSigner signer(
      TlsContext context, BcTlsCrypto crypto, DtlsCertificate certificate, Vector<?> peerSigAlgs)
      throws IOException {
    SignatureAndHashAlgorithm algorithm =
        TlsUtils.chooseSignatureAndHashAlgorithm(context, peerSigAlgs, SignatureAlgorithm.ecdsa);
    return new BcDefaultTlsCredentialedSigner(
        new TlsCryptoParameters(context),
        crypto,
        certificate.privateKey(),
        certificate.tlsCertificate(crypto),
        algorithm);
  }

  /** Runs the RFC 5764 exporter and orients the result for {@code role}. */
  static SrtpKeyMaterial exportKeys(TlsContext context, int profile, DtlsRole role) {
    byte[] exported =
        context.exportKeyingMaterial(
            SrtpKeySplit.EXPORTER_LABEL, null, SrtpKeySplit.exportLength(profile));
    return SrtpKeySplit.split(profile, exported, role);
  }

  /** The first of our profiles (in our order of preference) that the peer also offers. */
  static int chooseProfile(int[] ours, int[] theirs) {
    for (int profile : ours) {
      for (int offered : theirs) {
        if (profile == offered) {
          return profile;
        }
      }
    }
    return -1;
  }
}
