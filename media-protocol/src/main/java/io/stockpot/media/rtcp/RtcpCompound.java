package io.stockpot.media.rtcp;

/**
 * Walks the packets of a compound RTCP datagram (RFC 3550 §6.1) by their length fields. Reusable:
 * {@link #reset} per datagram, then {@link #next} until it answers false. A length field that runs
 * past the datagram, a wrong version or a trailing fragment ends the walk and sets {@link
 * #isMalformed}; the packets before it were still delivered. Allocates nothing, never throws.
 *
 * <pre>
 *   compound.reset(buf, off, len);
 *   while (compound.next()) {
 *     switch (compound.packetType()) { ... view.read(buf, compound.packetOffset(),
 *         compound.packetLength()) ... }
 *   }
 * </pre>
 */
public final class RtcpCompound {
  private byte[] buf;
  private int pos;
  private int end;
  private int packetOff = -1;
  private int packetLen;
  private boolean malformed;

  /** Starts a walk over {@code buf[off, off + len)}; false (and malformed) for bad arguments. */
  public boolean reset(byte[] buf, int off, int len) {
    this.packetOff = -1;
    this.packetLen = 0;
    if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
      this.buf = null;
      this.pos = 0;
      this.end = 0;
      this.malformed = true;
      return false;
    }
    this.buf = buf;
    this.pos = off;
    this.end = off + len;
    this.malformed = false;
    return true;
  }

  /** Moves to the next packet; false at the end or on malformed input. */
  public boolean next() {
    packetOff = -1;
    packetLen = 0;
    if (buf == null || pos >= end || malformed) {
      return false;
    }
    if (end - pos < RtcpHeader.HEADER_LENGTH || RtcpHeader.version(buf, pos) != 2) {
      malformed = true;
      return false;
    }
    int size = RtcpHeader.packetLength(buf, pos);
    if (size > end - pos) {
      malformed = true;
      return false;
    }
    packetOff = pos;
    packetLen = size;
    pos += size;
    return true;
  }

  /** Whether the walk stopped on bytes that are not a well-formed packet. */
  public boolean isMalformed() {
    return malformed;
  }

  /** The current packet's offset in the buffer (-1 before the first or after the last). */
  public int packetOffset() {
    return packetOff;
  }

  /** The current packet's size, from its length field. */
  public int packetLength() {
    return packetLen;
  }

  public int packetType() {
    return packetOff < 0 ? -1 : RtcpHeader.packetType(buf, packetOff);
  }

  /** Report/source count or feedback message type of the current packet. */
  public int count() {
    return packetOff < 0 ? -1 : RtcpHeader.count(buf, packetOff);
  }
}
