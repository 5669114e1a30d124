package io.stockpot.media.router;

import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.webrtc.WebRtcTransport;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A room's media router, like mediasoup's Router: receives every decrypted packet of the room's
 * transports and hands it to the producer it belongs to. Runs on the room's event loop.
 */
public final class Router implements WebRtcTransport.Listener {
  private final Map<String, Producer> producers = new LinkedHashMap<>();
  private final Map<WebRtcTransport, RtpListener> listeners = new IdentityHashMap<>();
  private final RtpPacket packet = new RtpPacket();
  private final RtpPacket retransmitView = new RtpPacket();

  /** Each consumer's copy of a packet is rewritten and protected here, then queued. */
  private final byte[] out = new byte[1500 + 64];

  private final Map<String, Consumer> consumers = new LinkedHashMap<>();
  private long rtpForwarded;
  private long rtpWithoutProducer;
  private long rtpInvalid;
  private long rtpDiscarded;
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
    int encoding = producer.receive(packet, nowMs);
    if (encoding < 0) {
      rtpDiscarded++;
      return;
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

  public void addConsumer(Consumer consumer) {
    consumers.put(consumer.id(), consumer);
    consumer.producer().consumers().add(consumer);
  }

  public void removeConsumer(Consumer consumer) {
    consumers.remove(consumer.id());
    consumer.producer().consumers().remove(consumer);
    consumer.close();
  }

  public Consumer consumer(String id) {
    return consumers.get(id);
  }

  /** Answers a browser's NACK for a consumer's sequence numbers from the producer's buffer. */
  public void retransmit(Consumer consumer, int seq, long nowMs) {
    RetransmissionBuffer buffer = consumer.producer().buffer(0);
    if (buffer != null) {
      consumer.retransmit(seq, buffer, retransmitView, out, nowMs);
    }
  }

  public long rtpForwarded() {
    return rtpForwarded;
  }

  @Override
  public void onRtcp(WebRtcTransport transport, byte[] buf, int off, int len, long nowMs) {
    rtcpIn++;
  }

  @Override
  public void onTupleSelected(WebRtcTransport transport, InetSocketAddress tuple) {}

  @Override
  public void onConnected(WebRtcTransport transport) {}

  public long rtpWithoutProducer() {
    return rtpWithoutProducer;
  }

  public long rtpInvalid() {
    return rtpInvalid;
  }

  public long rtpDiscarded() {
    return rtpDiscarded;
  }

  public long rtcpIn() {
    return rtcpIn;
  }
}
