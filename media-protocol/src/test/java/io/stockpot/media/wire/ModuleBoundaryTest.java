package io.stockpot.media.wire;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protocol packages know nothing of Vert.x, Netty, Jackson or rooms: none of them is on this
 * module's classpath. The real guard is the module's dependency list (the compiler refuses an
 * import of them); this test fails as soon as one of them sneaks in, even as a test dependency.
 */
class ModuleBoundaryTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "io.vertx.core.Vertx",
        "io.vertx.core.json.JsonObject",
        "io.netty.buffer.ByteBuf",
        "com.fasterxml.jackson.databind.ObjectMapper",
        "com.hazelcast.core.HazelcastInstance",
        "io.stockpot.registry.RoomRegistry",
        "io.stockpot.registry.Addresses",
        "io.stockpot.media.router.Router",
        "io.stockpot.media.RoomVerticle",
        "io.stockpot.media.webrtc.WebRtcTransport"
      })
  void unreachableFromTheProtocolModule(String className) {
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName(className, false, getClass().getClassLoader()),
        className + " must not be on media-protocol's classpath");
  }

  @Test
  void theProtocolPackagesAreHere() throws ClassNotFoundException {
    // The check above means something only if this class loader does see the protocol classes.
    for (String name :
        List.of(
            "io.stockpot.media.stun.StunMessage",
            "io.stockpot.media.srtp.SrtpContext",
            "io.stockpot.media.dtls.DtlsTransport",
            "io.stockpot.media.rtcp.TransportCc",
            "org.bouncycastle.tls.DTLSServerProtocol")) {
      Class.forName(name, false, getClass().getClassLoader());
    }
  }
}
