package io.stockpot.media.srtp;

import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of SRTP on 1200-byte RTP packets (a full video packet), one thread, against bare JCE
 * doing the same cryptographic work. Every operation first copies a plain packet into the work
 * buffer and stamps a new sequence number, since protection works in place and an index may not
 * repeat.
 *
 * <ul>
 *   <li>{@code protect*}: one protectRtp.
 *   <li>{@code roundTrip*}: protectRtp then unprotectRtp with a second context; unprotect alone
 *       costs about the difference (replay protection forbids unprotecting one packet twice).
 *   <li>{@code forged*}: unprotectRtp of a packet with a corrupted tag, the cost of rejecting.
 *   <li>{@code jce*}: AES/CTR re-initialised per packet plus HmacSHA1, and AES/GCM encryption.
 *   <li>{@code keystream*}: the CM keystream alone, via AES/ECB (as used) and via AES/CTR.
 * </ul>
 *
 * <p>Run (JDK 21+), from the repository root:
 *
 * <pre>
 * mvn -q -pl media-protocol test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp media-protocol/target/test-classes:media-protocol/target/classes:$(cat /tmp/cp.txt) \
 *     org.openjdk.jmh.Main SrtpBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SrtpBenchmark {
  private static final int PAYLOAD = 1200 - 12;
  private static final int SSRC = 0x01020304;

  private final byte[] plain = SrtpTestPackets.rtp(0, SSRC, 0, 0, PAYLOAD, 0);
  private final byte[] buf = new byte[1200 + 64];
  private final byte[] out = new byte[1200 + 64];
  private final byte[] tag = new byte[20];
  private final byte[] iv = new byte[16];
  private byte[] forgedCm;
  private byte[] forgedGcm;
  private SrtpContext cmSender;
  private SrtpContext cmReceiver;
  private SrtpContext gcmSender;
  private SrtpContext gcmReceiver;
  private Cipher ctr;
  private Cipher gcm;
  private Mac hmac;
  private SecretKeySpec aesKey;
  private AesCounterMode ecbKeystream;
  private int seq;

  @Setup
  public void setUp() throws Exception {
    byte[] key = new byte[16];
    for (int i = 0; i < 16; i++) {
      key[i] = (byte) i;
    }
    cmSender = new SrtpContext(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, new byte[14]);
    cmReceiver = new SrtpContext(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, new byte[14]);
    gcmSender = new SrtpContext(SrtpProfile.AEAD_AES_128_GCM, key, new byte[12]);
    gcmReceiver = new SrtpContext(SrtpProfile.AEAD_AES_128_GCM, key, new byte[12]);
    forgedCm = forged(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, 14);
    forgedGcm = forged(SrtpProfile.AEAD_AES_128_GCM, key, 12);
    aesKey = new SecretKeySpec(key, "AES");
    ecbKeystream = new AesCounterMode(key);
    ctr = Cipher.getInstance("AES/CTR/NoPadding");
    gcm = Cipher.getInstance("AES/GCM/NoPadding");
    hmac = Mac.getInstance("HmacSHA1");
    hmac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
  }

  private byte[] forged(SrtpProfile p, byte[] key, int saltLength) {
    byte[] b = java.util.Arrays.copyOf(plain, 1200 + p.tagLength());
    int n = new SrtpContext(p, key, new byte[saltLength]).protectRtp(b, 0, 1200);
    b[n - 1] ^= 1;
    return b;
  }

  private int nextPacket() {
    System.arraycopy(plain, 0, buf, 0, 1200);
    int s = seq++ & 0xFFFF;
    buf[2] = (byte) (s >>> 8);
    buf[3] = (byte) s;
    return 1200;
  }

  @Benchmark
  public int protectCm() {
    return cmSender.protectRtp(buf, 0, nextPacket());
  }

  @Benchmark
  public int protectGcm() {
    return gcmSender.protectRtp(buf, 0, nextPacket());
  }

  @Benchmark
  public int roundTripCm() {
    int n = cmSender.protectRtp(buf, 0, nextPacket());
    return cmReceiver.unprotectRtp(buf, 0, n);
  }

  @Benchmark
  public int roundTripGcm() {
    int n = gcmSender.protectRtp(buf, 0, nextPacket());
    return gcmReceiver.unprotectRtp(buf, 0, n);
  }

  @Benchmark
  public int forgedCm() {
    System.arraycopy(forgedCm, 0, buf, 0, forgedCm.length);
    return cmReceiver.unprotectRtp(buf, 0, forgedCm.length);
  }

  @Benchmark
  public int forgedGcm() {
    System.arraycopy(forgedGcm, 0, buf, 0, forgedGcm.length);
    return gcmReceiver.unprotectRtp(buf, 0, forgedGcm.length);
  }

  /** Keystream alone, as the CM profile makes it: AES/ECB over scratch counter blocks. */
  @Benchmark
  public int keystreamEcb() {
    int len = nextPacket();
    ecbKeystream.apply(0x0102030405060708L, (long) seq << 16, buf, 12, len - 12);
    return buf[100];
  }

  /** Keystream alone via AES/CTR, re-initialised with a new IV spec per packet. */
  @Benchmark
  public int keystreamCtr() throws Exception {
    int len = nextPacket();
    iv[13] = (byte) seq;
    iv[12] = (byte) (seq >>> 8);
    ctr.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
    return ctr.doFinal(buf, 12, len - 12, out, 12);
  }

  /** What a straightforward JCE implementation does per packet: CTR re-init plus Mac. */
  @Benchmark
  public int jceCtrHmac() throws Exception {
    int len = nextPacket();
    iv[15] = (byte) seq;
    iv[14] = (byte) (seq >>> 8);
    ctr.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
    int n = ctr.doFinal(buf, 12, len - 12, out, 12);
    hmac.update(buf, 0, 12);
    hmac.update(out, 12, n);
    hmac.doFinal(tag, 0);
    return n;
  }

  /** Bare JCE GCM encryption of the same packet, header as associated data. */
  @Benchmark
  public int jceGcm() throws Exception {
    int len = nextPacket();
    iv[11] = (byte) seq;
    iv[10] = (byte) (seq >>> 8);
    iv[9] = (byte) (seq >>> 16);
    gcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, iv, 0, 12));
    gcm.updateAAD(buf, 0, 12);
    return gcm.doFinal(buf, 12, len - 12, out, 12);
  }

  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(
        args.length > 0
            ? args
            : new String[] {"SrtpBenchmark", "-f", "1", "-wi", "3", "-i", "5", "-prof", "gc"});
  }
}
