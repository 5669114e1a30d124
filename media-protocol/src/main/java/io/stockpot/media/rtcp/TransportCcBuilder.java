package io.stockpot.media.rtcp;

import io.stockpot.media.wire.Bytes;
import java.util.Arrays;

/**
 * Builds transport-wide CC feedback (see {@link TransportCc}) from the arrivals of packets carrying
 * the transport-wide sequence number. {@link #add} records an arrival, in any order within a window
 * of {@link #WINDOW} sequence numbers; {@link #write} then turns the recorded span into one
 * feedback packet, reporting the gaps as not received. What does not fit one packet (the size
 * limit, or a delta beyond ±8 s that 16 bits cannot hold) stays pending for the next {@link
 * #write}. Allocates only at construction. Not thread-safe.
 */
public final class TransportCcBuilder {
  /** Sequence numbers one feedback span can cover. */
  public static final int WINDOW = 4096;

  private static final long MISSING = Long.MIN_VALUE;
  private static final int TICKS_PER_REFERENCE = TransportCc.REFERENCE_TIME_UNIT_US / 250;

  private final int maxPacketSize;
  private final long[] arrivals = new long[WINDOW];
  private final byte[] deltas = new byte[2 * WINDOW];
  private final StatusChunkEncoder encoder = new StatusChunkEncoder(WINDOW / 4);
  private long senderSsrc;
  private long mediaSsrc;
  private int feedbackCount;
  private boolean started;
  private int base;
  private int pending;

  /** A builder whose packets stay within {@code maxPacketSize} bytes (at least 24). */
  public TransportCcBuilder(int maxPacketSize) {
    if (maxPacketSize < TransportCc.MIN_LENGTH + 4) {
      throw new IllegalArgumentException("maxPacketSize too small: " + maxPacketSize);
    }
    this.maxPacketSize = maxPacketSize;
  }

  public void setSsrcs(long senderSsrc, long mediaSsrc) {
    this.senderSsrc = senderSsrc;
    this.mediaSsrc = mediaSsrc;
  }

  /** The fb pkt count the next packet carries (it then increments, wrapping at 256). */
  public void setFeedbackPacketCount(int count) {
    this.feedbackCount = count & 0xFF;
  }

  /** Forgets everything pending; the next {@link #add} starts a new span. */
  public void reset() {
    started = false;
    pending = 0;
  }

  /**
   * Records that {@code seq} arrived at {@code arrivalUs}. False when it cannot be taken: older
   * than what was already reported, or beyond the window while packets are pending (call {@link
   * #write} and add it again). A sequence number far ahead with nothing pending starts a new span.
   */
  public boolean add(int seq, long arrivalUs) {
    seq &= 0xFFFF;
    if (!started) {
      started = true;
      base = seq;
      pending = 0;
    }
    int offset = (seq - base) & 0xFFFF;
    if (offset >= 0x8000) {
      return false;
    }
    if (offset >= WINDOW) {
      if (pending > 0) {
        return false;
      }
      base = seq;
      offset = 0;
    }
    for (int i = pending; i < offset; i++) {
      arrivals[(base + i) & (WINDOW - 1)] = MISSING;
    }
    pending = Math.max(pending, offset + 1);
    arrivals[seq & (WINDOW - 1)] = arrivalUs;
    return true;
  }

  public boolean hasPending() {
    return pending > 0;
  }

  /** Sequence numbers recorded but not yet written, gaps included. */
  public int pendingCount() {
    return pending;
  }

  /**
   * Writes one feedback packet at {@code dst[off]} covering as many pending sequence numbers as
   * fit; answers its length, 0 when nothing is pending, or -1 when {@code dst} has no room.
   */
  public int write(byte[] dst, int off) {
    if (pending == 0) {
      return 0;
    }
    if (dst == null || off < 0 || off > dst.length - TransportCc.MIN_LENGTH - 4) {
      return -1;
    }
    int limit = Math.min(maxPacketSize, dst.length - off);
    long first = firstArrival();
    long referenceTime = Math.floorDiv(first, TransportCc.REFERENCE_TIME_UNIT_US);
    long previous = referenceTime * TICKS_PER_REFERENCE;
    encoder.reset();
    int count = 0;
    int deltaBytes = 0;
    for (; count < pending; count++) {
      long arrival = arrivals[(base + count) & (WINDOW - 1)];
      int status = TransportCc.STATUS_NOT_RECEIVED;
      long ticks = 0;
      long delta = 0;
      if (arrival != MISSING) {
        ticks = Math.floorDiv(arrival, TransportCc.DELTA_UNIT_US);
        delta = ticks - previous;
        if (delta >= 0 && delta <= 0xFF) {
          status = TransportCc.STATUS_SMALL_DELTA;
        } else if (delta >= Short.MIN_VALUE && delta <= Short.MAX_VALUE) {
          status = TransportCc.STATUS_LARGE_DELTA;
        } else {
          break; // only a new reference time can express it: next packet
        }
      }
      int size = TransportCc.MIN_LENGTH + 2 * encoder.chunksIfAdded(status) + deltaBytes + status;
      if (((size + 3) & ~3) > limit) {
        break;
      }
      encoder.add(status);
      if (status == TransportCc.STATUS_SMALL_DELTA) {
        deltas[deltaBytes++] = (byte) delta;
      } else if (status == TransportCc.STATUS_LARGE_DELTA) {
        deltas[deltaBytes++] = (byte) (delta >>> 8);
        deltas[deltaBytes++] = (byte) delta;
      }
      if (status != TransportCc.STATUS_NOT_RECEIVED) {
        previous = ticks;
      }
    }
    if (count == 0) {
      return -1;
    }
    encoder.finish();
    int pos = off + TransportCc.MIN_LENGTH;
    for (int i = 0; i < encoder.chunkCount(); i++, pos += 2) {
      Bytes.writeShort(dst, pos, encoder.chunk(i));
    }
    System.arraycopy(deltas, 0, dst, pos, deltaBytes);
    pos += deltaBytes;
    int unpadded = pos - off;
    int size = (unpadded + 3) & ~3;
    int padding = size - unpadded;
    // Padding as RTCP does it (P bit, count in the last byte), as libwebrtc sends it.
    Arrays.fill(dst, pos, off + size, (byte) 0);
    if (padding > 0) {
      dst[off + size - 1] = (byte) padding;
    }
    Feedback.writeHeader(dst, off, RtcpHeader.RTPFB, TransportCc.FMT, size, senderSsrc, mediaSsrc);
    if (padding > 0) {
      dst[off] |= 0x20;
    }
    Bytes.writeShort(dst, off + 12, base);
    Bytes.writeShort(dst, off + 14, count);
    Bytes.writeUint24(dst, off + 16, (int) referenceTime);
    dst[off + 19] = (byte) feedbackCount;
    feedbackCount = (feedbackCount + 1) & 0xFF;
    base = (base + count) & 0xFFFF;
    pending -= count;
    return size;
  }

  /** Arrival of the first received packet pending; the span always ends with a received one. */
  private long firstArrival() {
    for (int i = 0; i < pending; i++) {
      long arrival = arrivals[(base + i) & (WINDOW - 1)];
      if (arrival != MISSING) {
        return arrival;
      }
    }
    return 0;
  }
}
