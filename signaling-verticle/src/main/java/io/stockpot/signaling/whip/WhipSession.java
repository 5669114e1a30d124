package io.stockpot.signaling.whip;

import io.stockpot.signaling.Admission;
import io.stockpot.signaling.sdp.SdpAnswer;

/**
 * One WHIP session resource (RFC 9725 §4.2): the peer the publisher became in its room, the one
 * WebRtcTransport it sends on, and the answer (kept to write an ICE restart's fragment).
 */
final class WhipSession {
  /** The resource's id, in its URL: unguessable (a random UUID), since it alone allows DELETE. */
  final String resourceId;

  /** The room's session id for this peer (sorts by creation time, as PeerSession's do). */
  final String sessionId;

  final Admission.Admitted admitted;
  final String peerId;
  final String roomId;
  String transportId;
  SdpAnswer answer;

  /** The publisher's current ICE ufrag: a PATCH naming another one is an ICE restart. */
  String remoteUfrag;

  long connectTimer = -1;

  WhipSession(String resourceId, String sessionId, Admission.Admitted admitted) {
    this.resourceId = resourceId;
    this.sessionId = sessionId;
    this.admitted = admitted;
    this.peerId = admitted.peerId();
    this.roomId = admitted.roomId();
  }

  /** RFC 9725 §4.3.1: the entity tag names the ICE session; it changes on each ICE restart. */
  String etag() {
    return "\"" + answer.iceUfrag() + "\"";
  }

  String location() {
    return "/whip/" + roomId + "/" + resourceId;
  }
}
