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
 * @param srtpProfiles the SRTP profiles DTLS offers, in order; null offers the defaults
 */
public record PeerOptions(
    String displayName,
    boolean consume,
    MediaLoop loop,
    DtlsCertificate certificate,
    int[] srtpProfiles) {

  public static PeerOptions defaults() {
    return new PeerOptions(null, false, null, null, null);
  }

  public PeerOptions withSrtpProfiles(int... profiles) {
    return new PeerOptions(displayName, consume, loop, certificate, profiles);
  }

  public PeerOptions withDisplayName(String name) {
    return new PeerOptions(name, consume, loop, certificate, srtpProfiles);
  }

  public PeerOptions withConsume(boolean on) {
    return new PeerOptions(displayName, on, loop, certificate, srtpProfiles);
  }

  public PeerOptions withLoop(MediaLoop shared) {
    return new PeerOptions(displayName, consume, shared, certificate, srtpProfiles);
  }

  public PeerOptions withCertificate(DtlsCertificate shared) {
    return new PeerOptions(displayName, consume, loop, shared, srtpProfiles);
  }
}
