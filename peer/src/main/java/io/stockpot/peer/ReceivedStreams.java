package io.stockpot.peer;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Incoming SSRCs: an open-addressing table the loop thread looks packets up in without boxing,
 * mirrored into a concurrent map (touched only when a new SSRC appears) for readers.
 */
final class ReceivedStreams {
  /** New SSRCs beyond this are lumped together: a hostile sender must not grow us without bound. */
  static final int MAX_STREAMS = 4096;

  private int[] keys = new int[64];
  private ReceivedStream[] values = new ReceivedStream[64];
  private int size;
  private final ConcurrentHashMap<Integer, ReceivedStream> published = new ConcurrentHashMap<>();
  private final ReceivedStream overflow = new ReceivedStream(0);

  ReceivedStream get(int ssrc) {
    int mask = keys.length - 1;
    int i = mix(ssrc) & mask;
    while (values[i] != null) {
      if (keys[i] == ssrc) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    if (size >= MAX_STREAMS) {
      return overflow;
    }
    ReceivedStream s = new ReceivedStream(ssrc);
    keys[i] = ssrc;
    values[i] = s;
    published.put(ssrc, s);
    if (++size * 2 > keys.length) {
      grow();
    }
    return s;
  }

  Collection<ReceivedStream> all() {
    return published.values();
  }

  private void grow() {
    int[] oldKeys = keys;
    ReceivedStream[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new ReceivedStream[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldValues[j] != null) {
        int i = mix(oldKeys[j]) & mask;
        while (values[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
      }
    }
  }

  private static int mix(int ssrc) {
    int h = ssrc * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
