package io.stockpot.media.codecs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.media.codecs.KeyFrames.Codec;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyFramesTest {
  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void vp8KeyFrameNeedsStartOfPartitionZeroAndPBitClear() {
    // S=1, PID=0, no extension; VP8 header byte with P=0 → key frame.
    assertTrue(Vp8.isKeyFrame(bytes(0x10, 0x00), 0, 2));
    // P=1 → inter frame.
    assertFalse(Vp8.isKeyFrame(bytes(0x10, 0x01), 0, 2));
    // Not the start of a partition.
    assertFalse(Vp8.isKeyFrame(bytes(0x00, 0x00), 0, 2));
    // X=1 with I (15-bit picture id), L and T/K: 1 + 1 + 2 + 1 + 1 bytes of descriptor.
    assertTrue(Vp8.isKeyFrame(bytes(0x90, 0xE0, 0x80, 0x01, 0x05, 0x20, 0x00), 0, 7));
    assertFalse(Vp8.isKeyFrame(bytes(0x90, 0xE0, 0x80, 0x01, 0x05, 0x20, 0x01), 0, 7));
    // Truncated descriptor.
    assertFalse(Vp8.isKeyFrame(bytes(0x90, 0xE0, 0x80), 0, 3));
  }

  @Test
  void vp9KeyFrameIsStartOfFrameWithoutInterPrediction() {
    assertTrue(Vp9.isKeyFrame(bytes(0x08), 0, 1));
    assertFalse(Vp9.isKeyFrame(bytes(0x48), 0, 1));
    assertFalse(Vp9.isKeyFrame(bytes(0x00), 0, 1));
  }

  @Test
  void h264KeyFramesInSingleStapAndFuA() {
    assertTrue(H264.isKeyFrame(bytes(0x65, 0x88), 0, 2)); // IDR
    assertFalse(H264.isKeyFrame(bytes(0x41, 0x9A), 0, 2)); // non-IDR slice
    assertTrue(H264.isKeyFrame(bytes(0x78, 0x00, 0x02, 0x67, 0x42, 0x00, 0x01, 0x68), 0, 8));
    assertTrue(H264.isKeyFrame(bytes(0x7C, 0x85, 0x00), 0, 3)); // FU-A start of IDR
    assertFalse(H264.isKeyFrame(bytes(0x7C, 0x05, 0x00), 0, 3)); // FU-A continuation
  }

  @Test
  void codecsByMimeType() {
    assertEquals(Codec.VP8, Codec.of("video/VP8"));
    assertEquals(Codec.H264, Codec.of("video/h264"));
    assertEquals(Codec.NONE, Codec.of("audio/opus"));
    assertFalse(KeyFrames.isKeyFrame(Codec.NONE, bytes(0x10, 0x00), 0, 2));
  }

  @Test
  void randomPayloadsNeverThrow() {
    Random r = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[r.nextInt(12)];
      r.nextBytes(b);
      for (Codec c : Codec.values()) {
        assertDoesNotThrow(() -> KeyFrames.isKeyFrame(c, b, 0, b.length));
      }
    }
  }
}
