package io.stockpot.media.room;

import io.stockpot.media.webrtc.WebRtcTransport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;

/**
 * Closes what ICE consent freshness (RFC 7675) says is dead, as mediasoup's {@code
 * iceConsentTimeout} does: a transport whose selected tuple sent no valid STUN check for the
 * timeout is ICE {@code disconnected}; on the next sweep it is closed with its producers and
 * consumers (the other peers get {@code consumerClosed}). A peer left with no transport after such
 * a sweep — every one it had lost consent — is dead as a whole; the room removes it.
 */
final class ConsentWatcher {
  private static final Logger LOG = Logger.getLogger(ConsentWatcher.class.getName());

  private final TransportMethods transports;
  private long transportsClosed;
  private long peersClosed;

  ConsentWatcher(TransportMethods transports) {
    this.transports = transports;
  }

  /**
   * Closes every transport that lost consent; answers the peers that lost their last transport this
   * way (the caller removes them).
   */
  List<Peer> sweep(Collection<Peer> peers) {
    List<Peer> dead = null;
    for (Peer peer : peers) {
      boolean closedOne = false;
      for (WebRtcTransport t : List.copyOf(peer.transports().values())) {
        if (t.consentLost()) {
          LOG.info(() -> "peer " + peer.id() + ": transport " + t.id() + " lost ICE consent");
          transports.close(peer, t);
          transportsClosed++;
          closedOne = true;
        }
      }
      if (closedOne && peer.transports().isEmpty()) {
        if (dead == null) {
          dead = new ArrayList<>();
        }
        dead.add(peer);
        peersClosed++;
      }
    }
    return dead == null ? List.of() : dead;
  }

  /** Transports closed because they lost consent, since the room opened. */
  long transportsClosed() {
    return transportsClosed;
  }

  /** Peers removed because all their transports lost consent, since the room opened. */
  long peersClosed() {
    return peersClosed;
  }
}
