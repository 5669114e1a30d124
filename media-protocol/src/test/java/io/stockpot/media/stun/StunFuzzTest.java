package io.stockpot.media.stun;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Untrusted datagrams never make the reader throw; bad ones read as invalid. */
class StunFuzzTest {
  private static final byte[][] VECTORS = {
    StunRfcTest.SAMPLE_REQUEST,
    StunRfcTest.SAMPLE_IPV4_RESPONSE,
    StunRfcTest.SAMPLE_IPV6_RESPONSE,
    StunRfcTest.SAMPLE_LONG_TERM_REQUEST
  };

  private final Random random = new Random(0x5EED);
  private final StunMessage reader = new StunMessage();
  private final MessageIntegrity integrity = MessageIntegrity.shortTerm(StunRfcTest.PASSWORD);
  private final byte[] scratch = new byte[16];

  @Test
  void randomBytes() {
    for (int i = 0; i < 50_000; i++) {
      byte[] buf = new byte[random.nextInt(160)];
      random.nextBytes(buf);
      int off = buf.length == 0 ? 0 : random.nextInt(buf.length);
      exercise(buf, off, buf.length - off);
    }
  }

  @Test
  void randomBodiesBehindAPlausibleHeader() {
    for (int i = 0; i < 50_000; i++) {
      int body = 4 * random.nextInt(30);
      byte[] buf = new byte[20 + body];
      random.nextBytes(buf);
      buf[0] &= 0x3F;
      buf[2] = (byte) (body >>> 8);
      buf[3] = (byte) body;
      buf[4] = 0x21;
      buf[5] = 0x12;
      buf[6] = (byte) 0xa4;
      buf[7] = 0x42;
      // Bias attribute types toward the ones the reader interprets.
      for (int pos = 20; pos + 4 <= buf.length; pos += 4 + 4 * random.nextInt(6)) {
        int[] types = {0x0006, 0x0008, 0x0009, 0x0020, 0x0024, 0x0025, 0x8028, 0x8029, 0x802A};
        int type = types[random.nextInt(types.length)];
        buf[pos] = (byte) (type >>> 8);
        buf[pos + 1] = (byte) type;
        buf[pos + 2] = 0;
        buf[pos + 3] = (byte) random.nextInt(28);
      }
      exercise(buf, 0, buf.length);
    }
  }

  @Test
  void truncationsOfValidMessages() {
    for (byte[] vector : VECTORS) {
      for (int len = 0; len < vector.length; len++) {
        assertFalse(reader.read(vector, 0, len));
        exercise(vector, 0, len);
        // Same prefix with the header's length field made to agree: attributes are cut short.
        byte[] cut = vector.clone();
        int body = len - 20;
        if (body >= 0) {
          cut[2] = (byte) (body >>> 8);
          cut[3] = (byte) body;
          exercise(cut, 0, len);
        }
      }
    }
  }

  @Test
  void mutatedValidMessages() {
    for (int i = 0; i < 50_000; i++) {
      byte[] buf = VECTORS[random.nextInt(VECTORS.length)].clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        buf[random.nextInt(buf.length)] ^= (byte) (1 << random.nextInt(8));
      }
      exercise(buf, 0, buf.length);
    }
  }

  @Test
  void lyingLengthFields() {
    for (int i = 0; i < 20_000; i++) {
      byte[] buf = VECTORS[random.nextInt(VECTORS.length)].clone();
      // Either the header length or one attribute length tells a lie.
      int at = random.nextBoolean() ? 2 : 22 + 4 * random.nextInt((buf.length - 24) / 4);
      buf[at] = (byte) random.nextInt(256);
      buf[at + 1] = (byte) random.nextInt(256);
      exercise(buf, 0, buf.length);
    }
  }

  @Test
  void outOfRangeArgumentsAreInvalidNotThrown() {
    byte[] v = StunRfcTest.SAMPLE_REQUEST;
    assertFalse(reader.read(null, 0, 20));
    assertFalse(reader.read(v, -1, v.length));
    assertFalse(reader.read(v, 4, v.length));
    assertFalse(reader.read(v, 0, -5));
    assertFalse(reader.read(v, Integer.MAX_VALUE, 20));
    assertNull(StunMessage.parse(new byte[0], 0, 0));
  }

  /** Reads and then calls every accessor, as a caller handling an untrusted datagram would. */
  private void exercise(byte[] buf, int off, int len) {
    if (!reader.read(buf, off, len)) {
      assertFalse(reader.isValid());
      assertFalse(reader.hasUsername());
    }
    reader.messageClass();
    reader.method();
    reader.transactionId();
    reader.username();
    reader.usernameStartsWith(new byte[] {'e', 'v'});
    reader.priority();
    reader.tieBreaker();
    reader.checkFingerprint();
    reader.checkIntegrity(integrity);
    reader.checkIntegrity(new byte[] {1, 2, 3});
    reader.xorMappedAddress();
    reader.copyXorMappedIp(scratch, 0);
    reader.xorMappedPort();
    reader.errorCode();
    reader.errorReason();
    reader.attributeString(StunAttributes.SOFTWARE);
    reader.attributeString(random.nextInt(0x10000));
  }
}
