package io.stockpot.media.bwe;

import io.stockpot.media.rtcp.TransportCcBuilder;
import io.stockpot.media.rtp.RtpExtensions;
import io.stockpot.media.rtp.RtpPacket;
import java.util.ArrayDeque;
import java.util.Random;
import java.util.function.LongUnaryOperator;

/**
 * A simulated path for send-side estimation, on simulated time (µs): the sender paces 1200-byte RTP
 * packets carrying the transport-wide sequence number element at a rate it chooses, a FIFO
 * bottleneck drains them at {@link #capacityBps} (drop-tail past 1 s of queue), random loss, a
 * one-way delay each way; the receiver builds real transport-cc feedback with {@link
 * TransportCcBuilder} every 100 ms, delivered back after the one-way delay.
 */
public final class BottleneckLink {
  public static final int EXTENSION_ID = 5;
  public static final int PACKET_SIZE = 1200;
  static final long ONE_WAY_US = 20_000;
  static final long FEEDBACK_INTERVAL_US = 100_000;

  /** What the sender does with a packet: stamps it (the transport's send path) and answers seq. */
  public interface Sender {
    /** Sends the plaintext packet at {@code nowUs}; answers its transport-wide sequence number. */
    int send(byte[] buf, int len, long nowUs);

    /** A feedback packet from the receiver arrives at {@code nowUs}. */
    void feedback(byte[] buf, int len, long nowUs);
  }

  public long capacityBps;
  public double lossRate;
  private final Random random = new Random(42);
  private final Sender sender;
  private final byte[] packet = new byte[1500 + 64];
  private final TransportCcBuilder builder = new TransportCcBuilder(1200);
  private final ArrayDeque<long[]> inFlight = new ArrayDeque<>(); // {seq, arrivalUs}
  private final ArrayDeque<Object[]> feedbackInFlight = new ArrayDeque<>(); // {deliverUs, bytes}
  private long lastDepartureUs;
  private long nextFeedbackUs = FEEDBACK_INTERVAL_US;
  private double budgetBits;
  private long nowUs;
  public long sentPackets;
  public long deliveredPackets;

  public BottleneckLink(long capacityBps, Sender sender) {
    this.capacityBps = capacityBps;
    this.sender = sender;
    builder.setSsrcs(1, 2);
    RtpPacket.writeHeader(packet, 0, false, 96, 0, 0, 0x1234);
    packet[0] |= 0x10; // X: one-byte header extensions
    packet[12] = (byte) 0xBE;
    packet[13] = (byte) 0xDE;
    packet[15] = 1; // one word
    packet[16] = (byte) (EXTENSION_ID << 4 | 1); // 2 bytes
  }

  /** A template packet's transport-wide sequence number as the sender wrote it. */
  static int stampedSequence(byte[] buf, int len) {
    RtpPacket p = new RtpPacket();
    p.read(buf, 0, len);
    return RtpExtensions.transportSequenceNumber(p, EXTENSION_ID);
  }

  public long nowUs() {
    return nowUs;
  }

  /** Runs for {@code durationUs}, sending at {@code rateBps.applyAsLong(nowUs)} each ms. */
  public void run(long durationUs, LongUnaryOperator rateBps) {
    long end = nowUs + durationUs;
    while (nowUs < end) {
      nowUs += 1000;
      budgetBits = Math.min(budgetBits + rateBps.applyAsLong(nowUs) / 1000.0, 8 * PACKET_SIZE * 4);
      while (budgetBits >= PACKET_SIZE * 8) {
        budgetBits -= PACKET_SIZE * 8;
        sendOne();
      }
      receive();
      while (!feedbackInFlight.isEmpty() && (long) feedbackInFlight.peek()[0] <= nowUs) {
        byte[] fb = (byte[]) feedbackInFlight.poll()[1];
        sender.feedback(fb, fb.length, nowUs);
      }
    }
  }

  private void sendOne() {
    int seq = sender.send(packet, PACKET_SIZE, nowUs);
    sentPackets++;
    long start = Math.max(nowUs, lastDepartureUs);
    if (start - nowUs > 1_000_000 || random.nextDouble() < lossRate) {
      return; // drop-tail or random loss: never arrives
    }
    lastDepartureUs = start + PACKET_SIZE * 8L * 1_000_000 / capacityBps;
    inFlight.add(new long[] {seq, lastDepartureUs + ONE_WAY_US});
  }

  private void receive() {
    while (!inFlight.isEmpty() && inFlight.peek()[1] <= nowUs) {
      long[] p = inFlight.poll();
      deliveredPackets++;
      if (!builder.add((int) p[0], p[1])) {
        flushFeedback();
        builder.add((int) p[0], p[1]);
      }
    }
    if (nowUs >= nextFeedbackUs) {
      nextFeedbackUs += FEEDBACK_INTERVAL_US;
      flushFeedback();
    }
  }

  private void flushFeedback() {
    byte[] buf = new byte[1300];
    while (builder.hasPending()) {
      int len = builder.write(buf, 0);
      if (len <= 0) {
        builder.reset();
        return;
      }
      feedbackInFlight.add(new Object[] {nowUs + ONE_WAY_US, java.util.Arrays.copyOf(buf, len)});
    }
  }
}
