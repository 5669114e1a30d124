package io.stockpot.media.dtls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stockpot.media.FuzzSeeds;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the DTLS record path (RFC 6347 §4.1) of a {@link DtlsTransport}
 * server. The input is a run of datagrams, each a 2-byte length and its bytes; a first byte with
 * bit 0 set puts a genuine ClientHello before them, so that the garbage meets a handshake in
 * progress. Feeding never throws, and afterwards the server is not stalled: a genuine ClientHello
 * is answered, or the handshake has failed. Each input costs a handshake thread and, at its end, a
 * server flight (key exchange and signature) or a retransmission timer: a slow target, whose fast
 * companion for the parsing alone is {@link DtlsRecordFuzzTargetTest}.
 */
class DtlsFuzzTargetTest {
  private static final DtlsCertificate CERT = DtlsCertificate.generate();

  /**
   * A genuine ClientHello, made on first use: not in the static initializer, whose lambda the DTLS
   * thread could not run before that initializer ends.
   */
  private static byte[] hello;

  /** Far longer than an answer takes; only a stalled handshake thread runs into it. */
  private static final long LIVENESS_DEADLINE_S = 20;

  @FuzzTest
  void feed(byte[] data) throws InterruptedException, ExecutionException {
    byte[] genuine = hello();
    AtomicReference<CompletableFuture<Void>> answered =
        new AtomicReference<>(new CompletableFuture<>());
    DtlsLink.Events events = new DtlsLink.Events();
    DtlsTransport server =
        new DtlsTransport(
            DtlsRole.SERVER,
            CERT,
            List.of(CERT.fingerprint()),
            (buf, off, len) -> answered.get().complete(null),
            events,
            DtlsOptions.defaults().withHandshakeTimeout(Duration.ofSeconds(10)));
    try {
      server.start();
      if (data.length > 0 && (data[0] & 1) != 0) {
        server.feed(genuine, 0, genuine.length);
      }
      for (int pos = 1; pos + 2 <= data.length; ) {
        int len =
            Math.min(((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF), data.length - pos - 2);
        server.feed(data, pos + 2, len);
        pos += 2 + len;
      }
      answered.set(new CompletableFuture<>());
      server.feed(genuine, 0, genuine.length);
      CompletableFuture.anyOf(answered.get(), events.failed).get(LIVENESS_DEADLINE_S, SECONDS);
    } catch (TimeoutException e) {
      fail("the server neither answered a ClientHello nor failed: state " + server.state());
    } finally {
      server.close();
    }
    assertFalse(server.feed(genuine, 0, genuine.length), "a closed transport takes nothing");
  }

  static synchronized byte[] hello() {
    if (hello == null) {
      hello = clientHello();
    }
    return hello;
  }

  /**
   * The first flight of Stockpot's DTLS client ({@link SrtpDtlsClient}), made on the calling
   * thread: BouncyCastle's client sends its ClientHello, then its wait for an answer is cut short.
   * No thread and no deadline, so a starved machine cannot fail it.
   */
  private static byte[] clientHello() {
    byte[][] first = new byte[1][];
    DatagramTransport capture =
        new CallerThreadTransport() {
          @Override
          public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            throw new InterruptedIOException("ClientHello captured");
          }

          @Override
          public void send(byte[] buf, int off, int len) {
            if (first[0] == null) {
              first[0] = Arrays.copyOfRange(buf, off, off + len);
            }
          }
        };
    DtlsOptions options = DtlsOptions.defaults();
    DtlsPeerSettings settings =
        new DtlsPeerSettings(
            CERT,
            List.of(CERT.fingerprint()),
            options.srtpProfiles(),
            (int) options.handshakeTimeout().toMillis());
    try {
      new DTLSClientProtocol()
          .connect(new SrtpDtlsClient(new BcTlsCrypto(new SecureRandom()), settings), capture);
    } catch (IOException e) {
      // Expected: the capture ends the handshake once the hello is out.
    }
    if (first[0] == null) {
      throw new IllegalStateException("the DTLS client sent no ClientHello");
    }
    return first[0];
  }

  /**
   * Seeds: a genuine ClientHello alone, as garbage after itself, and cut short. The hello is fresh
   * on each run (random, key shares), so the committed seeds are checked for shape, not bytes.
   */
  @Test
  void seedsExist() {
    FuzzSeeds.assertSeedsExist(DtlsFuzzTargetTest.class, "feed", seeds());
  }

  static Map<String, byte[]> seeds() {
    byte[] genuine = hello();
    byte[] framed = new byte[3 + genuine.length];
    framed[0] = 1;
    framed[1] = (byte) (genuine.length >>> 8);
    framed[2] = (byte) genuine.length;
    System.arraycopy(genuine, 0, framed, 3, genuine.length);
    byte[] cut = framed.clone();
    cut[0] = 0;
    return Map.of(
        "hello-only",
        new byte[] {1},
        "hello-twice",
        framed,
        "hello-cut",
        Arrays.copyOf(cut, 3 + genuine.length / 2));
  }
}
