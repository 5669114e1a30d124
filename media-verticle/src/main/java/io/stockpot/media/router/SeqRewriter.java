package io.stockpot.media.router;

/**
 * A consumer's sequence numbers ({@link SeqManager}) and RTP timestamps, like the sync logic of
 * mediasoup's SimpleConsumer: the output stream stays continuous (RFC 3550 §5.1: sequence numbers
 * increment by one, timestamps advance with the media clock) across pauses, resumes and producer
 * restarts. After {@link #requireSync} the next packet accepted by {@link #sync} (for video, a key
 * frame — the caller gates) re-bases the offsets: its sequence number becomes the one after the
 * last sent, and its timestamp the last one sent plus the silent time in clock units.
 */
final class SeqRewriter {
  /** Lowest first sequence number (mediasoup's RtpStreamSend draws from [1000, 32767]). */
  static final int FIRST_SEQ_MIN = 1000;

  /** Highest first sequence number: far enough from the wrap (see {@link #randomFirstSeq}). */
  static final int FIRST_SEQ_MAX = 0x7FFF;

  private final int clockRate;
  private boolean syncRequired = true;
  private final SeqManager seqs = new SeqManager(16);
  private long tsOffset;
  private int lastSeq;
  private long lastTs;
  private long lastSentMs;
  private boolean sentAny;

  /**
   * @param clockRate RTP clock rate of the stream (Hz)
   * @param firstSeq the first sequence number to send (0..65535)
   * @param firstTs the first RTP timestamp to send (0..2^32-1)
   */
  SeqRewriter(int clockRate, int firstSeq, long firstTs) {
    this.clockRate = clockRate;
    this.lastSeq = (firstSeq - 1) & 0xFFFF;
    this.lastTs = firstTs & 0xFFFF_FFFFL;
  }

  /**
   * A random first sequence number in [{@link #FIRST_SEQ_MIN}, {@link #FIRST_SEQ_MAX}]. RFC 3550
   * §5.1 wants it random; the range keeps the stream's first ~32 000 packets clear of the 16-bit
   * wrap, so a receiver that missed the first packets still infers the right SRTP rollover counter
   * (RFC 3711 §3.3.1; libsrtp guesses ROC 0 from the first packet it sees).
   */
  static int randomFirstSeq(java.util.random.RandomGenerator random) {
    return random.nextInt(FIRST_SEQ_MIN, FIRST_SEQ_MAX + 1);
  }

  /** The next packet must re-base the offsets (start, resume, or a new producer stream). */
  void requireSync() {
    syncRequired = true;
  }

  boolean syncRequired() {
    return syncRequired;
  }

  /** Re-bases on input packet ({@code seq}, {@code ts}) arriving at {@code nowMs}. */
  void sync(int seq, long ts, long nowMs) {
    seqs.sync(seq, lastSeq);
    // The first packet takes the first timestamp as is; later ones advance by the time we were
    // silent (at least one tick, so the timestamp never repeats across a resume).
    long gap = !sentAny ? 0 : Math.max(1, (nowMs - lastSentMs) * clockRate / 1000);
    tsOffset = (lastTs + gap - ts) & 0xFFFF_FFFFL;
    syncRequired = false;
  }

  /** The output sequence number of input {@code seq}. */
  int seq(int seq) {
    return seqs.input(seq);
  }

  /**
   * Input {@code seq} is not forwarded on purpose (a temporal layer above the target): its number
   * is skipped, so the receiver sees no gap ({@link SeqManager#drop}).
   */
  void drop(int seq) {
    if (!syncRequired) {
      seqs.drop(seq);
    }
  }

  /** The output timestamp of input {@code ts}. */
  long ts(long ts) {
    return (ts + tsOffset) & 0xFFFF_FFFFL;
  }

  /** The input sequence number that became output {@code outSeq} (to answer NACKs), or -1. */
  int inputSeq(int outSeq) {
    return seqs.inputOf(outSeq);
  }

  /** Output ({@code outSeq}, {@code outTs}) was sent; only a newer sequence number moves on. */
  void sent(int outSeq, long outTs, long nowMs) {
    if (!sentAny || ((outSeq - lastSeq) & 0xFFFF) < 0x8000) {
      lastSeq = outSeq;
      lastTs = outTs;
      lastSentMs = nowMs;
      sentAny = true;
    }
  }

  /** What this stream adds to the input timestamps (mod 2^32). */
  long timestampOffset() {
    return tsOffset;
  }

  long lastSeq() {
    return lastSeq;
  }

  long lastTimestamp() {
    return lastTs;
  }

  /** When the newest packet was sent (ms), 0 before the first. */
  long lastSentMs() {
    return lastSentMs;
  }
}
