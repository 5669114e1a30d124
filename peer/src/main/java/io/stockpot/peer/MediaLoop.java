package io.stockpot.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One platform thread that drives the UDP side of many {@link PeerTransport}s: a selector for their
 * channels and a timer for their media clocks and ICE checks. Load tests put hundreds of transports
 * on a handful of loops instead of a thread each. Everything a transport does with its channel,
 * ICE, SRTP and streams happens on its loop's thread; other threads go through {@link #execute}.
 */
public final class MediaLoop implements AutoCloseable {
  /** Longest sleep when nothing is due, so closed transports are noticed promptly. */
  private static final long MAX_WAIT_NANOS = 100_000_000L;

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
  private final List<PeerTransport> transports = new ArrayList<>();
  private final Consumer<SelectionKey> onReady = this::onReady;
  private volatile boolean running = true;
  private volatile long loopErrors;

  public MediaLoop(String name) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
  }

  /** Runs {@code command} on the loop thread. */
  public void execute(Runnable command) {
    commands.add(command);
    selector.wakeup();
  }

  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Called on the loop thread by {@link PeerTransport}. */
  void attach(PeerTransport transport) throws IOException {
    transport.channel().register(selector, SelectionKey.OP_READ, transport);
    transports.add(transport);
  }

  /** Called on the loop thread by {@link PeerTransport}. */
  void detach(PeerTransport transport) {
    transports.remove(transport);
    SelectionKey key = transport.channel().keyFor(selector);
    if (key != null) {
      key.cancel();
    }
  }

  /** Transports on this loop (read from any thread; approximate while they come and go). */
  public int transportCount() {
    return transports.size();
  }

  /** Failures inside a transport's handlers that the loop caught to keep the others going. */
  public long loopErrors() {
    return loopErrors;
  }

  private void run() {
    try {
      while (running) {
        Runnable c;
        while ((c = commands.poll()) != null) {
          c.run();
        }
        long now = System.nanoTime();
        long next = now + MAX_WAIT_NANOS;
        for (int i = 0; i < transports.size(); i++) {
          PeerTransport t = transports.get(i);
          try {
            long due = t.onTimer(now);
            if (due - next < 0) {
              next = due;
            }
          } catch (RuntimeException e) {
            loopErrors++;
          }
        }
        long waitNanos = next - System.nanoTime();
        if (waitNanos <= 0) {
          selector.selectNow(onReady);
        } else {
          selector.select(onReady, Math.max(1, waitNanos / 1_000_000));
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      running = false;
    } finally {
      for (PeerTransport t : List.copyOf(transports)) {
        t.closeOnLoop();
      }
      try {
        selector.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }

  private void onReady(SelectionKey key) {
    try {
      ((PeerTransport) key.attachment()).onReadable(System.nanoTime());
    } catch (RuntimeException e) {
      loopErrors++;
    }
  }

  /** Stops the thread; its transports are closed on the way out. */
  @Override
  public void close() {
    running = false;
    selector.wakeup();
    if (!inLoop()) {
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
