package io.stockpot.media.rtcp;

/**
 * Packs the packet statuses of a transport-wide CC feedback into 16-bit chunks, choosing per chunk
 * the form that holds the most statuses: a run length (up to 8191 equal statuses), a one-bit vector
 * (14 statuses, no large deltas) or a two-bit vector (7 statuses). Statuses are buffered until the
 * next one no longer fits any form; then the buffered ones are emitted.
 */
final class StatusChunkEncoder {
  private static final int MAX_RUN_LENGTH = 0x1FFF;
  private static final int ONE_BIT_CAPACITY = 14;
  private static final int TWO_BIT_CAPACITY = 7;

  private final char[] chunks;
  private final int[] buffered = new int[ONE_BIT_CAPACITY];
  private int chunkCount;
  private int size;
  private boolean allSame;
  private boolean hasLarge;

  StatusChunkEncoder(int maxChunks) {
    chunks = new char[maxChunks];
  }

  void reset() {
    chunkCount = 0;
    clearBuffered();
  }

  private void clearBuffered() {
    size = 0;
    allSame = true;
    hasLarge = false;
  }

  /** Chunks needed once {@code status} is added, the unfinished last one included. */
  int chunksIfAdded(int status) {
    return chunkCount + (canAdd(status) ? 1 : 2);
  }

  void add(int status) {
    if (!canAdd(status)) {
      emit();
    }
    if (size < ONE_BIT_CAPACITY) {
      buffered[size] = status;
    }
    allSame = size == 0 || (allSame && status == buffered[0]);
    hasLarge |= status == TransportCc.STATUS_LARGE_DELTA;
    size++;
  }

  private boolean canAdd(int status) {
    if (size < TWO_BIT_CAPACITY) {
      return true;
    }
    if (size < ONE_BIT_CAPACITY && !hasLarge && status != TransportCc.STATUS_LARGE_DELTA) {
      return true;
    }
    return size < MAX_RUN_LENGTH && allSame && status == buffered[0];
  }

  private void emit() {
    if (allSame) {
      chunks[chunkCount++] = runLength(buffered[0], size);
      clearBuffered();
    } else if (size == ONE_BIT_CAPACITY) {
      chunks[chunkCount++] = oneBit(size);
      clearBuffered();
    } else {
      // Seven or more statuses with a large delta among them: emit seven, keep the rest.
      chunks[chunkCount++] = twoBit(TWO_BIT_CAPACITY);
      int left = size - TWO_BIT_CAPACITY;
      System.arraycopy(buffered, TWO_BIT_CAPACITY, buffered, 0, left);
      clearBuffered();
      for (int i = 0; i < left; i++) {
        allSame = size == 0 || (allSame && buffered[i] == buffered[0]);
        hasLarge |= buffered[i] == TransportCc.STATUS_LARGE_DELTA;
        size++;
      }
    }
  }

  /** Emits whatever is buffered; then {@link #chunkCount} and {@link #chunk} are final. */
  void finish() {
    if (size == 0) {
      return;
    }
    if (allSame) {
      chunks[chunkCount++] = runLength(buffered[0], size);
    } else if (size <= TWO_BIT_CAPACITY) {
      chunks[chunkCount++] = twoBit(size);
    } else {
      chunks[chunkCount++] = oneBit(size);
    }
    clearBuffered();
  }

  int chunkCount() {
    return chunkCount;
  }

  int chunk(int i) {
    return chunks[i];
  }

  private static char runLength(int status, int count) {
    return (char) ((status << 13) | count);
  }

  private char oneBit(int count) {
    int c = 0x8000;
    for (int i = 0; i < count; i++) {
      c |= (buffered[i] & 1) << (13 - i);
    }
    return (char) c;
  }

  private char twoBit(int count) {
    int c = 0xC000;
    for (int i = 0; i < count; i++) {
      c |= buffered[i] << (12 - 2 * i);
    }
    return (char) c;
  }
}
