package io.stockpot.peer;

import io.stockpot.media.dtls.DtlsCertificate;

/**
 * How a {@link JavaPeer} joins.
 *
 * @param displayName sent with join
 * @param consume whether to create a receiving transport before join, so that the server creates
 *     consumers for the other peers' producers and sends their media
 * @param loop the media loop to run on; null gives the peer a loop of its own
 * @param certificate the DTLS certificate; null generates one (load tests share one)
 */
public record PeerOptions(
    String displayName, boolean consume, MediaLoop loop, DtlsCertificate certificate) {

  public static PeerOptions defaults() {
    return new PeerOptions(null, false, null, null);
  }

  public PeerOptions withDisplayName(String name) {
    return new PeerOptions(name, consume, loop, certificate);
  }

  public PeerOptions withConsume(boolean on) {
    return new PeerOptions(displayName, on, loop, certificate);
  }

  public PeerOptions withLoop(MediaLoop shared) {
    return new PeerOptions(displayName, consume, shared, certificate);
  }

  public PeerOptions withCertificate(DtlsCertificate shared) {
    return new PeerOptions(displayName, consume, loop, shared);
  }
}
