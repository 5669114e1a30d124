package io.stockpot.media.router;

import io.stockpot.media.rtp.RtpExtensions;
import io.stockpot.media.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the producer of a transport that an RTP packet belongs to, like mediasoup's RtpListener: by
 * SSRC first (a short array scan: a transport has a handful), then by the MID (and RID) header
 * extensions, learning the SSRC for the next packets.
 */
final class RtpListener {
  private long[] ssrcs = new long[8];
  private Producer[] owners = new Producer[8];
  private int size;
  private final List<Producer> producers = new ArrayList<>();

  /** Returns false if one of the producer's SSRCs is already taken on this transport. */
  boolean add(Producer producer) {
    for (long ssrc : producer.declaredSsrcs()) {
      if (find(ssrc) != null) {
        return false;
      }
    }
    for (long ssrc : producer.declaredSsrcs()) {
      put(ssrc, producer);
    }
    producers.add(producer);
    return true;
  }

  void remove(Producer producer) {
    producers.remove(producer);
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (owners[i] != producer) {
        ssrcs[n] = ssrcs[i];
        owners[n] = owners[i];
        n++;
      }
    }
    for (int i = n; i < size; i++) {
      owners[i] = null;
    }
    size = n;
  }

  boolean isEmpty() {
    return producers.isEmpty();
  }

  Producer find(long ssrc) {
    for (int i = 0; i < size; i++) {
      if (ssrcs[i] == ssrc) {
        return owners[i];
      }
    }
    return null;
  }

  /** The packet's producer, or null; learns SSRCs signalled only by MID/RID. */
  Producer route(RtpPacket packet) {
    long ssrc = packet.ssrc();
    Producer p = find(ssrc);
    if (p != null || !packet.hasExtension()) {
      return p;
    }
    for (Producer candidate : producers) {
      if (candidate.mid() == null || candidate.midExtensionId() == 0) {
        continue;
      }
      String mid = RtpExtensions.mid(packet, candidate.midExtensionId());
      if (!candidate.mid().equals(mid)) {
        continue;
      }
      String rid =
          candidate.ridExtensionId() == 0
              ? null
              : RtpExtensions.rid(packet, candidate.ridExtensionId());
      if (candidate.learnSsrc(ssrc, rid)) {
        put(ssrc, candidate);
        return candidate;
      }
    }
    return null;
  }

  private void put(long ssrc, Producer producer) {
    if (size == ssrcs.length) {
      ssrcs = java.util.Arrays.copyOf(ssrcs, size * 2);
      owners = java.util.Arrays.copyOf(owners, size * 2);
    }
    ssrcs[size] = ssrc;
    owners[size] = producer;
    size++;
  }
}
