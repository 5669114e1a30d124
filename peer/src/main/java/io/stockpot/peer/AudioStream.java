package io.stockpot.peer;

/**
 * Opus-like audio: one packet every 20 ms (timestamps +960 at 48 kHz) with a fixed-size payload,
 * about what Opus at 32-40 kbit/s produces for speech.
 */
public final class AudioStream extends MediaStream {
  public static final int OPUS_PAYLOAD_TYPE = 111;
  public static final int CLOCK_RATE = 48_000;
  public static final long FRAME_NANOS = 20_000_000L;
  public static final int DEFAULT_PAYLOAD_BYTES = 100;

  private final int payloadBytes;

  public AudioStream(int ssrc, String mid, ExtensionIds ids, int firstSequence, long firstTs) {
    this(ssrc, OPUS_PAYLOAD_TYPE, mid, ids, DEFAULT_PAYLOAD_BYTES, firstSequence, firstTs);
  }

  public AudioStream(
      int ssrc,
      int payloadType,
      String mid,
      ExtensionIds ids,
      int payloadBytes,
      int firstSequence,
      long firstTimestamp) {
    super("audio", ssrc, payloadType, CLOCK_RATE, mid, ids, 960, firstSequence, firstTimestamp);
    if (payloadBytes < 1 || headerLength() + payloadBytes > MAX_PACKET) {
      throw new IllegalArgumentException("audio payload of " + payloadBytes + " bytes");
    }
    this.payloadBytes = payloadBytes;
  }

  @Override
  protected long frameIntervalNanos() {
    return FRAME_NANOS;
  }

  @Override
  protected void emitFrame(long nowNanos, RtpSink sink) {
    byte[] buf = sink.packetBuffer();
    int pos = writeHeader(buf, false, nowNanos, sink);
    pos = fill(buf, pos, payloadBytes);
    send(sink, pos, payloadBytes);
  }
}
