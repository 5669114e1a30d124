package io.stockpot.media.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stockpot.media.dtls.DtlsFingerprint;
import io.stockpot.media.router.DropCounters;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code connect} refuses with a typed reason, which the room turns into the error code the client
 * hears. A remote DTLS server makes this side the client, which waits for ICE: no handshake starts.
 */
class WebRtcTransportConnectTest {
  private static final DtlsFingerprint SHA256 =
      new DtlsFingerprint("sha-256", "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89");

  private static WebRtcTransport transport() {
    return new WebRtcTransport(
        "t", null, null, "127.0.0.1", Runnable::run, null, () -> 0L, new DropCounters());
  }

  @Test
  void secondConnectIsRefusedAsAlreadyConnected() {
    WebRtcTransport t = transport();
    t.connect("server", List.of(SHA256));
    TransportException e =
        assertThrows(TransportException.class, () -> t.connect("server", List.of(SHA256)));
    assertEquals(TransportException.Reason.ALREADY_CONNECTED, e.reason());
    assertEquals("connect() already called", e.getMessage());
  }

  @Test
  void sha1AloneIsRefusedAsBadParameters() {
    TransportException e =
        assertThrows(
            TransportException.class,
            () -> transport().connect("server", List.of(new DtlsFingerprint("sha-1", "AB:CD"))));
    assertEquals(TransportException.Reason.BAD_PARAMETERS, e.reason());
  }

  @Test
  void unknownRoleIsRefusedAsBadParameters() {
    TransportException e =
        assertThrows(
            TransportException.class, () -> transport().connect("observer", List.of(SHA256)));
    assertEquals(TransportException.Reason.BAD_PARAMETERS, e.reason());
    assertEquals("bad dtlsParameters.role: observer", e.getMessage());
  }
}
