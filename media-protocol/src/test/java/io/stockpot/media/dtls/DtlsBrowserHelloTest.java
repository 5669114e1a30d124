package io.stockpot.media.dtls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.KeyShareEntry;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

/**
 * A ClientHello shaped like current Chrome's: DTLS 1.3 and 1.2 in supported_versions, the hybrid
 * X25519MLKEM768 group listed first with a 1216-byte key share. That hello exceeds 1200 bytes, so
 * it arrives in two datagrams. The server must reassemble it and answer with DTLS 1.2 and a classic
 * ECDHE group.
 */
class DtlsBrowserHelloTest {

  /** Our client policy plus the extensions a DTLS 1.3-capable browser adds. */
  static final class BrowserLikeClient extends SrtpDtlsClient {
    BrowserLikeClient(BcTlsCrypto crypto, DtlsPeerSettings settings) {
      super(crypto, settings);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
      Vector groups = new Vector();
      groups.add(NamedGroup.X25519MLKEM768);
      groups.addAll(super.getSupportedGroups(namedGroupRoles));
      return groups;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
      Hashtable extensions = super.getClientExtensions();
      TlsExtensionsUtils.addSupportedVersionsExtensionClient(
          extensions, new ProtocolVersion[] {ProtocolVersion.DTLSv13, ProtocolVersion.DTLSv12});
      SecureRandom random = new SecureRandom();
      byte[] hybrid = new byte[1216];
      byte[] x25519 = new byte[32];
      random.nextBytes(hybrid);
      random.nextBytes(x25519);
      Vector shares = new Vector();
      shares.add(new KeyShareEntry(NamedGroup.X25519MLKEM768, hybrid));
      shares.add(new KeyShareEntry(NamedGroup.x25519, x25519));
      TlsExtensionsUtils.addKeyShareClientHello(extensions, shares);
      return extensions;
    }
  }

  @Test
  void serverAnswersDtls13HybridHelloWithDtls12AndX25519() throws Exception {
    DtlsCertificate browserCert = DtlsCertificate.generate();
    DtlsCertificate nodeCert = DtlsCertificate.generate();
    List<byte[]> fromBrowser = Collections.synchronizedList(new ArrayList<>());
    List<byte[]> fromNode = Collections.synchronizedList(new ArrayList<>());
    DtlsQueueTransport[] browserSide = new DtlsQueueTransport[1];

    DtlsTransport node =
        new DtlsTransport(
            DtlsRole.SERVER,
            nodeCert,
            List.of(browserCert.fingerprint()),
            (data, off, len) -> {
              fromNode.add(data.clone());
              browserSide[0].offer(data, off, len);
            },
            new DtlsLink.Events());
    browserSide[0] =
        new DtlsQueueTransport(
            64,
            1200,
            (data, off, len) -> {
              fromBrowser.add(data.clone());
              node.feed(data, off, len);
            },
            new DtlsCounters());
    BrowserLikeClient browser =
        new BrowserLikeClient(
            new BcTlsCrypto(new SecureRandom()),
            new DtlsPeerSettings(
                browserCert,
                List.of(nodeCert.fingerprint()),
                DtlsOptions.defaults().srtpProfiles(),
                10_000));
    node.start();
    CompletableFuture<SrtpKeyMaterial> browserKeys = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                new DTLSClientProtocol().connect(browser, browserSide[0]);
                browserKeys.complete(browser.keys());
              } catch (IOException | RuntimeException e) {
                browserKeys.completeExceptionally(e);
              }
            });

    SrtpKeyMaterial nodeKeys = node.connected().get(10, SECONDS);
    SrtpKeyMaterial clientKeys = browserKeys.get(10, SECONDS);
    assertEquals(SrtpKeyMaterial.AEAD_AES_128_GCM, nodeKeys.profile());
    assertArrayEquals(clientKeys.localKey(), nodeKeys.remoteKey());
    assertArrayEquals(clientKeys.remoteSalt(), nodeKeys.localSalt());

    // The hello really was split: its first datagram carries only a fragment.
    byte[] first = fromBrowser.get(0);
    assertEquals(1, first[13]);
    assertTrue(u24(first, 22) < u24(first, 14), "ClientHello not fragmented");
    assertTrue(u24(first, 14) > 1200);

    // ServerHello (type 2) says DTLS 1.2, and the ECDHE group in ServerKeyExchange is x25519.
    byte[] serverHello = handshakeBody(fromNode, 2);
    assertEquals((byte) 0xfe, serverHello[0]);
    assertEquals((byte) 0xfd, serverHello[1]);
    byte[] keyExchange = handshakeBody(fromNode, 12);
    assertEquals(3, keyExchange[0]); // named_curve
    assertEquals(NamedGroup.x25519, (keyExchange[1] & 0xff) << 8 | (keyExchange[2] & 0xff));
    node.close();
  }

  /** Start of the first unencrypted handshake message of the given type in the datagrams. */
  private static byte[] handshakeBody(List<byte[]> datagrams, int type) {
    synchronized (datagrams) {
      for (byte[] d : datagrams) {
        for (int rec = 0; rec + 13 <= d.length; rec += 13 + u16(d, rec + 11)) {
          boolean epoch0 = u16(d, rec + 3) == 0;
          int end = Math.min(d.length, rec + 13 + u16(d, rec + 11));
          for (int msg = rec + 13; d[rec] == 22 && epoch0 && msg + 12 <= end; ) {
            int fragmentLength = u24(d, msg + 9);
            if (d[msg] == type && u24(d, msg + 6) == 0) {
              return java.util.Arrays.copyOfRange(d, msg + 12, msg + 12 + fragmentLength);
            }
            msg += 12 + fragmentLength;
          }
        }
      }
    }
    throw new AssertionError("no handshake message of type " + type);
  }

  private static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  private static int u24(byte[] b, int off) {
    return (b[off] & 0xff) << 16 | u16(b, off + 1);
  }
}
