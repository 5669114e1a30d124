package io.stockpot.media.bwe;

/**
 * Groups packets into bursts and answers the delay variation between consecutive groups
 * (draft-ietf-rmcat-gcc-02 §5.2; libwebrtc's InterArrival). A group is what was sent within {@link
 * #GROUP_LENGTH_US} of its first packet; a packet that arrives within {@link #BURST_US} of the
 * previous one and sooner than it was sent after it (the network delivered a burst) joins the
 * current group too. Times in µs: send times on our clock, arrival times on the browser's.
 */
final class InterArrival {
  /** Packets sent within 5 ms of a group's first belong to the group. */
  static final long GROUP_LENGTH_US = 5_000;

  /** Arrivals this close after the previous one may be a burst of the same group. */
  static final long BURST_US = 5_000;

  /** A burst is never longer than this in arrival time. */
  static final long MAX_BURST_US = 100_000;

  private boolean hasCurrent;
  private long firstSendUs;
  private long lastSendUs;
  private long firstArrivalUs;
  private long completeArrivalUs;

  private boolean hasPrevious;
  private long prevLastSendUs;
  private long prevCompleteArrivalUs;

  private long sendDeltaUs;
  private long arrivalDeltaUs;
  private long groupArrivalUs;

  /**
   * Adds a received packet; true when it closed a group, and the deltas between the two last
   * complete groups are then in {@link #sendDeltaUs}, {@link #arrivalDeltaUs}.
   */
  boolean add(long sendUs, long arrivalUs) {
    if (!hasCurrent) {
      start(sendUs, arrivalUs);
      return false;
    }
    if (sendUs < firstSendUs) {
      return false; // reordered from an older group: its group is already closed
    }
    boolean produced = false;
    if (newGroup(sendUs, arrivalUs)) {
      if (hasPrevious) {
        long sendDelta = lastSendUs - prevLastSendUs;
        long arrivalDelta = completeArrivalUs - prevCompleteArrivalUs;
        if (arrivalDelta >= 0) {
          sendDeltaUs = sendDelta;
          arrivalDeltaUs = arrivalDelta;
          groupArrivalUs = completeArrivalUs;
          produced = true;
        }
      }
      hasPrevious = true;
      prevLastSendUs = lastSendUs;
      prevCompleteArrivalUs = completeArrivalUs;
      start(sendUs, arrivalUs);
    } else {
      lastSendUs = Math.max(lastSendUs, sendUs);
      completeArrivalUs = Math.max(completeArrivalUs, arrivalUs);
    }
    return produced;
  }

  private void start(long sendUs, long arrivalUs) {
    hasCurrent = true;
    firstSendUs = sendUs;
    lastSendUs = sendUs;
    firstArrivalUs = arrivalUs;
    completeArrivalUs = arrivalUs;
  }

  private boolean newGroup(long sendUs, long arrivalUs) {
    if (belongsToBurst(sendUs, arrivalUs)) {
      return false;
    }
    return sendUs - firstSendUs > GROUP_LENGTH_US;
  }

  private boolean belongsToBurst(long sendUs, long arrivalUs) {
    long arrivalDelta = arrivalUs - completeArrivalUs;
    long sendDelta = sendUs - lastSendUs;
    if (sendDelta == 0) {
      return true;
    }
    long propagationDelta = arrivalDelta - sendDelta;
    return propagationDelta < 0
        && arrivalDelta <= BURST_US
        && arrivalUs - firstArrivalUs < MAX_BURST_US;
  }

  /** Send time between the two last groups' last packets (µs). */
  long sendDeltaUs() {
    return sendDeltaUs;
  }

  /** Arrival time between the two last groups' last packets (µs). */
  long arrivalDeltaUs() {
    return arrivalDeltaUs;
  }

  /** When the newer of the two groups completed, on the browser's clock (µs). */
  long groupArrivalUs() {
    return groupArrivalUs;
  }
}
