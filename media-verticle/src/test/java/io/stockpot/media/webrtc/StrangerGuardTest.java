package io.stockpot.media.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.demux.PacketKind;
import org.junit.jupiter.api.Test;

class StrangerGuardTest {
  private static int admitted(StrangerGuard guard, long nowNanos, int tries) {
    int n = 0;
    for (int i = 0; i < tries; i++) {
      if (guard.admitCheck(nowNanos)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void theBucketAdmitsItsRateAndRefillsWithTime() {
    StrangerGuard guard = new StrangerGuard(100);
    long t = System.nanoTime();
    assertEquals(100, admitted(guard, t, 1_000)); // a full bucket, then nothing until time passes
    assertEquals(900, guard.throttledChecks());
    assertEquals(10, admitted(guard, t + 100_000_000L, 100)); // 0.1 s later: 10 more
    // A long quiet spell refills only up to the burst.
    assertEquals(100, admitted(guard, t + 60_000_000_000L, 1_000));
  }

  @Test
  void dropsAreCountedByKind() {
    StrangerGuard guard = new StrangerGuard(1);
    guard.dropped(PacketKind.RTP);
    guard.dropped(PacketKind.RTP);
    guard.dropped(PacketKind.DTLS);
    guard.dropped(PacketKind.RTCP);
    guard.dropped(PacketKind.UNKNOWN);
    guard.malformedStun();
    guard.unknownUsername();
    long now = System.nanoTime();
    assertTrue(guard.admitCheck(now));
    assertFalse(guard.admitCheck(now));
    StrangerGuard.Totals totals = guard.totals();
    assertEquals(2L, totals.rtp());
    assertEquals(1L, totals.dtls());
    assertEquals(1L, totals.rtcp());
    assertEquals(1L, totals.other());
    assertEquals(1L, totals.stunMalformed());
    assertEquals(1L, totals.stunUnknownUsername());
    assertEquals(1L, totals.stunThrottled());
    assertEquals(1L, totals.stunAdmitted());
    assertEquals(8L, totals.dropped());
  }
}
