package io.stockpot.registry;

/**
 * Limits that keep one client (or one address) from taking what others need. Room limits are
 * checked in the room (media side), connection limits in signaling; each refusal answers a clear
 * protoo error and counts.
 *
 * @param peersPerRoom peers (joined or not) one room admits
 * @param producersPerPeer producers (camera, microphone, screen…) one peer may have at once
 * @param transportsPerPeer WebRTC transports one peer may have at once
 * @param roomsPerNode rooms one media node opens
 * @param connectionsPerIp signaling connections open at once from one IP address
 * @param joinsPerSecondPerIp new signaling connections per second from one IP address (a burst of
 *     twice as many is allowed)
 */
public record NodeLimits(
    int peersPerRoom,
    int producersPerPeer,
    int transportsPerPeer,
    int roomsPerNode,
    int connectionsPerIp,
    int joinsPerSecondPerIp) {

  public static final NodeLimits DEFAULTS = new NodeLimits(100, 10, 8, 500, 100, 10);

  public NodeLimits {
    if (peersPerRoom < 1
        || producersPerPeer < 1
        || transportsPerPeer < 1
        || roomsPerNode < 1
        || connectionsPerIp < 1
        || joinsPerSecondPerIp < 1) {
      throw new IllegalArgumentException("every limit must be at least 1");
    }
  }
}
