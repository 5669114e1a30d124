package io.stockpot.media.srtp;

import java.util.HexFormat;

/** Hex helpers and RTP/RTCP packet builders shared by the SRTP tests. */
final class SrtpTestPackets {
  static final HexFormat HEX = HexFormat.of();

  private SrtpTestPackets() {}

  static byte[] hex(String s) {
    return HEX.parseHex(s.replaceAll("\\s", "").toLowerCase());
  }

  static String hex(byte[] b, int off, int len) {
    return HEX.formatHex(b, off, off + len);
  }

  /**
   * An RTP packet in a buffer with {@code spare} free bytes after it; with {@code csrcs} CSRCs and,
   * if {@code extensionWords > 0}, a one-byte-header extension of that many words.
   */
  static byte[] rtp(int seq, int ssrc, int csrcs, int extensionWords, int payload, int spare) {
    int header = 12 + 4 * csrcs + (extensionWords > 0 ? 4 + 4 * extensionWords : 0);
    byte[] b = new byte[header + payload + spare];
    b[0] = (byte) (0x80 | (extensionWords > 0 ? 0x10 : 0) | csrcs);
    b[1] = 111;
    b[2] = (byte) (seq >>> 8);
    b[3] = (byte) seq;
    writeInt(b, 4, seq * 960);
    writeInt(b, 8, ssrc);
    int p = 12;
    for (int i = 0; i < csrcs; i++, p += 4) {
      writeInt(b, p, 0x1000 + i);
    }
    if (extensionWords > 0) {
      b[p] = (byte) 0xBE;
      b[p + 1] = (byte) 0xDE;
      b[p + 3] = (byte) extensionWords;
      for (int i = 0; i < 4 * extensionWords; i++) {
        b[p + 4 + i] = (byte) (0x40 + i);
      }
      p += 4 + 4 * extensionWords;
    }
    for (int i = 0; i < payload; i++) {
      b[p + i] = (byte) (seq + i);
    }
    return b;
  }

  /** A sender report with one report block, padded to {@code spare} free bytes. */
  static byte[] rtcp(int ssrc, int spare) {
    byte[] b = new byte[52 + spare];
    b[0] = (byte) 0x81;
    b[1] = (byte) 200;
    b[3] = 12;
    writeInt(b, 4, ssrc);
    for (int i = 8; i < 52; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  static void writeInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
