package io.stockpot.media.stun;

import java.util.zip.CRC32;

/** The FINGERPRINT attribute's value (RFC 5389 §15.5): CRC-32 of the message before it, XORed. */
public final class StunFingerprint {
  /** XORed into the CRC so that a STUN CRC differs from one another protocol might carry. */
  public static final int XOR = 0x5354554e;

  private StunFingerprint() {}

  /** CRC-32 of {@code buf[off, off + len)} XOR 0x5354554e; {@code crc} is scratch state. */
  public static int compute(CRC32 crc, byte[] buf, int off, int len) {
    crc.reset();
    crc.update(buf, off, len);
    return (int) crc.getValue() ^ XOR;
  }
}
