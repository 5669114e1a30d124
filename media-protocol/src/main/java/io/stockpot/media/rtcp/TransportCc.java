package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;

/**
 * Reads a transport-wide congestion control feedback packet (RTPFB FMT 15,
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1):
 *
 * <pre>
 *   header | sender SSRC | media SSRC | base seq (16) | status count (16)
 *   reference time (signed 24, x 64 ms) | fb pkt count (8)
 *   packet chunks (16 bits each) ... | receive deltas (1 or 2 bytes each) ... | padding
 * </pre>
 *
 * {@link #read} checks the whole structure (chunks cover the status count, every delta is there);
 * then {@link #rewind}/{@link #nextEntry} walk the packets in sequence order without allocating.
 * Arrival times are in the feedback sender's clock: reference time plus the running sum of deltas.
 */
public final class TransportCc {
  public static final int FMT = 15;
  public static final int MIN_LENGTH = 20;

  public static final int STATUS_NOT_RECEIVED = 0;
  public static final int STATUS_SMALL_DELTA = 1;
  public static final int STATUS_LARGE_DELTA = 2;

  /** Unit of receive deltas. */
  public static final int DELTA_UNIT_US = 250;

  /** Unit of the reference time. */
  public static final int REFERENCE_TIME_UNIT_US = 64_000;

  private byte[] buf;
  private int off = -1;
  private int statusCount;
  private int chunkCount;
  private int deltasOff;

  // Walk state.
  private int index;
  private int chunkPos;
  private int chunk;
  private int chunkUsed;
  private int chunkCapacity;
  private int deltaPos;
  private long ticks;
  private int status;
  private int delta;

  /** Reads one feedback packet at {@code buf[off]}; false if it is not a well-formed one. */
  public boolean read(byte[] buf, int off, int len) {
    this.buf = null;
    this.off = -1;
    this.statusCount = 0;
    this.chunkCount = 0;
    int size = Feedback.validate(buf, off, len, RtcpHeader.RTPFB, FMT);
    if (size < MIN_LENGTH) {
      return false;
    }
    int end = off + size;
    int remaining = Bytes.readShort(buf, off + 14);
    int pos = off + MIN_LENGTH;
    int deltaBytes = 0;
    int chunks = 0;
    while (remaining > 0) {
      if (end - pos < 2) {
        return false;
      }
      int c = Bytes.readShort(buf, pos);
      pos += 2;
      chunks++;
      int n = Math.min(remaining, capacity(c));
      for (int i = 0; i < n; i++) {
        int symbol = symbol(c, i);
        if (symbol == 3) {
          return false; // reserved
        }
        deltaBytes += symbol;
      }
      remaining -= n;
    }
    if (pos + deltaBytes > end) {
      return false;
    }
    this.buf = buf;
    this.off = off;
    this.statusCount = Bytes.readShort(buf, off + 14);
    this.chunkCount = chunks;
    this.deltasOff = pos;
    rewind();
    return true;
  }

  /** Packets a chunk describes: a run length, 14 one-bit or 7 two-bit symbols. */
  private static int capacity(int c) {
    if ((c & 0x8000) == 0) {
      return c & 0x1FFF;
    }
    return (c & 0x4000) == 0 ? 14 : 7;
  }

  /** Status of the {@code i}-th packet of a chunk; also the size of its delta in bytes. */
  private static int symbol(int c, int i) {
    if ((c & 0x8000) == 0) {
      return (c >>> 13) & 3;
    }
    if ((c & 0x4000) == 0) {
      return (c >>> (13 - i)) & 1;
    }
    return (c >>> (12 - 2 * i)) & 3;
  }

  public boolean isValid() {
    return off >= 0;
  }

  public long senderSsrc() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 4);
  }

  public long mediaSsrc() {
    return off < 0 ? -1 : Bytes.readUint32(buf, off + 8);
  }

  public int baseSequenceNumber() {
    return off < 0 ? -1 : Bytes.readShort(buf, off + 12);
  }

  public int packetStatusCount() {
    return statusCount;
  }

  /** Reference time in 64 ms units, sign-extended from 24 bits. */
  public int referenceTime() {
    return off < 0 ? 0 : (Bytes.readUint24(buf, off + 16) << 8) >> 8;
  }

  public long referenceTimeUs() {
    return (long) referenceTime() * REFERENCE_TIME_UNIT_US;
  }

  public int feedbackPacketCount() {
    return off < 0 ? -1 : buf[off + 19] & 0xFF;
  }

  public int chunkCount() {
    return chunkCount;
  }

  /** Goes back before the first packet. */
  public void rewind() {
    index = -1;
    chunkPos = off + MIN_LENGTH;
    chunkUsed = 0;
    chunkCapacity = 0;
    deltaPos = deltasOff;
    ticks = 0;
    status = -1;
    delta = 0;
  }

  /** Moves to the next packet; false after the last. */
  public boolean nextEntry() {
    if (off < 0 || index + 1 >= statusCount) {
      return false;
    }
    while (chunkUsed >= chunkCapacity) { // read() checked the chunks cover every packet
      chunk = Bytes.readShort(buf, chunkPos);
      chunkPos += 2;
      chunkCapacity = capacity(chunk);
      chunkUsed = 0;
    }
    index++;
    status = symbol(chunk, chunkUsed++);
    if (status == STATUS_SMALL_DELTA) {
      delta = buf[deltaPos] & 0xFF;
      deltaPos += 1;
    } else if (status == STATUS_LARGE_DELTA) {
      delta = (short) Bytes.readShort(buf, deltaPos);
      deltaPos += 2;
    } else {
      delta = 0;
    }
    ticks += delta;
    return true;
  }

  /** Transport-wide sequence number of the current packet. */
  public int entrySequenceNumber() {
    return (baseSequenceNumber() + index) & 0xFFFF;
  }

  /** One of the {@code STATUS_*} constants. */
  public int entryStatus() {
    return status;
  }

  public boolean entryReceived() {
    return status == STATUS_SMALL_DELTA || status == STATUS_LARGE_DELTA;
  }

  /** Delta from the previous received packet (or the reference time), in 250 µs units. */
  public int entryDeltaTicks() {
    return delta;
  }

  /** Arrival time in µs on the feedback sender's clock; meaningful when received. */
  public long entryArrivalUs() {
    return referenceTimeUs() + ticks * DELTA_UNIT_US;
  }
}
