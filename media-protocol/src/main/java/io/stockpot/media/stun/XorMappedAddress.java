package io.stockpot.media.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * XOR-MAPPED-ADDRESS (RFC 5389 §15.2): family, port XOR the cookie's top 16 bits, and the address
 * XOR the header's bytes 4..19 (the cookie, then for IPv6 the transaction id). The XOR keeps NATs
 * that rewrite addresses they spot in payloads from mangling the value.
 */
public final class XorMappedAddress {
  /** Size of the value for IPv4 and IPv6. */
  public static final int IPV4_VALUE_LENGTH = 8;

  public static final int IPV6_VALUE_LENGTH = 20;

  private XorMappedAddress() {}

  /** Writes the value for {@code ip} (4 or 16 bytes) at {@code valueOff}; header must be there. */
  static void encode(byte[] buf, int msgOff, int valueOff, byte[] ip, int port) {
    buf[valueOff] = 0;
    buf[valueOff + 1] =
        (byte) (ip.length == 4 ? StunAttributes.FAMILY_IPV4 : StunAttributes.FAMILY_IPV6);
    int xPort = port ^ (StunHeader.MAGIC_COOKIE >>> 16);
    buf[valueOff + 2] = (byte) (xPort >>> 8);
    buf[valueOff + 3] = (byte) xPort;
    xor(ip, 0, buf, msgOff + 4, buf, valueOff + 4, ip.length);
  }

  /** The port of the value at {@code valueOff}. */
  static int port(byte[] buf, int valueOff) {
    return StunHeader.readShort(buf, valueOff + 2) ^ (StunHeader.MAGIC_COOKIE >>> 16);
  }

  /** Writes the 4- or 16-byte IP of the value at {@code valueOff} to {@code dst}; its size. */
  static int copyIp(byte[] buf, int msgOff, int valueOff, byte[] dst, int dstOff) {
    int size = (buf[valueOff + 1] & 0xFF) == StunAttributes.FAMILY_IPV4 ? 4 : 16;
    xor(buf, valueOff + 4, buf, msgOff + 4, dst, dstOff, size);
    return size;
  }

  /** The value at {@code valueOff} decoded (allocates). */
  static InetSocketAddress decode(byte[] buf, int msgOff, int valueOff) {
    byte[] ip = new byte[(buf[valueOff + 1] & 0xFF) == StunAttributes.FAMILY_IPV4 ? 4 : 16];
    copyIp(buf, msgOff, valueOff, ip, 0);
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port(buf, valueOff));
    } catch (UnknownHostException e) {
      return null; // unreachable: the size is always 4 or 16
    }
  }

  private static void xor(
      byte[] a, int aOff, byte[] mask, int maskOff, byte[] dst, int dstOff, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstOff + i] = (byte) (a[aOff + i] ^ mask[maskOff + i]);
    }
  }
}
