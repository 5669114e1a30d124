package io.stockpot.peer;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of a {@link JavaPeer}'s counters.
 *
 * @param notifications protoo notifications received, by method
 * @param serverRequests protoo requests the server sent us, by method
 */
public record PeerStats(
    String peerId,
    List<TransportStats> transports,
    Map<String, Long> notifications,
    Map<String, Long> serverRequests,
    int consumers) {

  public long sentPackets() {
    return transports.stream().mapToLong(TransportStats::sentPackets).sum();
  }

  public long sentBytes() {
    return transports.stream().mapToLong(TransportStats::bytesOut).sum();
  }

  public long receivedPackets() {
    return transports.stream().mapToLong(TransportStats::receivedPackets).sum();
  }

  public long receivedBytes() {
    return transports.stream().mapToLong(TransportStats::bytesIn).sum();
  }

  /** Every transport has its SRTP keys. */
  public boolean mediaReady() {
    return !transports.isEmpty() && transports.stream().allMatch(TransportStats::srtpReady);
  }

  /** One line for logs. */
  public String summary() {
    long rtcp =
        transports.stream()
            .flatMap(t -> t.rtcpReceived().values().stream())
            .mapToLong(Long::longValue)
            .sum();
    long srtpErrors =
        transports.stream()
            .flatMap(t -> t.srtpErrors().values().stream())
            .mapToLong(Long::longValue)
            .sum();
    return String.format(
        "%s ready=%s sent=%d pkts/%d B recv=%d pkts/%d B rtcpIn=%d srtpErr=%d consumers=%d",
        peerId,
        mediaReady(),
        sentPackets(),
        sentBytes(),
        receivedPackets(),
        receivedBytes(),
        rtcp,
        srtpErrors,
        consumers);
  }
}
