package io.stockpot.peer;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of one transport's counters.
 *
 * @param srtpErrors incoming RTP that failed to unprotect, by {@code SrtpStatus.describe} name
 * @param rtcpReceived incoming RTCP packets (inside compounds) by {@link RtcpCounters.Kind}
 */
public record TransportStats(
    String id,
    boolean producing,
    boolean iceConnected,
    String dtlsState,
    boolean srtpReady,
    long iceChecksSent,
    long iceSuccesses,
    long datagramsOut,
    long bytesOut,
    long datagramsIn,
    long bytesIn,
    long sendErrors,
    long rtcpSent,
    Map<String, Long> srtpErrors,
    long srtcpErrors,
    long rtpBeforeKeys,
    Map<String, Long> rtcpReceived,
    List<SentStream> sent,
    List<ReceivedStreamStats> received) {

  /** One outgoing stream. */
  public record SentStream(
      String kind, long ssrc, long packets, long bytes, long frames, long keyFrames, long pliFir) {}

  /** One incoming SSRC, with the consumer it belongs to when the server announced one. */
  public record ReceivedStreamStats(
      long ssrc, String consumerId, int payloadType, long packets, long bytes, long lost) {}

  public long sentPackets() {
    return sent.stream().mapToLong(SentStream::packets).sum();
  }

  public long receivedPackets() {
    return received.stream().mapToLong(ReceivedStreamStats::packets).sum();
  }
}
