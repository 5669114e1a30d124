package io.stockpot.media.webrtc;

import io.stockpot.media.demux.PacketDemux;
import io.stockpot.media.demux.PacketKind;
import io.stockpot.media.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the transport a datagram belongs to: by its source address once ICE validated that tuple,
 * else (STUN only) by the local username fragment the browser's check names. Datagrams that belong
 * to no transport are counted and dropped.
 */
public final class TransportDemux {
  private final Map<String, WebRtcTransport> byUfrag = new HashMap<>();
  private final Map<InetSocketAddress, WebRtcTransport> byTuple = new HashMap<>();
  private final StunMessage stun = new StunMessage();
  private long unknownSource;
  private long unknownUsername;
  private long connectedTransports;

  public void add(WebRtcTransport transport) {
    for (String ufrag : transport.usernameFragments()) {
      byUfrag.put(ufrag, transport);
    }
  }

  /** After an ICE restart: the transport answers to its new ufrag too. */
  public void refresh(WebRtcTransport transport) {
    add(transport);
  }

  public void tupleSelected(WebRtcTransport transport, InetSocketAddress tuple) {
    byTuple.put(tuple, transport);
  }

  /**
   * Wraps a transport's listener so that the tuple ICE selects is routed here from then on, and
   * completed DTLS handshakes are counted.
   */
  public WebRtcTransport.Listener routing(WebRtcTransport.Listener listener) {
    return new WebRtcTransport.Listener() {
      @Override
      public void onRtp(WebRtcTransport t, byte[] buf, int off, int len, long nowUs) {
        listener.onRtp(t, buf, off, len, nowUs);
      }

      @Override
      public void onRtcp(WebRtcTransport t, byte[] buf, int off, int len, long nowUs) {
        listener.onRtcp(t, buf, off, len, nowUs);
      }

      @Override
      public void onTupleSelected(WebRtcTransport t, InetSocketAddress tuple) {
        tupleSelected(t, tuple);
        listener.onTupleSelected(t, tuple);
      }

      @Override
      public void onConnected(WebRtcTransport t, long nowMs) {
        connectedTransports++;
        listener.onConnected(t, nowMs);
      }
    };
  }

  /** DTLS handshakes completed on this room's transports. */
  public long connectedTransports() {
    return connectedTransports;
  }

  public void remove(WebRtcTransport transport) {
    byUfrag.values().removeIf(t -> t == transport);
    byTuple.values().removeIf(t -> t == transport);
  }

  /** The transport for this datagram, or null (counted). */
  public WebRtcTransport route(byte[] buf, int off, int len, InetSocketAddress from) {
    WebRtcTransport transport = byTuple.get(from);
    if (transport != null) {
      return transport;
    }
    if (PacketDemux.classify(buf, off, len) != PacketKind.STUN || !stun.read(buf, off, len)) {
      unknownSource++;
      return null;
    }
    String username = stun.hasUsername() ? stun.username() : null;
    int colon = username == null ? -1 : username.indexOf(':');
    transport = colon <= 0 ? null : byUfrag.get(username.substring(0, colon));
    if (transport == null) {
      unknownUsername++;
    }
    return transport;
  }

  public long unknownSource() {
    return unknownSource;
  }

  public long unknownUsername() {
    return unknownUsername;
  }
}
