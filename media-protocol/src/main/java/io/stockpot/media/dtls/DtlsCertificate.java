package io.stockpot.media.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The node's DTLS identity: one self-signed ECDSA P-256 certificate and its private key.
 *
 * <p>WebRTC authenticates DTLS peers by the certificate fingerprint exchanged over signalling, not
 * by a CA chain, so the certificate only needs to be well-formed and currently valid. It is made
 * once at node start and shared by every transport.
 */
public final class DtlsCertificate {

  /** Back-dating tolerates peers whose clocks run behind ours. */
  private static final Duration NOT_BEFORE_SLACK = Duration.ofDays(30);

  private static final Duration LIFETIME = Duration.ofDays(365);

  private final byte[] der;
  private final AsymmetricKeyParameter privateKey;
  private final DtlsFingerprint fingerprint;

  private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
    this.der = der;
    this.privateKey = privateKey;
    this.fingerprint = DtlsFingerprint.of("sha-256", der);
  }

  /** Generates a fresh key pair and certificate with a strong random source. */
  public static DtlsCertificate generate() {
    return generate(new SecureRandom());
  }

  /** Generates a fresh key pair and certificate (CN=stockpot, random serial). */
  public static DtlsCertificate generate(SecureRandom random) {
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(
        new ECKeyGenerationParameters(
            ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1), random));
    AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=stockpot");
    // Positive, non-zero, at most 64 bits: what RFC 5280 asks of serial numbers.
    BigInteger serial = new BigInteger(63, random).add(BigInteger.ONE);
    try {
      X509v3CertificateBuilder builder =
          new X509v3CertificateBuilder(
              name,
              serial,
              Date.from(now.minus(NOT_BEFORE_SLACK)),
              Date.from(now.plus(LIFETIME)),
              name,
              SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
      AlgorithmIdentifier sigAlg =
          new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
      AlgorithmIdentifier digAlg = new DefaultDigestAlgorithmIdentifierFinder().find(sigAlg);
      byte[] der =
          builder
              .build(new BcECContentSignerBuilder(sigAlg, digAlg).build(keyPair.getPrivate()))
              .getEncoded();
      return new DtlsCertificate(der, keyPair.getPrivate());
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create DTLS certificate", e);
    }
  }

  /** DER encoding of the certificate (a copy). */
  public byte[] encoded() {
    return der.clone();
  }

  /** The SHA-256 fingerprint to signal to peers. */
  public DtlsFingerprint fingerprint() {
    return fingerprint;
  }

  /** The fingerprint under another hash, for peers that ask for one. */
  public DtlsFingerprint fingerprint(String algorithm) {
    return DtlsFingerprint.of(algorithm, der);
  }

  /**
   * Fingerprint of the leaf of a peer's certificate chain as received in the handshake.
   *
   * @throws IOException when the chain is empty or cannot be encoded
   */
  public static String fingerprintOf(String algorithm, Certificate chain) throws IOException {
    if (chain == null || chain.isEmpty()) {
      throw new IOException("empty certificate chain");
    }
    return fingerprintOf(algorithm, chain.getCertificateAt(0));
  }

  /** Fingerprint of a single certificate as received in the handshake. */
  public static String fingerprintOf(String algorithm, TlsCertificate certificate)
      throws IOException {
    return DtlsFingerprint.compute(algorithm, certificate.getEncoded());
  }

  Certificate tlsCertificate(TlsCrypto crypto) throws IOException {
    return new Certificate(new TlsCertificate[] {crypto.createCertificate(der)});
  }

  AsymmetricKeyParameter privateKey() {
    return privateKey;
  }
}
