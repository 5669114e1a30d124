package io.stockpot.media.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Builds one STUN message at a time into its own reusable buffer: {@link #begin}, then attributes
 * in wire order, then (optionally) {@link #addMessageIntegrity} and {@link #addFingerprint}, which
 * must come last in that order. The header's length field is kept current after every attribute,
 * which is what MESSAGE-INTEGRITY and FINGERPRINT need. Not thread-safe.
 *
 * <p>Everything written comes from Stockpot itself, so misuse (overflow, attributes after
 * FINGERPRINT) throws {@link IllegalStateException}.
 */
public final class StunMessageWriter {
  /** Enough for any message Stockpot sends; STUN over UDP stays below the path MTU anyway. */
  public static final int DEFAULT_CAPACITY = 548;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] buf;
  private final CRC32 crc = new CRC32();
  private int length;
  private boolean hasIntegrity;
  private boolean hasFingerprint;

  public StunMessageWriter() {
    this(DEFAULT_CAPACITY);
  }

  public StunMessageWriter(int capacity) {
    if (capacity < StunHeader.HEADER_LENGTH) {
      throw new IllegalArgumentException("capacity below a STUN header: " + capacity);
    }
    buf = new byte[capacity];
  }

  /** A fresh random 96-bit transaction id (RFC 5389 §6: uniformly random). */
  public static byte[] randomTransactionId() {
    byte[] id = new byte[StunHeader.TRANSACTION_ID_LENGTH];
    RANDOM.nextBytes(id);
    return id;
  }

  /** Starts a message of a class and method with the 12-byte id at {@code txId[txOff]}. */
  public StunMessageWriter begin(int messageClass, int method, byte[] txId, int txOff) {
    int type = StunHeader.messageType(messageClass, method);
    buf[0] = (byte) (type >>> 8);
    buf[1] = (byte) type;
    writeInt(StunHeader.MAGIC_COOKIE, 4);
    System.arraycopy(txId, txOff, buf, 8, StunHeader.TRANSACTION_ID_LENGTH);
    length = StunHeader.HEADER_LENGTH;
    hasIntegrity = false;
    hasFingerprint = false;
    updateLengthField();
    return this;
  }

  /** Starts a Binding request. */
  public StunMessageWriter beginBindingRequest(byte[] txId) {
    return begin(StunHeader.CLASS_REQUEST, StunHeader.METHOD_BINDING, txId, 0);
  }

  /** Starts the success response to {@code request}, echoing its transaction id. */
  public StunMessageWriter beginSuccessResponse(StunMessage request) {
    return beginResponse(StunHeader.CLASS_SUCCESS_RESPONSE, request);
  }

  /** Starts the error response to {@code request}, echoing its transaction id. */
  public StunMessageWriter beginErrorResponse(StunMessage request) {
    return beginResponse(StunHeader.CLASS_ERROR_RESPONSE, request);
  }

  private StunMessageWriter beginResponse(int messageClass, StunMessage request) {
    if (!request.isValid()) {
      throw new IllegalStateException("cannot answer an invalid message");
    }
    begin(messageClass, request.method(), buf, 8); // id copied from itself, then overwritten
    request.copyTransactionId(buf, 8);
    return this;
  }

  public StunMessageWriter addBytes(int attrType, byte[] value, int off, int len) {
    int start = attributeHeader(attrType, len);
    System.arraycopy(value, off, buf, start, len);
    return this;
  }

  public StunMessageWriter addString(int attrType, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return addBytes(attrType, bytes, 0, bytes.length);
  }

  public StunMessageWriter addUsername(String username) {
    return addString(StunAttributes.USERNAME, username);
  }

  public StunMessageWriter addSoftware(String software) {
    return addString(StunAttributes.SOFTWARE, software);
  }

  /** PRIORITY, an unsigned 32-bit value. */
  public StunMessageWriter addPriority(long priority) {
    writeInt((int) priority, attributeHeader(StunAttributes.PRIORITY, 4));
    return this;
  }

  public StunMessageWriter addUseCandidate() {
    attributeHeader(StunAttributes.USE_CANDIDATE, 0);
    return this;
  }

  public StunMessageWriter addIceControlling(long tieBreaker) {
    writeLong(tieBreaker, attributeHeader(StunAttributes.ICE_CONTROLLING, 8));
    return this;
  }

  public StunMessageWriter addIceControlled(long tieBreaker) {
    writeLong(tieBreaker, attributeHeader(StunAttributes.ICE_CONTROLLED, 8));
    return this;
  }

  public StunMessageWriter addXorMappedAddress(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip == null) {
      throw new IllegalArgumentException("unresolved address: " + address);
    }
    return addXorMappedAddress(ip.getAddress(), address.getPort());
  }

  /** XOR-MAPPED-ADDRESS for a 4-byte (IPv4) or 16-byte (IPv6) address. */
  public StunMessageWriter addXorMappedAddress(byte[] ip, int port) {
    if (ip.length != 4 && ip.length != 16) {
      throw new IllegalArgumentException("IP address of " + ip.length + " bytes");
    }
    int value = attributeHeader(StunAttributes.XOR_MAPPED_ADDRESS, 4 + ip.length);
    XorMappedAddress.encode(buf, 0, value, ip, port);
    return this;
  }

  /** ERROR-CODE: {@code code} 300..699 and a UTF-8 reason phrase (RFC 5389 §15.6). */
  public StunMessageWriter addErrorCode(int code, String reason) {
    if (code < 300 || code > 699) {
      throw new IllegalArgumentException("error code out of range: " + code);
    }
    byte[] phrase = reason.getBytes(StandardCharsets.UTF_8);
    int value = attributeHeader(StunAttributes.ERROR_CODE, 4 + phrase.length);
    buf[value] = 0;
    buf[value + 1] = 0;
    buf[value + 2] = (byte) (code / 100);
    buf[value + 3] = (byte) (code % 100);
    System.arraycopy(phrase, 0, buf, value + 4, phrase.length);
    return this;
  }

  /** MESSAGE-INTEGRITY over everything written so far. */
  public StunMessageWriter addMessageIntegrity(MessageIntegrity integrity) {
    if (hasIntegrity) {
      throw new IllegalStateException("MESSAGE-INTEGRITY already written");
    }
    int miOff = length;
    int value = attributeHeader(StunAttributes.MESSAGE_INTEGRITY, 20);
    integrity.compute(buf, 0, miOff, buf, value);
    hasIntegrity = true;
    return this;
  }

  /** FINGERPRINT over everything written so far; nothing may follow it. */
  public StunMessageWriter addFingerprint() {
    int fpOff = length;
    int value = attributeHeader(StunAttributes.FINGERPRINT, 4);
    writeInt(StunFingerprint.compute(crc, buf, 0, fpOff), value);
    hasFingerprint = true;
    return this;
  }

  /** The internal buffer; the message is {@code buffer()[0, length())}. */
  public byte[] buffer() {
    return buf;
  }

  public int length() {
    return length;
  }

  /** A copy of the message written so far. */
  public byte[] toByteArray() {
    byte[] out = new byte[length];
    System.arraycopy(buf, 0, out, 0, length);
    return out;
  }

  /** Writes an attribute header, zeroes its padding, and answers where its value goes. */
  private int attributeHeader(int attrType, int valueLength) {
    if (length < StunHeader.HEADER_LENGTH) {
      throw new IllegalStateException("begin() first");
    }
    if (hasFingerprint) {
      throw new IllegalStateException("FINGERPRINT must be the last attribute");
    }
    if (hasIntegrity && attrType != StunAttributes.FINGERPRINT) {
      throw new IllegalStateException("only FINGERPRINT may follow MESSAGE-INTEGRITY");
    }
    if (valueLength > 0xFFFF) {
      throw new IllegalArgumentException("attribute too long: " + valueLength);
    }
    int padded = (valueLength + 3) & ~3;
    if (length + 4 + padded > buf.length) {
      throw new IllegalStateException("STUN message exceeds " + buf.length + " bytes");
    }
    int start = length;
    buf[start] = (byte) (attrType >>> 8);
    buf[start + 1] = (byte) attrType;
    buf[start + 2] = (byte) (valueLength >>> 8);
    buf[start + 3] = (byte) valueLength;
    for (int i = start + 4 + valueLength; i < start + 4 + padded; i++) {
      buf[i] = 0;
    }
    length += 4 + padded;
    updateLengthField();
    return start + 4;
  }

  private void updateLengthField() {
    int bodyLength = length - StunHeader.HEADER_LENGTH;
    buf[2] = (byte) (bodyLength >>> 8);
    buf[3] = (byte) bodyLength;
  }

  private void writeInt(int v, int at) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  private void writeLong(long v, int at) {
    writeInt((int) (v >>> 32), at);
    writeInt((int) v, at + 4);
  }
}
