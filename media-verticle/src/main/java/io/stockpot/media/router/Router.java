package io.stockpot.media.router;

import io.stockpot.media.bwe.TransportCongestionControlClient;
import io.stockpot.media.rtp.RtpExtensions;
import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.webrtc.WebRtcTransport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A room's media router, like mediasoup's Router: the fan-out. Each decrypted RTP packet of the
 * room's transports finds its producer ({@link RtpListener}), which receives it ({@link
 * Producer#receive}); what it accepts goes to each of its consumers ({@link Consumer#forward}).
 * RTCP goes to {@link RtcpReceiver}. On every tick each transport sends one RTCP compound, filled
 * by the streams that own the state. Runs on the room's event loop; the packet path is listed in
 * the package documentation.
 */
public final class Router implements WebRtcTransport.Listener {
  /** RTCP goes out every 100 ms: transport-wide feedback at the rate browsers expect. */
  public static final long TICK_INTERVAL_MS = 100;

  /** Sender and receiver reports go out once a second (RFC 3550 §6.2 allows this for media). */
  static final long REPORT_INTERVAL_MS = 1_000;

  private final Map<String, Producer> producers = new LinkedHashMap<>();
  private final Map<String, Consumer> consumers = new LinkedHashMap<>();
  private final Map<MediaTransport, RouterTransport> transports = new IdentityHashMap<>();
  private final RtpPacket packet = new RtpPacket();
  private final RtpPacket retransmitView = new RtpPacket();
  private final RtcpReceiver rtcpReceiver = new RtcpReceiver(this);
  private final RtcpCompoundWriter rtcpOut = new RtcpCompoundWriter();
  private final RouterCounters counters;
  private final long rtcpSsrc = ThreadLocalRandom.current().nextLong(1, 0xFFFF_FFFFL);
  private long lastReportMs = Long.MIN_VALUE;

  /** Each consumer's copy of a packet is rewritten and protected here, then queued. */
  private final byte[] out = new byte[1500 + 64];

  /** RTCP packets are written here, then appended to the transport's compound. */
  private final byte[] rtcpScratch = new byte[1500 + 64];

  /**
   * @param roomDrops the room's drop counters, into which every transport's roll up (read for the
   *     router's status counters)
   */
  public Router(DropCounters roomDrops) {
    this.counters = new RouterCounters(roomDrops);
  }

  private RouterTransport entry(MediaTransport transport) {
    return transports.computeIfAbsent(transport, t -> new RouterTransport(t, rtcpSsrc));
  }

  /** Registers a producer; false if its SSRCs collide with another on the same transport. */
  public boolean addProducer(Producer producer) {
    RouterTransport t = entry(producer.transport());
    if (!t.listener.add(producer)) {
      return false;
    }
    producer.rtcpSsrc(rtcpSsrc);
    t.producers.add(producer);
    producers.put(producer.id(), producer);
    return true;
  }

  public void removeProducer(Producer producer) {
    producers.remove(producer.id());
    for (Consumer c : List.copyOf(producer.consumers())) {
      removeConsumer(c);
    }
    producer.close();
    counters.producerClosed(producer);
    RouterTransport t = transports.get(producer.transport());
    if (t != null) {
      t.listener.remove(producer);
      t.producers.remove(producer);
    }
  }

  public Producer producer(String id) {
    return producers.get(id);
  }

  public Collection<Producer> producers() {
    return producers.values();
  }

  public void addConsumer(Consumer consumer) {
    consumers.put(consumer.id(), consumer);
    consumer.producer().consumers().add(consumer);
    entry(consumer.transport()).consumers.add(consumer);
  }

  public void removeConsumer(Consumer consumer) {
    consumers.remove(consumer.id());
    consumer.producer().consumers().remove(consumer);
    RouterTransport t = transports.get(consumer.transport());
    if (t != null) {
      t.consumers.remove(consumer);
    }
    counters.consumerClosed(consumer);
    consumer.close();
  }

  public Consumer consumer(String id) {
    return consumers.get(id);
  }

  /** The transport closed: nothing more is sent on it. */
  public void transportClosed(MediaTransport transport) {
    RouterTransport t = transports.remove(transport);
    if (t != null) {
      counters.transportClosed(t);
    }
  }

  @Override
  public void onRtp(WebRtcTransport transport, byte[] buf, int off, int len, long nowUs) {
    receiveRtp(transport, buf, off, len, nowUs);
  }

  /**
   * One decrypted RTP packet ({@code len} bytes at {@code buf[off]}) from {@code transport},
   * arrived at {@code nowUs} (µs; the room's one clock, whose ms are this value / 1000). {@code
   * buf} must have 64 spare bytes after the packet.
   */
  public void receiveRtp(MediaTransport transport, byte[] buf, int off, int len, long nowUs) {
    if (!packet.read(buf, off, len)) {
      transport.drops().count(DropReason.RTP_INVALID);
      return;
    }
    RouterTransport t = transports.get(transport);
    Producer producer = t == null ? null : t.listener.route(packet);
    if (t != null) {
      // Transport-wide feedback reports every packet that arrived, routed or not: a sender's
      // bandwidth probes and repairs on an RTX stream not learnt yet (rid simulcast names it by
      // rrid only) would otherwise read as lost, and its estimate would never climb.
      int tccId = producer != null ? producer.transportCcExtensionId() : t.transportCcExtensionId();
      if (tccId != 0) {
        int seq = RtpExtensions.transportSequenceNumber(packet, tccId);
        if (seq >= 0) {
          t.feedback.arrived(seq, packet.ssrc(), nowUs);
        }
      }
    }
    if (producer == null) {
      transport.drops().count(DropReason.NO_PRODUCER);
      return;
    }
    long nowMs = nowUs / 1000;
    ReceiveResult result = producer.receive(packet, buf, off, len, nowMs);
    if (!result.forwardable()) {
      transport.drops().count(result.dropReason());
      return;
    }
    // Each consumer takes the encodings it carries: simple ones the first, simulcast ones their
    // current spatial layer (and the key frames of their target).
    int encoding = result.encoding();
    List<Consumer> targets = producer.consumers();
    for (int i = 0, n = targets.size(); i < n; i++) {
      if (targets.get(i).forward(packet, encoding, out, nowMs)) {
        counters.rtpForwarded++;
      }
    }
  }

  @Override
  public void onRtcp(WebRtcTransport transport, byte[] buf, int off, int len, long nowUs) {
    receiveRtcp(transport, buf, off, len, nowUs / 1000);
  }

  /** One decrypted RTCP compound from {@code transport}. */
  public void receiveRtcp(MediaTransport transport, byte[] buf, int off, int len, long nowMs) {
    counters.rtcpIn++;
    rtcpReceiver.receive(transport, buf, off, len, nowMs);
  }

  @Override
  public void onTupleSelected(WebRtcTransport transport, InetSocketAddress tuple) {}

  @Override
  public void onConnected(WebRtcTransport transport, long nowMs) {
    transportConnected(transport, nowMs);
  }

  /** Consumers on this transport could not start before: ask their producers for key frames. */
  public void transportConnected(MediaTransport transport, long nowMs) {
    RouterTransport t = transports.get(transport);
    if (t != null) {
      for (Consumer c : t.consumers) {
        if (c.wantsKeyFrame()) {
          c.requestKeyFrame(KeyFrameRequests.Source.CONSUMER_START, nowMs);
        }
      }
    }
  }

  /** The consumer on {@code transport} sending with {@code ssrc} (or its RTX SSRC), or null. */
  Consumer consumerOn(MediaTransport transport, long ssrc) {
    RouterTransport t = transports.get(transport);
    if (t != null) {
      List<Consumer> list = t.consumers;
      for (int i = 0, n = list.size(); i < n; i++) {
        Consumer c = list.get(i);
        if (c.ssrc() == ssrc || c.rtxSsrc() == ssrc) {
          return c;
        }
      }
    }
    return null;
  }

  RtpStreamRecv producerStreamOn(MediaTransport transport, long ssrc) {
    RouterTransport t = transports.get(transport);
    Producer p = t == null ? null : t.listener.find(ssrc);
    if (p != null) {
      for (RtpStreamRecv s : p.streams()) {
        if (s != null && s.ssrc() == ssrc) {
          return s;
        }
      }
    }
    return null;
  }

  /** A consumer of {@code producer} starts or resumes: it needs a key frame now. */
  public void requestKeyFrame(Producer producer, long nowMs) {
    producer.requestKeyFrame(KeyFrameRequests.Source.CONSUMER_START, nowMs);
  }

  /** A consumer starts or resumes: it needs a key frame now (a simulcast one of its target). */
  public void requestKeyFrame(Consumer consumer, long nowMs) {
    consumer.requestKeyFrame(KeyFrameRequests.Source.CONSUMER_START, nowMs);
  }

  /** A browser asked for a key frame (PLI/FIR): relayed at most once a second. */
  void relayKeyFrameRequest(Producer producer, long nowMs) {
    producer.requestKeyFrame(KeyFrameRequests.Source.BROWSER, nowMs);
  }

  /**
   * A browser asked {@code consumer} for a key frame (PLI/FIR): relayed to the stream it receives
   * (all of a simple consumer's producer, a simulcast one's current layer), at most once a second.
   */
  void relayKeyFrameRequest(Consumer consumer, long nowMs) {
    consumer.requestKeyFrame(KeyFrameRequests.Source.BROWSER, nowMs);
  }

  /**
   * Answers a browser's NACK for a consumer's sequence number from the producer's buffer, unless
   * the consumer's transport is congested and already sends more than its estimate allows.
   */
  void retransmit(Consumer consumer, int seq, long nowMs) {
    TransportCongestionControlClient cc = consumer.transport().congestionControl();
    if (cc != null && !cc.retransmissionAllowed(nowMs * 1000)) {
      return; // counted there
    }
    consumer.retransmit(seq, retransmitView, out, nowMs);
  }

  /**
   * Periodic work, every {@link #TICK_INTERVAL_MS}: one RTCP compound per transport (reports once a
   * second, NACK retries, transport-wide feedback), a probe cluster where one is due ({@link
   * ProbePadding}), each transport's estimate shared among its simulcast consumers ({@link
   * LayerAllocation}), and key frames for consumers still waiting.
   */
  public void tick(long nowMs) {
    boolean reportDue =
        lastReportMs == Long.MIN_VALUE || nowMs - lastReportMs >= REPORT_INTERVAL_MS;
    if (reportDue) {
      lastReportMs = nowMs;
    }
    for (RouterTransport t : transports.values()) {
      rtcpOut.begin(t.transport, nowMs);
      if (reportDue) {
        for (Consumer c : t.consumers) {
          rtcpOut.append(rtcpScratch, 0, c.writeSenderReport(rtcpScratch, 0, nowMs));
        }
        for (Producer p : t.producers) {
          rtcpOut.append(rtcpScratch, 0, p.writeReceiverReport(rtcpScratch, 0, nowMs));
        }
      }
      for (Producer p : t.producers) {
        rtcpOut.append(rtcpScratch, 0, p.writeNacks(rtcpScratch, 0, nowMs));
      }
      int len;
      while ((len = t.feedback.write(rtcpScratch, 0)) > 0) {
        rtcpOut.append(rtcpScratch, 0, len);
      }
      rtcpOut.finish();
      ProbePadding.probe(t.consumers, t.transport, out, nowMs);
      LayerAllocation.allocate(t.consumers, t.transport.congestionControl(), nowMs);
    }
    for (Producer p : producers.values()) {
      List<Consumer> list = p.consumers();
      boolean askedAll = false;
      for (int i = 0, n = list.size(); i < n; i++) {
        Consumer c = list.get(i);
        c.tick(nowMs);
        // Still waiting (the first request or its key frame was lost): ask again, gently. A simple
        // consumer's request covers the whole producer; simulcast ones ask their target stream.
        boolean simulcast = c instanceof SimulcastConsumer;
        if (c.wantsKeyFrame() && (simulcast || !askedAll)) {
          c.requestKeyFrame(KeyFrameRequests.Source.STILL_WAITING, nowMs);
          askedAll |= !simulcast;
        }
      }
    }
  }

  /** Counters of the router's steps, for status and metrics. */
  public RouterTotals counters() {
    return counters.totals(producers.values(), consumers.values(), transports.values(), this);
  }

  RtcpReceiver rtcpReceiver() {
    return rtcpReceiver;
  }

  long rtcpCompoundsSent() {
    return rtcpOut.compoundsSent();
  }

  /** What the router keeps per transport: its producers' SSRC table, consumers, feedback. */
  static final class RouterTransport {
    final MediaTransport transport;
    final RtpListener listener = new RtpListener();
    final List<Producer> producers = new ArrayList<>();
    final List<Consumer> consumers = new ArrayList<>();
    final TransportCcFeedback feedback;

    /** The transport-cc extension id its producers negotiated (one BUNDLE: the same), or 0. */
    int transportCcExtensionId() {
      for (int i = 0, n = producers.size(); i < n; i++) {
        int id = producers.get(i).transportCcExtensionId();
        if (id != 0) {
          return id;
        }
      }
      return 0;
    }

    RouterTransport(MediaTransport transport, long rtcpSsrc) {
      this.transport = transport;
      this.feedback = new TransportCcFeedback(transport, rtcpSsrc);
    }
  }
}
