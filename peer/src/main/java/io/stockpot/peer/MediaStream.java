package io.stockpot.peer;

import java.nio.charset.StandardCharsets;

/**
 * One outgoing RTP stream (one SSRC) paced by a media clock: {@link #poll} emits every frame that
 * is due and answers when the next one is. Subclasses shape the frames; this class owns the header,
 * the sequence numbers, the header extensions and the counters a sender report needs.
 *
 * <p>Used from one thread (the transport's loop); the counters are readable from any thread.
 */
public abstract class MediaStream {
  /** Largest RTP packet before SRTP, as browsers keep them (room for TURN and the tag). */
  public static final int MAX_PACKET = 1200;

  /**
   * After a stall longer than this (GC, overloaded host) the stream resumes instead of bursting.
   */
  private static final long RESYNC_NANOS = 200_000_000L;

  /** Stand-in for encoded media; SRTP encrypts it, so its content does not matter. */
  static final byte[] FILLER = new byte[MAX_PACKET];

  static {
    for (int i = 0; i < FILLER.length; i++) {
      FILLER[i] = (byte) (i * 31 + 7);
    }
  }

  private final String kind;
  private final int ssrc;
  private final int payloadType;
  private final int clockRate;
  private final byte[] mid;
  private final ExtensionIds ids;
  private final long timestampStep;
  private int sequence;
  private long timestamp;
  private long frameNanos;
  private long nextDueNanos;
  private boolean started;

  private volatile long packets;
  private volatile long payloadBytes;
  private volatile long bytes;
  private volatile long frames;

  protected MediaStream(
      String kind,
      int ssrc,
      int payloadType,
      int clockRate,
      String mid,
      ExtensionIds ids,
      long timestampStep,
      int firstSequence,
      long firstTimestamp) {
    this.kind = kind;
    this.ssrc = ssrc;
    this.payloadType = payloadType;
    this.clockRate = clockRate;
    this.mid = mid.getBytes(StandardCharsets.US_ASCII);
    this.ids = ids;
    this.timestampStep = timestampStep;
    this.sequence = firstSequence & 0xFFFF;
    this.timestamp = (firstTimestamp - timestampStep) & 0xFFFFFFFFL;
  }

  /** Time between frames. */
  protected abstract long frameIntervalNanos();

  /** Writes and sends the packets of one frame; {@link #timestamp()} is already the frame's. */
  protected abstract void emitFrame(long nowNanos, RtpSink sink);

  /** Emits every frame due at {@code nowNanos}; answers when the next frame is due. */
  public final long poll(long nowNanos, RtpSink sink) {
    if (!started) {
      started = true;
      nextDueNanos = nowNanos;
    } else if (nowNanos - nextDueNanos > RESYNC_NANOS) {
      // Keep the media clock tied to wall time across the gap.
      long skipped = (nowNanos - nextDueNanos) / frameIntervalNanos();
      timestamp = (timestamp + skipped * timestampStep) & 0xFFFFFFFFL;
      nextDueNanos += skipped * frameIntervalNanos();
    }
    while (nowNanos - nextDueNanos >= 0) {
      timestamp = (timestamp + timestampStep) & 0xFFFFFFFFL;
      frameNanos = nextDueNanos;
      frames++;
      emitFrame(nowNanos, sink);
      nextDueNanos += frameIntervalNanos();
    }
    return nextDueNanos;
  }

  /**
   * Writes the fixed header and the extension block for the next sequence number into {@code buf}
   * at 0, and answers where the payload starts.
   */
  protected final int writeHeader(byte[] buf, boolean marker, long nowNanos, RtpSink sink) {
    RtpWriter.writeHeader(buf, 0, marker, payloadType, sequence, timestamp, ssrc);
    sequence = (sequence + 1) & 0xFFFF;
    int block = RtpWriter.HEADER_LENGTH;
    int pos = RtpWriter.beginExtensions(buf, block);
    if (ids.mid() > 0) {
      pos = RtpWriter.addExtension(buf, pos, ids.mid(), mid);
    }
    if (ids.absSendTime() > 0) {
      pos = RtpWriter.addExtension(buf, pos, ids.absSendTime(), RtpWriter.absSendTime(nowNanos), 3);
    }
    if (ids.transportWideCc() > 0) {
      pos =
          RtpWriter.addExtension(buf, pos, ids.transportWideCc(), sink.nextTransportSequence(), 2);
    }
    if (ids.audioLevel() > 0) {
      // Voice activity set, level -30 dBov: a talking participant.
      pos = RtpWriter.addExtension(buf, pos, ids.audioLevel(), 0x80 | 30, 1);
    }
    return RtpWriter.endExtensions(buf, 0, block, pos);
  }

  /** Length of the header {@link #writeHeader} writes (it does not vary between packets). */
  protected final int headerLength() {
    int ext = 0;
    ext += ids.mid() > 0 ? 1 + mid.length : 0;
    ext += ids.absSendTime() > 0 ? 4 : 0;
    ext += ids.transportWideCc() > 0 ? 3 : 0;
    ext += ids.audioLevel() > 0 ? 2 : 0;
    return RtpWriter.HEADER_LENGTH + 4 + ((ext + 3) & ~3);
  }

  /** Copies filler into {@code buf[pos, pos + len)} and answers the end. */
  protected static int fill(byte[] buf, int pos, int len) {
    System.arraycopy(FILLER, 0, buf, pos, len);
    return pos + len;
  }

  /** Counts and hands over one packet of {@code len} bytes whose payload is {@code payloadLen}. */
  protected final void send(RtpSink sink, int len, int payloadLen) {
    packets++;
    payloadBytes += payloadLen;
    bytes += len;
    sink.sendRtp(this, len);
  }

  public String kind() {
    return kind;
  }

  public int ssrc() {
    return ssrc;
  }

  public int payloadType() {
    return payloadType;
  }

  public int clockRate() {
    return clockRate;
  }

  public String mid() {
    return new String(mid, StandardCharsets.US_ASCII);
  }

  /** The RTP timestamp of the latest frame. */
  public long timestamp() {
    return timestamp;
  }

  /** The RTP timestamp the media clock shows at {@code nowNanos}, for sender reports. */
  public long timestampAt(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - frameNanos);
    return (timestamp + elapsed * clockRate / 1_000_000_000L) & 0xFFFFFFFFL;
  }

  /** The sequence number the next packet gets. */
  public int nextSequence() {
    return sequence;
  }

  public boolean started() {
    return started;
  }

  public long packets() {
    return packets;
  }

  /** Payload octets, as a sender report counts them. */
  public long payloadBytes() {
    return payloadBytes;
  }

  /** RTP bytes (header and payload) before SRTP. */
  public long bytes() {
    return bytes;
  }

  public long frames() {
    return frames;
  }

  @Override
  public String toString() {
    return kind + "[ssrc=" + Integer.toUnsignedString(ssrc) + ", mid=" + mid() + "]";
  }
}
