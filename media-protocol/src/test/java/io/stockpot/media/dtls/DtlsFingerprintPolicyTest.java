package io.stockpot.media.dtls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

/**
 * RFC 8122 §5: the peer's certificate is verified against the fingerprints of the strongest hash
 * function it signalled, never a weaker one; a SHA-1-only peer is refused.
 */
class DtlsFingerprintPolicyTest {
  private static final DtlsFingerprint WRONG_SHA256 =
      new DtlsFingerprint("sha-256", "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF");

  private final DtlsCertificate cert = DtlsCertificate.generate();
  private final Certificate chain;

  DtlsFingerprintPolicyTest() throws Exception {
    chain = cert.tlsCertificate(new BcTlsCrypto(new SecureRandom()));
  }

  private DtlsFingerprint wrong(String algorithm) {
    return DtlsFingerprint.of(algorithm, DtlsCertificate.generate().encoded());
  }

  private TlsFatalAlert refused(List<DtlsFingerprint> signalled) {
    TlsFatalAlert alert =
        assertThrows(TlsFatalAlert.class, () -> DtlsPeers.verifyPeerCertificate(chain, signalled));
    assertEquals(AlertDescription.bad_certificate, alert.getAlertDescription());
    return alert;
  }

  @Test
  void theStrongestSignalledAlgorithmIsChosen() {
    List<DtlsFingerprint> signalled =
        List.of(
            cert.fingerprint("sha-1"),
            cert.fingerprint("sha-512"),
            cert.fingerprint("sha-256"),
            cert.fingerprint("sha-384"));
    assertEquals(List.of(cert.fingerprint("sha-512")), DtlsFingerprint.strongest(signalled));
    assertEquals(
        List.of(cert.fingerprint("sha-224")),
        DtlsFingerprint.strongest(List.of(cert.fingerprint("sha-1"), cert.fingerprint("sha-224"))));
    // Several fingerprints of the strongest hash are all candidates.
    assertEquals(
        List.of(WRONG_SHA256, cert.fingerprint()),
        DtlsFingerprint.strongest(
            List.of(WRONG_SHA256, cert.fingerprint("sha-1"), cert.fingerprint())));
  }

  @Test
  void theStrongestWinsEvenWhenOnlyItMatches() {
    assertDoesNotThrow(
        () ->
            DtlsPeers.verifyPeerCertificate(
                chain, List.of(wrong("sha-1"), WRONG_SHA256, cert.fingerprint("sha-384"))));
  }

  @Test
  void aMismatchOnTheStrongestRefusesEvenIfAWeakerMatches() {
    TlsFatalAlert alert =
        refused(List.of(cert.fingerprint("sha-1"), cert.fingerprint("sha-256"), wrong("sha-512")));
    assertTrue(alert.getMessage().contains("sha-512"), alert.getMessage());
  }

  @Test
  void aSha1OnlyPeerIsRefusedEvenWhenItMatches() {
    TlsFatalAlert alert = refused(List.of(cert.fingerprint("sha-1")));
    assertTrue(alert.getMessage().contains("only a sha-1 fingerprint"), alert.getMessage());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DtlsFingerprint.strongest(List.of(cert.fingerprint("sha-1"))));
    assertTrue(
        e.getMessage().contains("sha-256 (or sha-224, sha-384, sha-512) is required"),
        e.getMessage());
  }

  @Test
  void unknownAlgorithmsAloneAreRefused() {
    refused(List.of(new DtlsFingerprint("md5", "AA:BB")));
    refused(List.of());
  }

  /** The same policy in a real handshake: the server refuses the client's certificate. */
  @Test
  void aHandshakeFailsWhenOnlyAWeakerFingerprintMatches() throws Exception {
    DtlsLink link =
        new DtlsLink(
            DtlsOptions.defaults(),
            DtlsOptions.defaults(),
            DtlsLink.TRUE_FINGERPRINT,
            c -> List.of(c.fingerprint("sha-256"), wrong("sha-384")));
    link.start();
    Throwable cause = link.serverEvents.failed.get(10, SECONDS);
    assertEquals(
        AlertDescription.bad_certificate,
        assertInstanceOf(TlsFatalAlert.class, cause).getAlertDescription());
    link.clientEvents.failed.get(10, SECONDS);
    assertFalse(link.serverEvents.connected.isDone());
  }
}
