package io.stockpot.media.srtp;

/**
 * SRTP_AES128_CM_HMAC_SHA1_80 (RFC 3711): AES counter mode for confidentiality and an 80-bit
 * HMAC-SHA1 tag over the whole packet. The tag is checked before anything is decrypted, so a packet
 * that fails authentication is left as it arrived.
 */
final class AesCmHmacTransform extends SrtpTransform {
  private static final int TAG = 10;

  private final AesCounterMode rtpCipher;
  private final AesCounterMode rtcpCipher;
  private final HmacSha1 rtpMac;
  private final HmacSha1 rtcpMac;
  private final long rtpSaltHigh;
  private final long rtpSaltLow;
  private final long rtcpSaltHigh;
  private final long rtcpSaltLow;
  private final byte[] mac = new byte[HmacSha1.LENGTH];

  AesCmHmacTransform(SessionKeys keys) {
    rtpCipher = new AesCounterMode(keys.rtpKey());
    rtcpCipher = new AesCounterMode(keys.rtcpKey());
    rtpMac = new HmacSha1(keys.rtpAuthKey());
    rtcpMac = new HmacSha1(keys.rtcpAuthKey());
    // The 112-bit salt, shifted left by 16 bits, fills bytes 0..13 of the 16-byte IV.
    byte[] salt = new byte[16];
    System.arraycopy(keys.rtpSalt(), 0, salt, 0, 14);
    rtpSaltHigh = AesCounterMode.readLong(salt, 0);
    rtpSaltLow = AesCounterMode.readLong(salt, 8);
    System.arraycopy(keys.rtcpSalt(), 0, salt, 0, 14);
    rtcpSaltHigh = AesCounterMode.readLong(salt, 0);
    rtcpSaltLow = AesCounterMode.readLong(salt, 8);
  }

  // IV = (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16), RFC 3711 §4.1.1: the SSRC lands on
  // bytes 4..7, the 48-bit index on bytes 8..13.

  @Override
  int protectRtp(byte[] buf, int off, int len, int headerLen, int ssrc, long index) {
    if (!rtpCipher.apply(
        rtpSaltHigh ^ (ssrc & 0xFFFFFFFFL),
        rtpSaltLow ^ (index << 16),
        buf,
        off + headerLen,
        len - headerLen)) {
      return SrtpStatus.CRYPTO_ERROR;
    }
    rtpMac.update(buf, off, len);
    rtpMac.updateInt((int) (index >>> 16));
    rtpMac.finish(mac, 0);
    System.arraycopy(mac, 0, buf, off + len, TAG);
    return len + TAG;
  }

  @Override
  int unprotectRtp(byte[] buf, int off, int len, int headerLen, int ssrc, long index) {
    int plain = len - TAG;
    rtpMac.update(buf, off, plain);
    rtpMac.updateInt((int) (index >>> 16));
    rtpMac.finish(mac, 0);
    if (!equalsConstantTime(mac, 0, buf, off + plain, TAG)) {
      return SrtpStatus.AUTH_FAILED;
    }
    if (!rtpCipher.apply(
        rtpSaltHigh ^ (ssrc & 0xFFFFFFFFL),
        rtpSaltLow ^ (index << 16),
        buf,
        off + headerLen,
        plain - headerLen)) {
      return SrtpStatus.CRYPTO_ERROR;
    }
    return plain;
  }

  // SRTCP (RFC 3711 §3.4): header | encrypted part | E+index | tag; the tag covers the E+index
  // word, and the IV uses the SRTCP index in place of the RTP packet index.

  @Override
  int protectRtcp(byte[] buf, int off, int len, int ssrc, int index) {
    if (!rtcpCipher.apply(
        rtcpSaltHigh ^ (ssrc & 0xFFFFFFFFL),
        rtcpSaltLow ^ ((long) index << 16),
        buf,
        off + 8,
        len - 8)) {
      return SrtpStatus.CRYPTO_ERROR;
    }
    writeInt(buf, off + len, 0x80000000 | index);
    rtcpMac.update(buf, off, len + 4);
    rtcpMac.finish(mac, 0);
    System.arraycopy(mac, 0, buf, off + len + 4, TAG);
    return len + 4 + TAG;
  }

  @Override
  int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eIndex) {
    int authenticated = len - TAG;
    rtcpMac.update(buf, off, authenticated);
    rtcpMac.finish(mac, 0);
    if (!equalsConstantTime(mac, 0, buf, off + authenticated, TAG)) {
      return SrtpStatus.AUTH_FAILED;
    }
    int plain = authenticated - 4;
    if (eIndex < 0
        && !rtcpCipher.apply(
            rtcpSaltHigh ^ (ssrc & 0xFFFFFFFFL),
            rtcpSaltLow ^ ((long) (eIndex & 0x7FFFFFFF) << 16),
            buf,
            off + 8,
            plain - 8)) {
      return SrtpStatus.CRYPTO_ERROR;
    }
    return plain;
  }
}
