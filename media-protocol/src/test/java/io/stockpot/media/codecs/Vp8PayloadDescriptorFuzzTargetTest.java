package io.stockpot.media.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stockpot.media.FuzzSeeds;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the VP8 payload descriptor view (RFC 7741 §4.2): a payload reads or is
 * refused, never throws, agrees with {@link Vp8#isKeyFrame}, and read → rewrite (PictureID,
 * TL0PICIDX) → read answers the new values and changes no other field nor any byte past the
 * descriptor.
 */
class Vp8PayloadDescriptorFuzzTargetTest {
  private final Vp8PayloadDescriptor d = new Vp8PayloadDescriptor();

  @FuzzTest
  void readRewrite(byte[] data) {
    byte[] copy = data.clone();
    if (!d.read(data, 0, data.length)) {
      assertFalse(d.isValid());
      assertEquals(-1, d.pictureId());
      assertEquals(-1, d.tl0PicIdx());
      assertEquals(-1, d.tid());
      return;
    }
    assertArrayEquals(copy, data, "reading never writes");
    assertTrue(d.length() >= 1 && d.length() <= Math.min(6, data.length));
    assertEquals(Vp8.isKeyFrame(data, 0, data.length), d.isKeyFrame());
    int bits = d.pictureIdBits();
    int tid = d.tid();
    boolean sync = d.layerSync();
    int keyIdx = d.keyIdx();
    int length = d.length();
    int newPid = d.hasPictureId() ? ~d.pictureId() : -1;
    int newTl0 = d.hasTl0PicIdx() ? ~d.tl0PicIdx() : -1;
    d.setPictureId(newPid);
    d.setTl0PicIdx(newTl0);
    assertTrue(d.read(data, 0, data.length));
    assertEquals(length, d.length());
    assertEquals(bits, d.pictureIdBits());
    if (bits > 0) {
      assertEquals(newPid & ((1 << bits) - 1), d.pictureId());
    }
    if (newTl0 != -1) {
      assertEquals(newTl0 & 0xFF, d.tl0PicIdx());
    }
    assertEquals(tid, d.tid());
    assertEquals(sync, d.layerSync());
    assertEquals(keyIdx, d.keyIdx());
    for (int i = length; i < data.length; i++) {
      assertEquals(copy[i], data[i], "payload byte " + i);
    }
  }

  /** The committed seeds are the RFC 7741 §4.2 layouts of the RFC test. */
  @Test
  void seedsAreTheRfcLayouts() {
    FuzzSeeds.assertSeeds(
        Vp8PayloadDescriptorFuzzTargetTest.class,
        "readRewrite",
        Map.of(
            "minimal-key-frame", Vp8PayloadDescriptorRfcTest.MINIMAL_KEY_FRAME,
            "full-15-bit", Vp8PayloadDescriptorRfcTest.FULL_15_BIT,
            "picture-id-7-bit", Vp8PayloadDescriptorRfcTest.PICTURE_ID_7_BIT,
            "tid-only", Vp8PayloadDescriptorRfcTest.TID_ONLY));
  }
}
