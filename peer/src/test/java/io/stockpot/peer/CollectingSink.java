package io.stockpot.peer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An {@link RtpSink} that keeps a copy of every packet, for inspecting what streams write. */
final class CollectingSink implements RtpSink {
  private final byte[] buffer = new byte[MediaStream.MAX_PACKET + 64];
  private int transportSequence = 0xFFFE; // wraps during the test
  final List<byte[]> packets = new ArrayList<>();

  @Override
  public byte[] packetBuffer() {
    return buffer;
  }

  @Override
  public int nextTransportSequence() {
    int s = transportSequence;
    transportSequence = (s + 1) & 0xFFFF;
    return s;
  }

  @Override
  public void sendRtp(MediaStream stream, int len) {
    packets.add(Arrays.copyOf(buffer, len));
  }

  static int sequence(byte[] p) {
    return ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
  }

  static long timestamp(byte[] p) {
    return Integer.toUnsignedLong(RtpWriter.readInt(p, 4));
  }

  static boolean marker(byte[] p) {
    return (p[1] & 0x80) != 0;
  }

  static int payloadType(byte[] p) {
    return p[1] & 0x7F;
  }

  /** Where the payload starts, after CSRCs and the extension block. */
  static int payloadOffset(byte[] p) {
    int off = 12 + 4 * (p[0] & 0x0F);
    if ((p[0] & 0x10) != 0) {
      off += 4 + 4 * (((p[off + 2] & 0xFF) << 8) | (p[off + 3] & 0xFF));
    }
    return off;
  }

  /** One-byte-form extensions by id; fails the test on any other form or a malformed block. */
  static Map<Integer, byte[]> extensions(byte[] p) {
    if ((p[0] & 0x10) == 0) {
      throw new AssertionError("no extension block");
    }
    int block = 12 + 4 * (p[0] & 0x0F);
    if ((p[block] & 0xFF) != 0xBE || (p[block + 1] & 0xFF) != 0xDE) {
      throw new AssertionError("not the one-byte form");
    }
    int end = payloadOffset(p);
    Map<Integer, byte[]> out = new HashMap<>();
    int i = block + 4;
    while (i < end) {
      int b = p[i] & 0xFF;
      if (b == 0) {
        i++; // padding
        continue;
      }
      int id = b >>> 4;
      int len = (b & 0x0F) + 1;
      if (id == 15 || i + 1 + len > end) {
        throw new AssertionError("malformed extension element");
      }
      out.put(id, Arrays.copyOfRange(p, i + 1, i + 1 + len));
      i += 1 + len;
    }
    return out;
  }

  static int uint(byte[] b) {
    int v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xFF);
    }
    return v;
  }
}
