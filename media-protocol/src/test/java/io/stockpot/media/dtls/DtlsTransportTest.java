package io.stockpot.media.dtls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DtlsTransportTest {

  private static void assertMirrored(SrtpKeyMaterial a, SrtpKeyMaterial b) {
    assertEquals(a.profile(), b.profile());
    assertArrayEquals(a.localKey(), b.remoteKey());
    assertArrayEquals(a.localSalt(), b.remoteSalt());
    assertArrayEquals(a.remoteKey(), b.localKey());
    assertArrayEquals(a.remoteSalt(), b.localSalt());
    assertFalse(java.util.Arrays.equals(a.localKey(), a.remoteKey()));
  }

  /** The Stockpot node may be either side; which one starts first must not matter either. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void bothRolesDeriveMirroredGcmKeys(boolean serverStartsFirst) throws Exception {
    DtlsLink link = new DtlsLink();
    if (serverStartsFirst) {
      link.start();
    } else {
      // The ClientHello waits in the server's queue until the server starts.
      link.client.start();
      Thread.sleep(50);
      link.server.start();
    }
    SrtpKeyMaterial client = link.client.connected().get(10, SECONDS);
    SrtpKeyMaterial server = link.server.connected().get(10, SECONDS);

    assertEquals(SrtpKeyMaterial.AEAD_AES_128_GCM, client.profile());
    assertEquals(16, client.localKey().length);
    assertEquals(12, client.localSalt().length);
    assertMirrored(client, server);
    assertEquals(DtlsState.CONNECTED, link.client.state());
    assertEquals(DtlsState.CONNECTED, link.server.state());
    // The listener hears the same keys as the future (it may run just after the future completes).
    assertEquals(client, link.clientEvents.connected.get(1, SECONDS));
    assertEquals(server, link.serverEvents.connected.get(1, SECONDS));
    assertEquals(1, link.clientEvents.calls.get());
    assertEquals(1, link.server.counters().handshakesCompleted());
    assertTrue(link.server.counters().datagramsIn() >= 3);
    link.client.close();
    link.server.close();
  }

  @Test
  void clientOfferingOnlyAesCmGetsAesCm() throws Exception {
    DtlsLink link =
        new DtlsLink(
            DtlsOptions.defaults().withSrtpProfiles(SrtpKeyMaterial.AES128_CM_HMAC_SHA1_80),
            DtlsOptions.defaults());
    link.start();
    SrtpKeyMaterial client = link.client.connected().get(10, SECONDS);
    SrtpKeyMaterial server = link.server.connected().get(10, SECONDS);
    assertEquals(SrtpKeyMaterial.AES128_CM_HMAC_SHA1_80, server.profile());
    assertEquals(14, server.localSalt().length);
    assertMirrored(client, server);
  }

  @Test
  void serverPreferenceDecidesTheProfile() throws Exception {
    DtlsLink link =
        new DtlsLink(
            DtlsOptions.defaults()
                .withSrtpProfiles(
                    SrtpKeyMaterial.AES128_CM_HMAC_SHA1_80, SrtpKeyMaterial.AEAD_AES_128_GCM),
            DtlsOptions.defaults());
    link.start();
    assertEquals(
        SrtpKeyMaterial.AEAD_AES_128_GCM, link.client.connected().get(10, SECONDS).profile());
  }

  @Test
  void noCommonProfileFailsTheHandshake() throws Exception {
    DtlsLink link =
        new DtlsLink(
            DtlsOptions.defaults().withSrtpProfiles(SrtpKeyMaterial.AES128_CM_HMAC_SHA1_80),
            DtlsOptions.defaults().withSrtpProfiles(SrtpKeyMaterial.AEAD_AES_128_GCM));
    link.start();
    Throwable cause = link.serverEvents.failed.get(10, SECONDS);
    assertEquals(
        AlertDescription.handshake_failure,
        assertInstanceOf(TlsFatalAlert.class, cause).getAlertDescription());
    assertInstanceOf(TlsFatalAlertReceived.class, link.clientEvents.failed.get(10, SECONDS));
  }

  @Test
  void serverRejectsClientWhoseCertificateMissesTheFingerprint() throws Exception {
    DtlsCertificate stranger = DtlsCertificate.generate();
    DtlsLink link =
        new DtlsLink(
            DtlsOptions.defaults(),
            DtlsOptions.defaults(),
            DtlsLink.TRUE_FINGERPRINT,
            cert -> List.of(stranger.fingerprint()));
    link.start();
    Throwable cause = link.serverEvents.failed.get(10, SECONDS);
    assertEquals(
        AlertDescription.bad_certificate,
        assertInstanceOf(TlsFatalAlert.class, cause).getAlertDescription());
    assertEquals(DtlsState.FAILED, link.server.state());
    assertEquals(1, link.server.counters().handshakeFailures());
    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> link.server.connected().get(1, SECONDS));
    assertEquals(cause, failure.getCause());
    // The client hears the alert and fails too, never reporting a connection.
    link.clientEvents.failed.get(10, SECONDS);
    assertFalse(link.clientEvents.connected.isDone());
  }

  @Test
  void clientRejectsServerWhoseCertificateMissesTheFingerprint() throws Exception {
    DtlsLink link =
        new DtlsLink(
            DtlsOptions.defaults(),
            DtlsOptions.defaults(),
            cert -> List.of(new DtlsFingerprint("sha-256", "00:11:22")),
            DtlsLink.TRUE_FINGERPRINT);
    link.start();
    Throwable cause = link.clientEvents.failed.get(10, SECONDS);
    assertEquals(
        AlertDescription.bad_certificate,
        assertInstanceOf(TlsFatalAlert.class, cause).getAlertDescription());
    link.serverEvents.failed.get(10, SECONDS);
    assertFalse(link.serverEvents.connected.isDone());
  }

  @Test
  void missingRemoteFingerprintIsABadCertificate() throws Exception {
    DtlsLink link =
        new DtlsLink(
            DtlsOptions.defaults(),
            DtlsOptions.defaults(),
            DtlsLink.TRUE_FINGERPRINT,
            cert -> List.of());
    link.start();
    assertEquals(
        AlertDescription.bad_certificate,
        ((TlsFatalAlert) link.serverEvents.failed.get(10, SECONDS)).getAlertDescription());
  }

  @Test
  void aWrongWeakerFingerprintDoesNotHideAMatchingStrongerOne() throws Exception {
    DtlsLink link =
        new DtlsLink(
            DtlsOptions.defaults(),
            DtlsOptions.defaults(),
            DtlsLink.TRUE_FINGERPRINT,
            cert ->
                List.of(
                    new DtlsFingerprint("sha-1", "AA:BB"),
                    new DtlsFingerprint("sha-512", cert.fingerprint("sha-512").value())));
    link.start();
    assertMirrored(
        link.client.connected().get(10, SECONDS), link.server.connected().get(10, SECONDS));
  }

  /** Browsers' ClientHellos no longer fit one datagram; the server must reassemble fragments. */
  @Test
  void fragmentedClientHelloStillCompletes() throws Exception {
    DtlsLink link = new DtlsLink(DtlsOptions.defaults().withMtu(120), DtlsOptions.defaults());
    link.start();
    SrtpKeyMaterial client = link.client.connected().get(10, SECONDS);
    assertMirrored(client, link.server.connected().get(10, SECONDS));

    byte[] first = link.fromClient.get(0);
    assertTrue(first.length <= 120);
    assertEquals(22, first[0]); // handshake record
    assertEquals(1, first[13]); // client_hello
    int length = u24(first, 14);
    int fragmentOffset = u24(first, 19);
    int fragmentLength = u24(first, 22);
    assertEquals(0, fragmentOffset);
    assertTrue(fragmentLength < length, "ClientHello was not fragmented");
  }

  /** Losing a whole flight costs one retransmission timeout, not the association. */
  @Test
  void lostFlightsAreRetransmitted() throws Exception {
    AtomicInteger dropped = new AtomicInteger();
    DtlsLink link = new DtlsLink();
    link.filter = (from, datagram) -> from == DtlsRole.CLIENT || dropped.getAndIncrement() > 0;
    link.start();
    assertMirrored(
        link.client.connected().get(10, SECONDS), link.server.connected().get(10, SECONDS));
    assertEquals(true, dropped.get() > 1);
  }

  private static int u24(byte[] b, int off) {
    return (b[off] & 0xff) << 16 | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff);
  }
}
