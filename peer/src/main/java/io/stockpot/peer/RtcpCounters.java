package io.stockpot.peer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Received RTCP, counted per packet inside each compound by type (RFC 3550, RFC 4585 feedback types
 * by FMT). One thread writes; any thread reads.
 */
public final class RtcpCounters {
  /** What one RTCP packet inside a compound was. */
  public enum Kind {
    SR,
    RR,
    SDES,
    BYE,
    APP,
    NACK,
    TRANSPORT_CC,
    RTPFB_OTHER,
    PLI,
    FIR,
    REMB,
    PSFB_OTHER,
    XR,
    OTHER,
    /** A compound whose packet lengths do not add up; counted once per compound. */
    MALFORMED
  }

  private static final Kind[] KINDS = Kind.values();
  private final AtomicLongArray counts = new AtomicLongArray(KINDS.length);

  void add(Kind kind) {
    int i = kind.ordinal();
    counts.lazySet(i, counts.get(i) + 1); // single writer
  }

  public long get(Kind kind) {
    return counts.get(kind.ordinal());
  }

  /** Non-zero counts by kind name. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Kind k : KINDS) {
      long v = counts.get(k.ordinal());
      if (v != 0) {
        out.put(k.name(), v);
      }
    }
    return out;
  }
}
