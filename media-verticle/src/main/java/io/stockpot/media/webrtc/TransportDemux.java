package io.stockpot.media.webrtc;

import io.stockpot.media.demux.PacketDemux;
import io.stockpot.media.demux.PacketKind;
import io.stockpot.media.router.DropReason;
import io.stockpot.media.stun.StunMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the transport a datagram belongs to: by its source address once ICE validated that tuple,
 * else (STUN only) by the local username fragment the browser's check names, as long as the room's
 * {@link StrangerGuard} lets such checks through. Datagrams that belong to no transport are counted
 * and dropped before any cryptography.
 */
public final class TransportDemux {
  private final Map<String, WebRtcTransport> byUfrag = new HashMap<>();
  private final Map<InetSocketAddress, WebRtcTransport> byTuple = new HashMap<>();
  private final StunMessage stun = new StunMessage();
  private final StrangerGuard strangers = new StrangerGuard();
  private DropReason refusal = DropReason.UNKNOWN_TUPLE;
  // "ufrag:" of every entry of byUfrag, and its transport: strangers' checks are matched on
  // bytes, so a flood of them allocates nothing. Rebuilt on add/remove (control path).
  private byte[][] prefixes = new byte[0][];
  private WebRtcTransport[] prefixOwners = new WebRtcTransport[0];
  private long unknownSource;
  private long unknownUsername;
  private long connectedTransports;

  public void add(WebRtcTransport transport) {
    for (String ufrag : transport.usernameFragments()) {
      byUfrag.put(ufrag, transport);
    }
    rebuildPrefixes();
  }

  private void rebuildPrefixes() {
    prefixes = new byte[byUfrag.size()][];
    prefixOwners = new WebRtcTransport[byUfrag.size()];
    int i = 0;
    for (Map.Entry<String, WebRtcTransport> e : byUfrag.entrySet()) {
      prefixes[i] = (e.getKey() + ":").getBytes(StandardCharsets.US_ASCII);
      prefixOwners[i++] = e.getValue();
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
    rebuildPrefixes();
  }

  /**
   * The transport for this datagram, or null (counted here, and the reason left in {@link
   * #refusal()} for the room's drop counters).
   */
  public WebRtcTransport route(byte[] buf, int off, int len, InetSocketAddress from) {
    WebRtcTransport transport = byTuple.get(from);
    if (transport != null) {
      return transport;
    }
    PacketKind kind = PacketDemux.classify(buf, off, len);
    refusal = DropReason.UNKNOWN_TUPLE;
    if (kind != PacketKind.STUN || !stun.read(buf, off, len)) {
      unknownSource++;
      if (kind == PacketKind.STUN) {
        strangers.malformedStun();
      } else {
        strangers.dropped(kind);
      }
      return null;
    }
    transport = null;
    for (int i = 0; i < prefixes.length && transport == null; i++) {
      if (stun.usernameStartsWith(prefixes[i])) {
        transport = prefixOwners[i];
      }
    }
    if (transport == null) {
      unknownUsername++;
      strangers.unknownUsername();
      refusal = DropReason.STUN_UNKNOWN_USERNAME;
      return null;
    }
    // Only now may the check cost an HMAC, and only as often as the room's bucket allows.
    if (!strangers.admitCheck(System.nanoTime())) {
      refusal = DropReason.STUN_THROTTLED;
      return null;
    }
    return transport;
  }

  /** Why the last {@link #route} answered null. */
  public DropReason refusal() {
    return refusal;
  }

  /** Datagrams from sources ICE has not validated: drops by kind, the check bucket. */
  public StrangerGuard strangers() {
    return strangers;
  }

  public long unknownSource() {
    return unknownSource;
  }

  public long unknownUsername() {
    return unknownUsername;
  }
}
