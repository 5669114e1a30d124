package io.stockpot.media.codecs;

/**
 * A view of the VP8 payload descriptor at the start of a VP8 RTP payload (RFC 7741 §4.2), read in
 * place and rewritten in place: a forwarding server renumbers PictureID and TL0PICIDX so that a
 * receiver sees them continuous across simulcast switches and dropped temporal layers (as
 * mediasoup's {@code RTC::Codecs::VP8::PayloadDescriptor} does). Allocation-free; reuse one view.
 *
 * <pre>
 *      0 1 2 3 4 5 6 7
 *     +-+-+-+-+-+-+-+-+
 *     |X|R|N|S|R| PID | (required)
 *     +-+-+-+-+-+-+-+-+
 * X:  |I|L|T|K| RSV   | (optional)
 *     +-+-+-+-+-+-+-+-+
 * I:  |M| PictureID   | (optional; M=1: 15 bits over two bytes)
 *     +-+-+-+-+-+-+-+-+
 *     |   PictureID   |
 *     +-+-+-+-+-+-+-+-+
 * L:  |   TL0PICIDX   | (optional)
 *     +-+-+-+-+-+-+-+-+
 * T/K:|TID|Y| KEYIDX  | (optional)
 *     +-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Vp8PayloadDescriptor {
  private byte[] buf;
  private int off;
  private int length;
  private int payloadLength;
  private int pictureIdAt = -1;
  private int pictureIdBits;
  private int tl0At = -1;
  private int tkAt = -1;
  private boolean hasTid;
  private boolean hasKeyIdx;

  /**
   * Reads the descriptor at the start of the payload ({@code len} bytes at {@code buf[off]}). False
   * when it is cut short (RFC 7741 §4.2: each bit set promises its field); the view is then invalid
   * and the payload must not be treated as VP8.
   */
  public boolean read(byte[] buf, int off, int len) {
    this.buf = buf;
    this.off = off;
    length = 0;
    payloadLength = 0;
    pictureIdAt = -1;
    pictureIdBits = 0;
    tl0At = -1;
    tkAt = -1;
    hasTid = false;
    hasKeyIdx = false;
    if (buf == null || off < 0 || len < 1 || off + len > buf.length) {
      return false;
    }
    int end = off + len;
    int i = off + 1;
    if ((buf[off] & 0x80) != 0) { // X: the extension byte follows
      if (i >= end) {
        return false;
      }
      int x = buf[i++] & 0xFF;
      if ((x & 0x80) != 0) { // I: PictureID
        if (i >= end) {
          return false;
        }
        pictureIdAt = i;
        pictureIdBits = (buf[i] & 0x80) != 0 ? 15 : 7;
        i += pictureIdBits == 15 ? 2 : 1;
      }
      if ((x & 0x40) != 0) { // L: TL0PICIDX
        tl0At = i++;
      }
      if ((x & 0x30) != 0) { // T or K: one shared byte, TID|Y|KEYIDX
        tkAt = i++;
        hasTid = (x & 0x20) != 0;
        hasKeyIdx = (x & 0x10) != 0;
      }
      if (i > end) {
        pictureIdAt = tl0At = tkAt = -1;
        hasTid = hasKeyIdx = false;
        return false;
      }
    }
    length = i - off;
    payloadLength = len - length;
    return true;
  }

  /** Bytes of the descriptor; the VP8 payload header follows (0 when the view is invalid). */
  public int length() {
    return length;
  }

  public boolean isValid() {
    return length > 0;
  }

  /** X: the extended control bits are present. */
  public boolean extended() {
    return (buf[off] & 0x80) != 0;
  }

  /** N: a non-reference frame, which a receiver may discard (RFC 7741 §4.2). */
  public boolean nonReference() {
    return (buf[off] & 0x20) != 0;
  }

  /** S: the first packet of a VP8 partition. */
  public boolean startOfPartition() {
    return (buf[off] & 0x10) != 0;
  }

  /** PID: the partition index (0–7). */
  public int partitionIndex() {
    return buf[off] & 0x07;
  }

  /** S=1 and PID=0: the first packet of a frame (RFC 7741 §4.2, §4.5). */
  public boolean startsFrame() {
    return startOfPartition() && partitionIndex() == 0;
  }

  /**
   * The first packet of a key frame: {@link #startsFrame} and the VP8 payload header's P bit is 0
   * (RFC 7741 §4.3, RFC 6386 §9.1).
   */
  public boolean isKeyFrame() {
    return length > 0 && startsFrame() && payloadLength > 0 && (buf[off + length] & 0x01) == 0;
  }

  public boolean hasPictureId() {
    return pictureIdAt >= 0;
  }

  /** 7 or 15 (M bit), 0 without a PictureID. */
  public int pictureIdBits() {
    return pictureIdBits;
  }

  /** PictureID (7 or 15 bits), or -1 when absent. */
  public int pictureId() {
    if (pictureIdAt < 0) {
      return -1;
    }
    if (pictureIdBits == 7) {
      return buf[pictureIdAt] & 0x7F;
    }
    return ((buf[pictureIdAt] & 0x7F) << 8) | (buf[pictureIdAt + 1] & 0xFF);
  }

  /** Rewrites PictureID in place, in its own width ({@code id} is taken mod 2^width). */
  public void setPictureId(int id) {
    if (pictureIdAt < 0) {
      return;
    }
    if (pictureIdBits == 7) {
      buf[pictureIdAt] = (byte) (id & 0x7F);
    } else {
      buf[pictureIdAt] = (byte) (0x80 | ((id >> 8) & 0x7F));
      buf[pictureIdAt + 1] = (byte) id;
    }
  }

  public boolean hasTl0PicIdx() {
    return tl0At >= 0;
  }

  /** TL0PICIDX: the running index of temporal base layer frames (8 bits), or -1 when absent. */
  public int tl0PicIdx() {
    return tl0At < 0 ? -1 : buf[tl0At] & 0xFF;
  }

  /** Rewrites TL0PICIDX in place ({@code idx} mod 256). */
  public void setTl0PicIdx(int idx) {
    if (tl0At >= 0) {
      buf[tl0At] = (byte) idx;
    }
  }

  /** T: TID and Y are present. */
  public boolean hasTid() {
    return hasTid;
  }

  /** TID: the temporal layer index (0–3), or -1 when absent (T=0). */
  public int tid() {
    return hasTid ? (buf[tkAt] & 0xC0) >>> 6 : -1;
  }

  /**
   * Y: layer sync; this frame depends only on base layer frames (TL0), so a receiver can start
   * decoding its temporal layer here (RFC 7741 §4.2). False when TID is absent.
   */
  public boolean layerSync() {
    return hasTid && (buf[tkAt] & 0x20) != 0;
  }

  /** K: KEYIDX is present. */
  public boolean hasKeyIdx() {
    return hasKeyIdx;
  }

  /** KEYIDX: the running index of key frames (5 bits), or -1 when absent. */
  public int keyIdx() {
    return hasKeyIdx ? buf[tkAt] & 0x1F : -1;
  }
}
