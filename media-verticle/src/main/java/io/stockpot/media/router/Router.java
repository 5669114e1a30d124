package io.stockpot.media.router;

import io.stockpot.media.rtp.RtpPacket;
import io.stockpot.media.webrtc.WebRtcTransport;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A room's media router, like mediasoup's Router: receives every decrypted packet of the room's
 * transports and hands it to the producer it belongs to. Runs on the room's event loop.
 */
public final class Router implements WebRtcTransport.Listener {
  private final Map<String, Producer> producers = new LinkedHashMap<>();
  private final Map<WebRtcTransport, RtpListener> listeners = new IdentityHashMap<>();
  private final RtpPacket packet = new RtpPacket();
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
    if (producer.receive(packet, nowMs) < 0) {
      rtpDiscarded++;
    }
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
