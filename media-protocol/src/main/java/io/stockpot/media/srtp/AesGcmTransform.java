package io.stockpot.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP_AEAD_AES_128_GCM (RFC 7714): AES-GCM with a 16-byte tag, the RTP header (CSRCs and extension
 * included) as associated data.
 *
 * <p>JCE insists on a fresh {@code Cipher.init} with a new {@link GCMParameterSpec} for every
 * packet (GCM must never reuse an IV, and the spec is immutable), so this transform allocates a
 * little per packet inside the provider; it keeps one cipher per key so that the AES key schedule
 * is not recomputed.
 */
final class AesGcmTransform extends SrtpTransform {
  private static final int TAG = 16;
  private static final int TAG_BITS = TAG * 8;

  private final Cipher rtpCipher;
  private final Cipher rtcpCipher;
  private final SecretKeySpec rtpKey;
  private final SecretKeySpec rtcpKey;
  private final byte[] rtpSalt;
  private final byte[] rtcpSalt;
  private final byte[] iv = new byte[12];
  private final byte[] aad = new byte[12];

  AesGcmTransform(SessionKeys keys) {
    try {
      rtpCipher = Cipher.getInstance("AES/GCM/NoPadding");
      rtcpCipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM unavailable", e);
    }
    rtpKey = new SecretKeySpec(keys.rtpKey(), "AES");
    rtcpKey = new SecretKeySpec(keys.rtcpKey(), "AES");
    rtpSalt = keys.rtpSalt().clone();
    rtcpSalt = keys.rtcpSalt().clone();
  }

  /** RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt; ROC || SEQ is the index. */
  private void rtpIv(int ssrc, long index) {
    iv[0] = 0;
    iv[1] = 0;
    writeInt(iv, 2, ssrc);
    writeInt(iv, 6, (int) (index >>> 16));
    iv[10] = (byte) (index >>> 8);
    iv[11] = (byte) index;
    for (int i = 0; i < 12; i++) {
      iv[i] ^= rtpSalt[i];
    }
  }

  /** RFC 7714 §9.1: IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt. */
  private void rtcpIv(int ssrc, int index) {
    iv[0] = 0;
    iv[1] = 0;
    writeInt(iv, 2, ssrc);
    iv[6] = 0;
    iv[7] = 0;
    writeInt(iv, 8, index & 0x7FFFFFFF);
    for (int i = 0; i < 12; i++) {
      iv[i] ^= rtcpSalt[i];
    }
  }

  @Override
  int protectRtp(byte[] buf, int off, int len, int headerLen, int ssrc, long index) {
    rtpIv(ssrc, index);
    try {
      rtpCipher.init(Cipher.ENCRYPT_MODE, rtpKey, new GCMParameterSpec(TAG_BITS, iv));
      rtpCipher.updateAAD(buf, off, headerLen);
      int n = rtpCipher.doFinal(buf, off + headerLen, len - headerLen, buf, off + headerLen);
      return headerLen + n;
    } catch (GeneralSecurityException | IllegalStateException e) {
      // Protecting the same SSRC and index twice in a row: JCE refuses to reuse the IV.
      return SrtpStatus.CRYPTO_ERROR;
    }
  }

  @Override
  int unprotectRtp(byte[] buf, int off, int len, int headerLen, int ssrc, long index) {
    rtpIv(ssrc, index);
    try {
      rtpCipher.init(Cipher.DECRYPT_MODE, rtpKey, new GCMParameterSpec(TAG_BITS, iv));
      rtpCipher.updateAAD(buf, off, headerLen);
      int n = rtpCipher.doFinal(buf, off + headerLen, len - headerLen, buf, off + headerLen);
      return headerLen + n;
    } catch (AEADBadTagException e) {
      return SrtpStatus.AUTH_FAILED;
    } catch (GeneralSecurityException | IllegalStateException e) {
      return SrtpStatus.CRYPTO_ERROR;
    }
  }

  // SRTCP (RFC 7714 §9, §17): header | ciphertext | tag | E+index. With E set the associated
  // data is the first 8 bytes followed by the E+index word; with E clear nothing is encrypted
  // and the whole packet plus the word is associated data.

  @Override
  int protectRtcp(byte[] buf, int off, int len, int ssrc, int index) {
    rtcpIv(ssrc, index);
    int word = 0x80000000 | index;
    System.arraycopy(buf, off, aad, 0, 8);
    writeInt(aad, 8, word);
    try {
      rtcpCipher.init(Cipher.ENCRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG_BITS, iv));
      rtcpCipher.updateAAD(aad, 0, 12);
      int n = rtcpCipher.doFinal(buf, off + 8, len - 8, buf, off + 8);
      writeInt(buf, off + 8 + n, word);
      return 8 + n + 4;
    } catch (GeneralSecurityException | IllegalStateException e) {
      return SrtpStatus.CRYPTO_ERROR;
    }
  }

  @Override
  int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eIndex) {
    rtcpIv(ssrc, eIndex);
    boolean encrypted = eIndex < 0;
    int body = len - 4; // header, ciphertext and tag
    try {
      rtcpCipher.init(Cipher.DECRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG_BITS, iv));
      int start;
      if (encrypted) {
        System.arraycopy(buf, off, aad, 0, 8);
        writeInt(aad, 8, eIndex);
        rtcpCipher.updateAAD(aad, 0, 12);
        start = 8;
      } else {
        start = body - TAG;
        rtcpCipher.updateAAD(buf, off, start);
        writeInt(aad, 0, eIndex);
        rtcpCipher.updateAAD(aad, 0, 4);
      }
      int n = rtcpCipher.doFinal(buf, off + start, body - start, buf, off + start);
      return start + n;
    } catch (AEADBadTagException e) {
      return SrtpStatus.AUTH_FAILED;
    } catch (GeneralSecurityException | IllegalStateException e) {
      return SrtpStatus.CRYPTO_ERROR;
    }
  }
}
