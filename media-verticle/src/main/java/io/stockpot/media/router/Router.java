package io.stockpot.media.router;

import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.rtp.RtxPacket;
import io.stockpot.media.webrtc.WebRtcTransport;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A room's media router, like mediasoup's Router: every decrypted packet of the room's transports
 * comes here. RTP goes to the producer that owns its SSRC, into the producer's retransmission
 * buffer, and out to each of the producer's consumers; RTCP goes to {@link RtcpReceiver}. Runs on
 * the room's event loop.
 */
public final class Router implements WebRtcTransport.Listener {
  private final Map<String, Producer> producers = new LinkedHashMap<>();
  private final Map<String, Consumer> consumers = new LinkedHashMap<>();
  private final Map<WebRtcTransport, RtpListener> listeners = new IdentityHashMap<>();
  private final Map<WebRtcTransport, List<Consumer>> consumersByTransport = new IdentityHashMap<>();
  private final RtpPacket packet = new RtpPacket();
  private final RtpPacket retransmitView = new RtpPacket();
  private final RtcpReceiver rtcpReceiver = new RtcpReceiver(this);
  private final RtcpSender rtcpSender = new RtcpSender();

  /** Each consumer's copy of a packet is rewritten and protected here, then queued. */
  private final byte[] out = new byte[1500 + 64];

  private long rtpWithoutProducer;
  private long rtpInvalid;
  private long rtpDiscarded;
  private long rtpForwarded;
  private long rtcpIn;

  /** Registers a producer; false if its SSRCs collide with another on the same transport. */
  public boolean addProducer(Producer producer) {
    RtpListener listener = listeners.computeIfAbsent(producer.transport(), t -> new RtpListener());
    if (!listener.add(producer)) {
      return false;
    }
    producers.put(producer.id(), producer);
    return true;
  }

  public void removeProducer(Producer producer) {
    producers.remove(producer.id());
    for (Consumer c : List.copyOf(producer.consumers())) {
      removeConsumer(c);
    }
    producer.close();
    rtcpSender.producerClosed(producer);
    RtpListener listener = listeners.get(producer.transport());
    if (listener != null) {
      listener.remove(producer);
      if (listener.isEmpty()) {
        listeners.remove(producer.transport());
      }
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
    consumersByTransport
        .computeIfAbsent(consumer.transport(), t -> new ArrayList<>())
        .add(consumer);
  }

  public void removeConsumer(Consumer consumer) {
    consumers.remove(consumer.id());
    consumer.producer().consumers().remove(consumer);
    List<Consumer> onTransport = consumersByTransport.get(consumer.transport());
    if (onTransport != null) {
      onTransport.remove(consumer);
      if (onTransport.isEmpty()) {
        consumersByTransport.remove(consumer.transport());
      }
    }
    consumer.close();
  }

  public Consumer consumer(String id) {
    return consumers.get(id);
  }

  /** The transport closed: nothing more is sent on it. */
  public void transportClosed(WebRtcTransport transport) {
    rtcpSender.transportClosed(transport);
  }

  @Override
  public void onRtp(WebRtcTransport transport, byte[] buf, int off, int len, long nowMs) {
    if (!packet.read(buf, off, len)) {
      rtpInvalid++;
      return;
    }
    RtpListener listener = listeners.get(transport);
    Producer producer = listener == null ? null : listener.route(packet);
    if (producer == null) {
      rtpWithoutProducer++;
      return;
    }
    rtcpSender.arrived(transport, producer, packet);
    int encoding;
    int rtx = producer.rtxEncoding(packet.ssrc());
    if (rtx >= 0) {
      // A retransmission (or a bandwidth probe, which carries no payload): unwrap it in place and
      // treat it as the packet it repairs.
      producer.streams()[rtx].rtxReceived(len, nowMs);
      int apt = producer.aptOf(packet.payloadType());
      int n =
          apt < 0 || packet.payloadLength() < 2
              ? -1
              : RtxPacket.decapsulate(packet, buf, off, apt, producer.ssrc(rtx));
      if (n < 0 || !packet.read(buf, off, n)) {
        rtpDiscarded++;
        return;
      }
      len = n;
      encoding = producer.receiveRepaired(rtx, packet, nowMs);
    } else {
      encoding = producer.receive(packet, nowMs);
    }
    if (encoding < 0) {
      rtpDiscarded++;
      return;
    }
    RtpStreamRecv stream = producer.streams()[encoding];
    if (stream.hasNewGap()) {
      rtcpSender.requestLost(producer, nowMs);
    }
    RetransmissionBuffer buffer = producer.buffer(encoding);
    if (buffer != null) {
      buffer.store(packet.sequenceNumber(), buf, off, len, nowMs);
    }
    if (encoding != 0) {
      // Simple consumers carry the first encoding; others only fill their buffers.
      return;
    }
    List<Consumer> targets = producer.consumers();
    for (int i = 0, n = targets.size(); i < n; i++) {
      targets.get(i).forward(packet, out, nowMs);
    }
    rtpForwarded += targets.size();
  }

  @Override
  public void onRtcp(WebRtcTransport transport, byte[] buf, int off, int len, long nowMs) {
    rtcpIn++;
    rtcpReceiver.receive(transport, buf, off, len, nowMs);
  }

  @Override
  public void onTupleSelected(WebRtcTransport transport, InetSocketAddress tuple) {}

  @Override
  public void onConnected(WebRtcTransport transport) {
    // Consumers on this transport could not start before: ask their producers for key frames.
    List<Consumer> waiting = consumersByTransport.get(transport);
    if (waiting != null) {
      long now = System.currentTimeMillis();
      for (Consumer c : waiting) {
        if (c.wantsKeyFrame()) {
          requestKeyFrame(c.producer(), now);
        }
      }
    }
  }

  /** The consumer on {@code transport} sending with {@code ssrc} (or its RTX SSRC), or null. */
  Consumer consumerOn(WebRtcTransport transport, long ssrc) {
    List<Consumer> list = consumersByTransport.get(transport);
    if (list != null) {
      for (int i = 0, n = list.size(); i < n; i++) {
        Consumer c = list.get(i);
        if (c.ssrc() == ssrc || c.rtxSsrc() == ssrc) {
          return c;
        }
      }
    }
    return null;
  }

  RtpStreamRecv producerStreamOn(WebRtcTransport transport, long ssrc) {
    RtpListener listener = listeners.get(transport);
    Producer p = listener == null ? null : listener.find(ssrc);
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
    if (producer.kind().equals("video")) {
      rtcpSender.requestKeyFrame(producer, nowMs, RtcpSender.KEY_FRAME_START_INTERVAL_MS);
    }
  }

  /** A browser asked for a key frame (PLI/FIR): relayed at most once a second. */
  void relayKeyFrameRequest(Producer producer, long nowMs) {
    if (producer.kind().equals("video")) {
      rtcpSender.requestKeyFrame(producer, nowMs, RtcpSender.KEY_FRAME_REQUEST_INTERVAL_MS);
    }
  }

  /** Answers a browser's NACK for a consumer's sequence number from the producer's buffer. */
  void retransmit(Consumer consumer, int seq, long nowMs) {
    RetransmissionBuffer buffer = consumer.producer().buffer(0);
    if (buffer != null) {
      consumer.retransmit(seq, buffer, retransmitView, out, nowMs);
    }
  }

  /** Periodic work, every {@link RtcpSender#TRANSPORT_CC_INTERVAL_MS}. */
  public void tick(long nowMs) {
    rtcpSender.tick(producers.values(), consumers.values(), nowMs);
    for (Producer p : producers.values()) {
      for (Consumer c : p.consumers()) {
        if (c.wantsKeyFrame()) {
          // Still waiting (the first request or its key frame was lost): ask again, gently.
          relayKeyFrameRequest(p, nowMs);
          break;
        }
      }
    }
  }

  public long rtpWithoutProducer() {
    return rtpWithoutProducer;
  }

  /** Counters of the router's steps, for status and metrics. */
  public JsonObject counters() {
    return new JsonObject()
        .put("rtpForwarded", rtpForwarded)
        .put("rtpWithoutProducer", rtpWithoutProducer)
        .put("rtpInvalid", rtpInvalid)
        .put("rtpDiscarded", rtpDiscarded)
        .put("rtcpIn", rtcpIn)
        .put("rtcpMalformed", rtcpReceiver.malformed)
        .put("nacksIn", rtcpReceiver.nacksIn)
        .put("keyFrameRequestsIn", rtcpReceiver.keyFrameRequestsIn)
        .put("transportCcIn", rtcpReceiver.transportCcIn)
        .put("rembIn", rtcpReceiver.rembIn)
        .put("transportCcOut", rtcpSender.transportCcOut)
        .put("receiverReportsOut", rtcpSender.receiverReportsOut)
        .put("senderReportsOut", rtcpSender.senderReportsOut)
        .put("keyFrameRequestsOut", rtcpSender.keyFrameRequestsOut)
        .put("nacksOut", rtcpSender.nacksOut);
  }
}
