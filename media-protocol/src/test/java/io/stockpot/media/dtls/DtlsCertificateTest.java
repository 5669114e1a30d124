package io.stockpot.media.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {

  private static final DtlsCertificate CERT = DtlsCertificate.generate();

  @Test
  void isSelfSignedP256WithStockpotNameAndWideValidity() throws Exception {
    X509Certificate x509 =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(CERT.encoded()));
    assertEquals("CN=stockpot", x509.getSubjectX500Principal().getName());
    assertEquals(x509.getSubjectX500Principal(), x509.getIssuerX500Principal());
    assertEquals("SHA256withECDSA", x509.getSigAlgName());
    assertEquals(
        256, ((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize());
    x509.verify(x509.getPublicKey()); // self-signed
    assertTrue(x509.getSerialNumber().signum() > 0);
    Instant now = Instant.now();
    assertTrue(x509.getNotBefore().toInstant().isBefore(now.minus(Duration.ofDays(29))));
    assertTrue(x509.getNotAfter().toInstant().isAfter(now.plus(Duration.ofDays(364))));
    x509.checkValidity();
  }

  @Test
  void eachGenerationIsAFreshKeyAndSerial() {
    DtlsCertificate other = DtlsCertificate.generate();
    assertNotEquals(CERT.fingerprint(), other.fingerprint());
  }

  @Test
  void sha256FingerprintIsUpperCaseColonSeparatedHex() throws Exception {
    DtlsFingerprint fp = CERT.fingerprint();
    assertEquals("sha-256", fp.algorithm());
    assertTrue(fp.value().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fp.value());
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(CERT.encoded());
    assertEquals(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest), fp.value());
  }

  @Test
  void otherAlgorithmsHaveTheirLengths() {
    assertEquals(20 * 3 - 1, CERT.fingerprint("sha-1").value().length());
    assertEquals(48 * 3 - 1, CERT.fingerprint("SHA-384").value().length());
    assertEquals(64 * 3 - 1, CERT.fingerprint("sha-512").value().length());
    assertThrows(IllegalArgumentException.class, () -> CERT.fingerprint("md5"));
    assertEquals(28 * 3 - 1, CERT.fingerprint("sha-224").value().length());
    assertFalse(DtlsFingerprint.isSupportedAlgorithm("md5"));
  }

  @Test
  void fingerprintOfPeerCertificateMatchesSignalledValue() throws Exception {
    BcTlsCrypto crypto = new BcTlsCrypto();
    Certificate chain = CERT.tlsCertificate(crypto);
    assertEquals(CERT.fingerprint().value(), DtlsCertificate.fingerprintOf("sha-256", chain));
    TlsCertificate leaf = chain.getCertificateAt(0);
    assertEquals(
        CERT.fingerprint("sha-512").value(), DtlsCertificate.fingerprintOf("sha-512", leaf));
    assertThrows(
        java.io.IOException.class,
        () -> DtlsCertificate.fingerprintOf("sha-256", Certificate.EMPTY_CHAIN));
  }

  @Test
  void matchingIsCaseInsensitiveAndRejectsOtherCertificates() {
    DtlsFingerprint lower =
        new DtlsFingerprint(" SHA-256 ", CERT.fingerprint().value().toLowerCase(Locale.ROOT));
    assertEquals("sha-256", lower.algorithm());
    assertTrue(lower.matches(CERT.encoded()));
    assertFalse(lower.matches(DtlsCertificate.generate().encoded()));
    assertFalse(new DtlsFingerprint("md5", "AA").matches(CERT.encoded()));
    assertFalse(lower.matches(null));
  }

  @Test
  void randomSignalledFingerprintsNeverThrow() {
    Random random = new Random(7);
    String[] algorithms = {"sha-1", "sha-256", "sha-384", "sha-512", "", "x", "sha-256 "};
    byte[] der = CERT.encoded();
    for (int i = 0; i < 2000; i++) {
      char[] chars = new char[random.nextInt(120)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = (char) random.nextInt(128);
      }
      DtlsFingerprint fp =
          new DtlsFingerprint(algorithms[random.nextInt(algorithms.length)], new String(chars));
      assertFalse(fp.matches(der));
    }
  }

  @Test
  void roleFollowsTheRemoteSetup() {
    assertEquals(DtlsRole.SERVER, DtlsRole.forRemoteRole("client"));
    assertEquals(DtlsRole.CLIENT, DtlsRole.forRemoteRole("SERVER"));
    assertEquals(DtlsRole.CLIENT, DtlsRole.forRemoteRole("auto"));
    assertThrows(IllegalArgumentException.class, () -> DtlsRole.forRemoteRole("actpass"));
    assertEquals("server", DtlsRole.SERVER.signalled());
  }
}
