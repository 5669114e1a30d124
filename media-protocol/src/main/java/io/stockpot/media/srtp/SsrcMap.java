package io.stockpot.media.srtp;

/**
 * A small open-addressing map from SSRC to {@link SrtpStream}, so that the packet path looks up
 * state without boxing the key. Linear probing; removal shifts later entries back so that no
 * tombstones accumulate. Not thread-safe, like the context that owns it.
 */
final class SsrcMap {
  private SrtpStream[] slots = new SrtpStream[8];
  private int size;

  int size() {
    return size;
  }

  SrtpStream get(int ssrc) {
    SrtpStream[] s = slots;
    int mask = s.length - 1;
    for (int i = hash(ssrc) & mask; ; i = (i + 1) & mask) {
      SrtpStream e = s[i];
      if (e == null || e.ssrc == ssrc) {
        return e;
      }
    }
  }

  /** Adds a stream whose SSRC is not yet present. */
  void add(SrtpStream stream) {
    if ((size + 1) * 2 > slots.length) {
      SrtpStream[] old = slots;
      slots = new SrtpStream[old.length * 2];
      for (SrtpStream e : old) {
        if (e != null) {
          insert(e);
        }
      }
    }
    insert(stream);
    size++;
  }

  private void insert(SrtpStream stream) {
    int mask = slots.length - 1;
    int i = hash(stream.ssrc) & mask;
    while (slots[i] != null) {
      i = (i + 1) & mask;
    }
    slots[i] = stream;
  }

  void remove(int ssrc) {
    SrtpStream[] s = slots;
    int mask = s.length - 1;
    int i = hash(ssrc) & mask;
    while (s[i] != null && s[i].ssrc != ssrc) {
      i = (i + 1) & mask;
    }
    if (s[i] == null) {
      return;
    }
    s[i] = null;
    size--;
    // Move back any entry of the same probe run that could no longer be found past the gap.
    for (int j = (i + 1) & mask; s[j] != null; j = (j + 1) & mask) {
      int home = hash(s[j].ssrc) & mask;
      boolean reachable = i <= j ? (home > i && home <= j) : (home > i || home <= j);
      if (!reachable) {
        s[i] = s[j];
        s[j] = null;
        i = j;
      }
    }
  }

  private static int hash(int ssrc) {
    int h = ssrc * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
