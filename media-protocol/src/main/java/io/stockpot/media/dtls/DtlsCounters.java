package io.stockpot.media.dtls;

import java.util.concurrent.atomic.LongAdder;

/**
 * Figures of one or many {@link DtlsTransport}s (pass the same instance in their options to
 * aggregate). Written from event loops and handshake threads, read by metrics at any time.
 */
public final class DtlsCounters {
  private final LongAdder datagramsIn = new LongAdder();
  private final LongAdder queueDrops = new LongAdder();
  private final LongAdder handshakesCompleted = new LongAdder();
  private final LongAdder handshakeFailures = new LongAdder();

  /** Datagrams handed to {@link DtlsTransport#feed}, dropped ones included. */
  public long datagramsIn() {
    return datagramsIn.sum();
  }

  /** Datagrams dropped because the queue was full, the transport was over, or too long. */
  public long queueDrops() {
    return queueDrops.sum();
  }

  public long handshakesCompleted() {
    return handshakesCompleted.sum();
  }

  /** Handshakes that ended in an error or timeout (not those ended by a local close). */
  public long handshakeFailures() {
    return handshakeFailures.sum();
  }

  void datagramIn() {
    datagramsIn.increment();
  }

  void queueDrop() {
    queueDrops.increment();
  }

  void handshakeCompleted() {
    handshakesCompleted.increment();
  }

  void handshakeFailed() {
    handshakeFailures.increment();
  }
}
