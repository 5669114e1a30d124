package io.stockpot.media.stun;

import static io.stockpot.media.stun.StunAttributes.FAMILY_IPV4;
import static io.stockpot.media.stun.StunAttributes.FAMILY_IPV6;
import static io.stockpot.media.stun.StunHeader.HEADER_LENGTH;
import static io.stockpot.media.stun.StunHeader.TRANSACTION_ID_LENGTH;
import static io.stockpot.media.stun.StunHeader.readInt;
import static io.stockpot.media.stun.StunHeader.readLong;
import static io.stockpot.media.stun.StunHeader.readShort;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Reads one STUN message (RFC 5389) in place from a caller-owned datagram. The reader records where
 * the attributes ICE needs sit and copies nothing, so one instance can be reused for every datagram
 * ({@link #read}); its answers refer to the buffer last read and hold only while the caller leaves
 * that buffer unchanged. Not thread-safe.
 *
 * <p>Malformed input never throws: {@link #read} answers false (and {@link #parse} null) for a
 * datagram that is not a well-formed STUN message, and the accessors then answer "absent".
 */
public final class StunMessage {
  private final CRC32 crc = new CRC32();

  private byte[] buf;
  private int off;
  private int length;
  private boolean valid;
  private int type;
  private int usernameOff;
  private int usernameLen;
  private long priority;
  private boolean useCandidate;
  private boolean iceControlling;
  private boolean iceControlled;
  private long tieBreaker;
  private int integrityOff;
  private int fingerprintOff;
  private int xorAddressOff;
  private int errorCode;
  private int errorReasonOff;
  private int errorReasonLen;

  /** A reader holding no message yet; call {@link #read}. */
  public StunMessage() {
    reset();
  }

  /** A new reader over {@code buf[off, off + len)}, or null if that is not a valid message. */
  public static StunMessage parse(byte[] buf, int off, int len) {
    StunMessage message = new StunMessage();
    return message.read(buf, off, len) ? message : null;
  }

  /**
   * Reads {@code buf[off, off + len)}: the datagram must hold exactly one message. Answers whether
   * it is a valid STUN message; on false, every accessor answers "absent".
   */
  public boolean read(byte[] buf, int off, int len) {
    reset();
    if (!StunHeader.looksLikeStun(buf, off, len)) {
      return false;
    }
    int bodyLength = readShort(buf, off + 2);
    if (HEADER_LENGTH + bodyLength != len) {
      return false; // over UDP one datagram carries one message, exactly
    }
    this.buf = buf;
    this.off = off;
    this.length = len;
    this.type = readShort(buf, off);
    if (!readAttributes(off + HEADER_LENGTH, off + len)) {
      reset();
      return false;
    }
    valid = true;
    return true;
  }

  private boolean readAttributes(int pos, int end) {
    while (pos < end) {
      if (end - pos < 4) {
        return false;
      }
      int attrType = readShort(buf, pos);
      int attrLen = readShort(buf, pos + 2);
      int value = pos + 4;
      int next = value + ((attrLen + 3) & ~3);
      if (next > end) {
        return false; // lying attribute length
      }
      if (fingerprintOff >= 0) {
        return false; // FINGERPRINT must be the last attribute
      }
      if (attrType == StunAttributes.FINGERPRINT) {
        if (attrLen != 4) {
          return false;
        }
        fingerprintOff = pos;
      } else if (integrityOff >= 0) {
        // RFC 5389 §15.4: attributes after MESSAGE-INTEGRITY, other than FINGERPRINT, are ignored.
      } else if (!readAttribute(attrType, attrLen, pos, value)) {
        return false;
      }
      pos = next;
    }
    return true;
  }

  /** Records one attribute; false when a known attribute's value has the wrong shape. */
  private boolean readAttribute(int attrType, int attrLen, int pos, int value) {
    switch (attrType) {
      case StunAttributes.MESSAGE_INTEGRITY -> {
        if (attrLen != StunAttributes.MESSAGE_INTEGRITY_LENGTH) {
          return false;
        }
        integrityOff = pos;
      }
      case StunAttributes.USERNAME -> {
        if (usernameOff < 0) { // only the first occurrence counts (RFC 5389 §15)
          usernameOff = value;
          usernameLen = attrLen;
        }
      }
      case StunAttributes.PRIORITY -> {
        if (attrLen != 4) {
          return false;
        }
        if (priority < 0) {
          priority = readInt(buf, value) & 0xFFFF_FFFFL;
        }
      }
      case StunAttributes.USE_CANDIDATE -> {
        if (attrLen != 0) {
          return false;
        }
        useCandidate = true;
      }
      case StunAttributes.ICE_CONTROLLING, StunAttributes.ICE_CONTROLLED -> {
        if (attrLen != 8) {
          return false;
        }
        if (!iceControlling && !iceControlled) {
          tieBreaker = readLong(buf, value);
        }
        if (attrType == StunAttributes.ICE_CONTROLLING) {
          iceControlling = true;
        } else {
          iceControlled = true;
        }
      }
      case StunAttributes.XOR_MAPPED_ADDRESS -> {
        int family = attrLen >= 2 ? buf[value + 1] & 0xFF : -1;
        boolean ok =
            (family == FAMILY_IPV4 && attrLen == XorMappedAddress.IPV4_VALUE_LENGTH)
                || (family == FAMILY_IPV6 && attrLen == XorMappedAddress.IPV6_VALUE_LENGTH);
        if (!ok) {
          return false;
        }
        if (xorAddressOff < 0) {
          xorAddressOff = value;
        }
      }
      case StunAttributes.ERROR_CODE -> {
        if (attrLen < 4) {
          return false;
        }
        int errorClass = buf[value + 2] & 0x07;
        int number = buf[value + 3] & 0xFF;
        if (errorClass < 3 || errorClass > 6 || number > 99) {
          return false;
        }
        if (errorCode < 0) {
          errorCode = errorClass * 100 + number;
          errorReasonOff = value + 4;
          errorReasonLen = attrLen - 4;
        }
      }
      default -> {
        // Other attributes are found on demand with findAttribute.
      }
    }
    return true;
  }

  private void reset() {
    buf = null;
    off = 0;
    length = 0;
    valid = false;
    type = -1;
    usernameOff = -1;
    usernameLen = 0;
    priority = -1;
    useCandidate = false;
    iceControlling = false;
    iceControlled = false;
    tieBreaker = 0;
    integrityOff = -1;
    fingerprintOff = -1;
    xorAddressOff = -1;
    errorCode = -1;
    errorReasonOff = -1;
    errorReasonLen = 0;
  }

  public boolean isValid() {
    return valid;
  }

  /** The message's offset in the buffer last read. */
  public int offset() {
    return off;
  }

  /** The message's total size in bytes, header included (0 when invalid). */
  public int length() {
    return length;
  }

  /** The 14-bit message type, or -1 when invalid. */
  public int type() {
    return type;
  }

  /** One of the {@code StunHeader.CLASS_*} constants, or -1 when invalid. */
  public int messageClass() {
    return valid ? StunHeader.classOf(type) : -1;
  }

  /** The 12-bit method ({@link StunHeader#METHOD_BINDING} for ICE), or -1 when invalid. */
  public int method() {
    return valid ? StunHeader.methodOf(type) : -1;
  }

  /** Offset in the buffer of the 12-byte transaction id (-1 when invalid). */
  public int transactionIdOffset() {
    return valid ? off + 8 : -1;
  }

  /** A copy of the transaction id (allocates; null when invalid). */
  public byte[] transactionId() {
    if (!valid) {
      return null;
    }
    byte[] id = new byte[TRANSACTION_ID_LENGTH];
    System.arraycopy(buf, off + 8, id, 0, TRANSACTION_ID_LENGTH);
    return id;
  }

  /** Copies the 12-byte transaction id into {@code dst} at {@code dstOff}. */
  public void copyTransactionId(byte[] dst, int dstOff) {
    if (valid) {
      System.arraycopy(buf, off + 8, dst, dstOff, TRANSACTION_ID_LENGTH);
    }
  }

  public boolean hasUsername() {
    return usernameOff >= 0;
  }

  public int usernameOffset() {
    return usernameOff;
  }

  public int usernameLength() {
    return usernameLen;
  }

  /** USERNAME decoded as UTF-8, or null when absent. */
  public String username() {
    return usernameOff < 0
        ? null
        : new String(buf, usernameOff, usernameLen, StandardCharsets.UTF_8);
  }

  /** Whether USERNAME starts with {@code prefix} (compared as bytes, allocation-free). */
  public boolean usernameStartsWith(byte[] prefix) {
    if (usernameOff < 0 || prefix.length > usernameLen) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buf[usernameOff + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether USERNAME ends with {@code suffix} (compared as bytes, allocation-free). */
  public boolean usernameEndsWith(byte[] suffix) {
    if (usernameOff < 0 || suffix.length > usernameLen) {
      return false;
    }
    int start = usernameOff + usernameLen - suffix.length;
    for (int i = 0; i < suffix.length; i++) {
      if (buf[start + i] != suffix[i]) {
        return false;
      }
    }
    return true;
  }

  public boolean hasPriority() {
    return priority >= 0;
  }

  /** PRIORITY as an unsigned 32-bit value, or -1 when absent. */
  public long priority() {
    return priority;
  }

  public boolean hasUseCandidate() {
    return useCandidate;
  }

  public boolean hasIceControlling() {
    return iceControlling;
  }

  public boolean hasIceControlled() {
    return iceControlled;
  }

  /** The tie-breaker of the first ICE-CONTROLLING/ICE-CONTROLLED attribute (0 when absent). */
  public long tieBreaker() {
    return tieBreaker;
  }

  public boolean hasMessageIntegrity() {
    return integrityOff >= 0;
  }

  /** Offset of the MESSAGE-INTEGRITY attribute's header, or -1. */
  public int messageIntegrityOffset() {
    return integrityOff;
  }

  public boolean hasFingerprint() {
    return fingerprintOff >= 0;
  }

  /** Offset of the FINGERPRINT attribute's header, or -1. */
  public int fingerprintOffset() {
    return fingerprintOff;
  }

  /** Whether FINGERPRINT is present and matches the bytes before it. */
  public boolean checkFingerprint() {
    if (fingerprintOff < 0) {
      return false;
    }
    int expected = StunFingerprint.compute(crc, buf, off, fingerprintOff - off);
    return readInt(buf, fingerprintOff + 4) == expected;
  }

  /** Whether MESSAGE-INTEGRITY is present and verifies under {@code integrity}'s key. */
  public boolean checkIntegrity(MessageIntegrity integrity) {
    return integrityOff >= 0 && integrity.verify(buf, off, integrityOff);
  }

  /** As {@link #checkIntegrity(MessageIntegrity)}, keying a new HMAC with {@code key}. */
  public boolean checkIntegrity(byte[] key) {
    return integrityOff >= 0
        && key != null
        && key.length > 0
        && checkIntegrity(new MessageIntegrity(key));
  }

  public boolean hasXorMappedAddress() {
    return xorAddressOff >= 0;
  }

  /**
   * {@link StunAttributes#FAMILY_IPV4} or {@link StunAttributes#FAMILY_IPV6}, or -1 when absent.
   */
  public int xorMappedFamily() {
    return xorAddressOff < 0 ? -1 : buf[xorAddressOff + 1] & 0xFF;
  }

  /** The mapped port with the XOR undone, or -1 when absent. */
  public int xorMappedPort() {
    return xorAddressOff < 0 ? -1 : XorMappedAddress.port(buf, xorAddressOff);
  }

  /** Writes the mapped IP (4 or 16 bytes, XOR undone) to {@code dst}; its size, or -1. */
  public int copyXorMappedIp(byte[] dst, int dstOff) {
    return xorAddressOff < 0 ? -1 : XorMappedAddress.copyIp(buf, off, xorAddressOff, dst, dstOff);
  }

  /** XOR-MAPPED-ADDRESS decoded (allocates), or null when absent. */
  public InetSocketAddress xorMappedAddress() {
    return xorAddressOff < 0 ? null : XorMappedAddress.decode(buf, off, xorAddressOff);
  }

  /** ERROR-CODE as a number (e.g. 401), or -1 when absent. */
  public int errorCode() {
    return errorCode;
  }

  /** ERROR-CODE's reason phrase, or null when absent. */
  public String errorReason() {
    return errorCode < 0
        ? null
        : new String(buf, errorReasonOff, errorReasonLen, StandardCharsets.UTF_8);
  }

  /**
   * Offset of the value of the first attribute of {@code attrType}, or -1. Scans the message, for
   * attributes the reader does not record (SOFTWARE, REALM, NONCE...).
   */
  public int findAttribute(int attrType) {
    if (!valid) {
      return -1;
    }
    int pos = off + HEADER_LENGTH;
    int end = off + length;
    while (pos + 4 <= end) {
      int attrLen = readShort(buf, pos + 2);
      if (readShort(buf, pos) == attrType) {
        return pos + 4;
      }
      pos += 4 + ((attrLen + 3) & ~3);
    }
    return -1;
  }

  /**
   * Length of the attribute whose value starts at {@code valueOff} (from {@link #findAttribute}).
   */
  public int attributeLength(int valueOff) {
    return readShort(buf, valueOff - 2);
  }

  /** The attribute of {@code attrType} decoded as UTF-8, or null when absent. */
  public String attributeString(int attrType) {
    int value = findAttribute(attrType);
    return value < 0
        ? null
        : new String(buf, value, attributeLength(value), StandardCharsets.UTF_8);
  }
}
