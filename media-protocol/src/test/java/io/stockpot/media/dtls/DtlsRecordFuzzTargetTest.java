package io.stockpot.media.dtls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stockpot.media.FuzzSeeds;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of what a DTLS server parses from untrusted datagrams (RFC 6347 §4.1
 * records, §4.2 handshake messages, the use_srtp extension of RFC 5764 §4.1.1), fast: no thread and
 * no timer. BouncyCastle's {@link DTLSServerProtocol} reads the input's datagrams (the framing of
 * {@link DtlsFuzzTargetTest}: a flag byte whose bit 0 puts a genuine ClientHello first, then 2-byte
 * lengths and bytes) straight from a transport on the fuzzing thread, and the handshake ends when
 * they run out. Refusals ({@link IOException}, alerts) are the expected outcome; any other
 * exception is a finding. {@link DtlsFuzzTargetTest} checks the threaded transport stays live.
 */
class DtlsRecordFuzzTargetTest {
  private static final DtlsCertificate CERT = DtlsCertificate.generate();
  private static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());
  private static final DtlsPeerSettings SETTINGS =
      new DtlsPeerSettings(
          CERT,
          List.of(CERT.fingerprint()),
          DtlsOptions.defaults().srtpProfiles(),
          (int) DtlsOptions.defaults().handshakeTimeout().toMillis());

  @FuzzTest
  void accept(byte[] data) {
    try {
      new DTLSServerProtocol()
          .accept(
              new SrtpDtlsServer(CRYPTO, SETTINGS),
              new Datagrams(data, DtlsFuzzTargetTest.hello()));
    } catch (IOException e) {
      // Refused, or the input ran out mid-handshake: what garbage should get.
    }
  }

  /** Seeds: the slow target's (a genuine ClientHello alone, twice, cut short). */
  @Test
  void seedsExist() {
    FuzzSeeds.assertSeedsExist(
        DtlsRecordFuzzTargetTest.class, "accept", DtlsFuzzTargetTest.seeds());
  }

  /** The input's datagrams, in order; then the transport is closed, which ends the handshake. */
  private static final class Datagrams extends CallerThreadTransport {
    private final byte[] data;
    private final byte[] hello;
    private int pos = 1;
    private boolean helloPending;

    Datagrams(byte[] data, byte[] hello) {
      this.data = data;
      this.hello = hello;
      this.helloPending = data.length > 0 && (data[0] & 1) != 0;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
      if (helloPending) {
        helloPending = false;
        return copy(hello, 0, hello.length, buf, off, len);
      }
      if (pos + 2 > data.length) {
        throw new InterruptedIOException("input ran out");
      }
      int n = Math.min(((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF), data.length - pos - 2);
      int start = pos + 2;
      pos = start + n;
      return copy(data, start, n, buf, off, len);
    }

    private static int copy(byte[] from, int start, int n, byte[] buf, int off, int len) {
      int copied = Math.min(n, len);
      System.arraycopy(from, start, buf, off, copied);
      return copied;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
      // The server's answers go nowhere: only what it parses matters here.
    }
  }
}
