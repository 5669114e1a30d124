package io.stockpot.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * BouncyCastle's view of the network: datagrams come from a bounded queue filled by the caller's
 * event loop and go out through a {@link DatagramSender}. Only the handshake thread calls the
 * {@link DatagramTransport} methods; {@link #offer} may be called from any thread.
 */
final class DtlsQueueTransport implements DatagramTransport {

  /** Largest datagram accepted: an Ethernet MTU, more than any browser sends for DTLS. */
  static final int RECEIVE_LIMIT = 1500;

  private final ArrayBlockingQueue<byte[]> queue;
  private final DatagramSender sender;
  private final int mtu;
  private final DtlsCounters counters;

  /** Set by a local close: wakes the reader; sends stay open so close_notify can go out. */
  private volatile boolean stopRequested;

  /** Set when BouncyCastle closes the connection (after its last alert): nothing more goes out. */
  private volatile boolean closed;

  DtlsQueueTransport(int capacity, int mtu, DatagramSender sender, DtlsCounters counters) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.sender = sender;
    this.mtu = mtu;
    this.counters = counters;
  }

  /** Queues a copy of the datagram; false (and counted) when it was dropped. Never blocks. */
  boolean offer(byte[] buf, int off, int len) {
    counters.datagramIn();
    if (stopRequested
        || closed
        || len <= 0
        || len > RECEIVE_LIMIT
        || off < 0
        || off > buf.length - len
        || !queue.offer(Arrays.copyOfRange(buf, off, off + len))) {
      counters.queueDrop();
      return false;
    }
    return true;
  }

  void requestStop() {
    stopRequested = true;
  }

  boolean stopRequested() {
    return stopRequested;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public int getReceiveLimit() {
    return RECEIVE_LIMIT;
  }

  @Override
  public int getSendLimit() {
    return mtu;
  }

  /**
   * Waits for the next datagram. Returns -1 on timeout, as BouncyCastle expects; throws
   * InterruptedIOException once the transport is stopping, which ends any handshake or read.
   */
  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    if (stopRequested || closed) {
      throw new InterruptedIOException("DTLS transport closed");
    }
    byte[] datagram;
    try {
      datagram = waitMillis > 0 ? queue.poll(waitMillis, TimeUnit.MILLISECONDS) : queue.take();
    } catch (InterruptedException e) {
      throw new InterruptedIOException("DTLS transport closed");
    }
    if (datagram == null) {
      return -1;
    }
    if (datagram.length > len) {
      return -1; // cannot happen with RECEIVE_LIMIT-sized buffers; discard rather than truncate
    }
    System.arraycopy(datagram, 0, buf, off, datagram.length);
    return datagram.length;
  }

  @Override
  public void send(byte[] buf, int off, int len) throws IOException {
    if (closed) {
      return;
    }
    try {
      sender.send(Arrays.copyOfRange(buf, off, off + len), 0, len);
    } catch (RuntimeException e) {
      throw new IOException("DTLS datagram sender failed", e);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
