package io.stockpot.media.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.stockpot.media.router.DropCounters;
import org.junit.jupiter.api.Test;

/** The CNAME a transport gives its producers (mediasoup's Transport cnameForProducers). */
class WebRtcTransportCnameTest {
  private static WebRtcTransport transport() {
    return new WebRtcTransport(
        "t", null, null, "127.0.0.1", Runnable::run, null, () -> 0L, new DropCounters());
  }

  @Test
  void theFirstProducersCnameIsEveryProducersCname() {
    WebRtcTransport t = transport();
    assertEquals("abc", t.cnameForProducers("abc"));
    assertEquals("abc", t.cnameForProducers("other"));
    assertEquals("abc", t.cnameForProducers(null));
  }

  @Test
  void aProducerWithoutCnameGetsARandomOneKeptForTheTransport() {
    WebRtcTransport t = transport();
    String cname = t.cnameForProducers(null);
    assertEquals(8, cname.length());
    assertFalse(cname.isBlank());
    assertEquals(cname, t.cnameForProducers("late"));
    WebRtcTransport empty = transport();
    assertEquals(8, empty.cnameForProducers("").length());
  }
}
