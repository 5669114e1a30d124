package io.stockpot.testkit;

import io.stockpot.media.ice.IceRequests;
import io.stockpot.media.stun.MessageIntegrity;
import io.stockpot.media.stun.StunMessageWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends garbage at a room's UDP ports from many source ports, at a fixed rate, from one thread:
 * STUN checks with unknown usernames, STUN checks naming a real username fragment with the wrong
 * password (when one is given), DTLS-looking junk, RTP and RTCP with random SSRCs and bad auth
 * tags, and noise. What a flood of strangers looks like to the server.
 */
public final class Flooder implements AutoCloseable {
  private static final int SOURCES = 64;
  private static final int TEMPLATES = 512;

  private final List<InetSocketAddress> targets;
  private final int perSecond;
  private final List<DatagramChannel> sources = new ArrayList<>();
  private final List<ByteBuffer> packets = new ArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong sendErrors = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param ports the room's UDP ports on 127.0.0.1
   * @param knownUfrag a local ICE username fragment of a transport in the room, or null
   */
  public Flooder(List<Integer> ports, String knownUfrag, int perSecond) throws IOException {
    this.targets = ports.stream().map(p -> new InetSocketAddress("127.0.0.1", p)).toList();
    this.perSecond = perSecond;
    for (int i = 0; i < SOURCES; i++) {
      DatagramChannel c = DatagramChannel.open();
      c.bind(new InetSocketAddress("127.0.0.1", 0));
      c.configureBlocking(false);
      sources.add(c);
    }
    Random random = new Random(7);
    for (int i = 0; i < TEMPLATES; i++) {
      packets.add(ByteBuffer.wrap(garbage(i % 6, random, knownUfrag)));
    }
    thread = Thread.ofPlatform().name("flooder").daemon().start(this::run);
  }

  private static byte[] garbage(int kind, Random random, String knownUfrag) {
    return switch (kind) {
      case 0 -> stun(random, "ufrag" + random.nextInt(1_000_000));
      case 1 -> stun(random, knownUfrag != null ? knownUfrag : "nobody" + random.nextInt(1000));
      case 2 -> junk(random, 22, 60 + random.nextInt(200)); // DTLS handshake-looking
      case 3 -> rtp(random, 96 + random.nextInt(10)); // RTP, random SSRC, bad tag
      case 4 -> rtp(random, 200 + random.nextInt(5)); // RTCP SR/RR/SDES/BYE/APP
      default -> junk(random, random.nextInt(256), 1 + random.nextInt(1200)); // noise
    };
  }

  private static byte[] stun(Random random, String ufrag) {
    StunMessageWriter writer = new StunMessageWriter();
    IceRequests.writeCheck(
        writer,
        StunMessageWriter.randomTransactionId(),
        ufrag,
        "evil",
        MessageIntegrity.shortTerm("wrongPassword0123456789abcdef"),
        random.nextInt() & 0x7fffffffL,
        random.nextLong(),
        random.nextBoolean());
    return writer.toByteArray();
  }

  private static byte[] junk(Random random, int first, int len) {
    byte[] b = new byte[len];
    random.nextBytes(b);
    b[0] = (byte) first;
    return b;
  }

  private static byte[] rtp(Random random, int payloadType) {
    byte[] b = junk(random, 0x80, 40 + random.nextInt(1100));
    b[1] = (byte) payloadType;
    return b;
  }

  private void run() {
    long start = System.nanoTime();
    int next = 0;
    while (running) {
      long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
      while (sent.get() + sendErrors.get() < due && running) {
        ByteBuffer p = packets.get(next % TEMPLATES);
        DatagramChannel from = sources.get(next % SOURCES);
        InetSocketAddress to = targets.get(next % targets.size());
        next++;
        try {
          p.rewind();
          if (from.send(p, to) > 0) {
            sent.incrementAndGet();
          } else {
            sendErrors.incrementAndGet();
          }
        } catch (IOException e) {
          sendErrors.incrementAndGet();
        }
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Datagrams the kernel accepted for sending so far. */
  public long sent() {
    return sent.get();
  }

  @Override
  public void close() throws IOException {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (DatagramChannel c : sources) {
      c.close();
    }
  }

  /** The kernel's count of UDP datagrams dropped for full receive buffers (this namespace). */
  public static long udpReceiveBufferErrors() {
    try {
      List<String> lines =
          java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/snmp"));
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
          List<String> names = List.of(lines.get(i).split("\\s+"));
          String[] values = lines.get(i + 1).split("\\s+");
          return Long.parseLong(values[names.indexOf("RcvbufErrors")]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or a kernel without the counter
    }
    return 0;
  }
}
