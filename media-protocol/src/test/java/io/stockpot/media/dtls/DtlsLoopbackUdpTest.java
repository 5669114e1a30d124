package io.stockpot.media.dtls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same handshake over real UDP sockets on 127.0.0.1, each fed by a reader thread. */
class DtlsLoopbackUdpTest {

  private static Thread reader(DatagramSocket socket, DtlsTransport transport) {
    return Thread.ofVirtual()
        .start(
            () -> {
              byte[] buf = new byte[2048];
              DatagramPacket packet = new DatagramPacket(buf, buf.length);
              try {
                while (!socket.isClosed()) {
                  socket.receive(packet);
                  if (DtlsTransport.isDtls(buf, 0, packet.getLength())) {
                    transport.feed(buf, 0, packet.getLength());
                  }
                }
              } catch (IOException e) {
                // socket closed at the end of the test
              }
            });
  }

  private static DatagramSender to(DatagramSocket socket, InetSocketAddress target) {
    return (data, off, len) -> {
      try {
        socket.send(new DatagramPacket(data, off, len, target));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Test
  void handshakeOverLoopbackUdp() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(loopback, 0));
        DatagramSocket b = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
      DtlsCertificate certA = DtlsCertificate.generate();
      DtlsCertificate certB = DtlsCertificate.generate();
      DtlsTransport client =
          new DtlsTransport(
              DtlsRole.CLIENT,
              certA,
              List.of(certB.fingerprint()),
              to(a, (InetSocketAddress) b.getLocalSocketAddress()),
              new DtlsLink.Events());
      DtlsTransport server =
          new DtlsTransport(
              DtlsRole.SERVER,
              certB,
              List.of(certA.fingerprint()),
              to(b, (InetSocketAddress) a.getLocalSocketAddress()),
              new DtlsLink.Events());
      reader(a, client);
      reader(b, server);
      server.start();
      client.start();
      SrtpKeyMaterial c = client.connected().get(10, SECONDS);
      SrtpKeyMaterial s = server.connected().get(10, SECONDS);
      assertEquals(SrtpKeyMaterial.AEAD_AES_128_GCM, c.profile());
      assertArrayEquals(c.localKey(), s.remoteKey());
      assertArrayEquals(c.localSalt(), s.remoteSalt());
      client.close();
      server.close();
    } catch (SocketException e) {
      throw e;
    }
  }
}
