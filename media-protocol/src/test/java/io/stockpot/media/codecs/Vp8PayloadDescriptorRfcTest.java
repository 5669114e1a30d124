package io.stockpot.media.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The VP8 payload descriptor's layouts of RFC 7741 §4.2, one field at a time, and the rewrites a
 * forwarding server makes (PictureID in its own width, TL0PICIDX) leaving every other byte alone.
 */
class Vp8PayloadDescriptorRfcTest {
  /** X=0, S=1, PID=0; then a key frame's payload header (P=0). The minimal descriptor. */
  static final byte[] MINIMAL_KEY_FRAME = {0x10, 0x00, 0x01, 0x02};

  /**
   * X=1, N=0, S=1, PID=0; I=1 L=1 T=1 K=1; M=1 PictureID=0x1234 (15 bits); TL0PICIDX=0xAB; TID=2
   * Y=1 KEYIDX=5; then an inter frame's payload header (P=1).
   */
  static final byte[] FULL_15_BIT = {
    (byte) 0x90, (byte) 0xF0, (byte) 0x92, 0x34, (byte) 0xAB, (byte) 0xA5, 0x01, 0x7F
  };

  /** X=1, S=0, PID=3; I=1 only; M=0 PictureID=0x55 (7 bits). A continuation packet. */
  static final byte[] PICTURE_ID_7_BIT = {(byte) 0x83, (byte) 0x80, 0x55, 0x11};

  /** X=1, N=1, S=1; T=1 only: TID=1, Y=0 (a non-reference TL1 frame, no PictureID). */
  static final byte[] TID_ONLY = {(byte) 0xB0, 0x20, 0x40, 0x00};

  private final Vp8PayloadDescriptor d = new Vp8PayloadDescriptor();

  @Test
  void minimalDescriptorIsOneByte() {
    assertTrue(d.read(MINIMAL_KEY_FRAME, 0, MINIMAL_KEY_FRAME.length));
    assertEquals(1, d.length());
    assertFalse(d.extended());
    assertTrue(d.startsFrame());
    assertTrue(d.isKeyFrame());
    assertEquals(-1, d.pictureId());
    assertEquals(-1, d.tl0PicIdx());
    assertEquals(-1, d.tid());
    assertFalse(d.layerSync());
  }

  @Test
  void allOptionalFields() {
    assertTrue(d.read(FULL_15_BIT, 0, FULL_15_BIT.length));
    assertEquals(6, d.length());
    assertTrue(d.extended());
    assertFalse(d.nonReference());
    assertTrue(d.startsFrame());
    assertFalse(d.isKeyFrame(), "P=1: an inter frame");
    assertEquals(15, d.pictureIdBits());
    assertEquals(0x1234, d.pictureId());
    assertEquals(0xAB, d.tl0PicIdx());
    assertEquals(2, d.tid());
    assertTrue(d.layerSync());
    assertEquals(5, d.keyIdx());
  }

  @Test
  void sevenBitPictureIdAndContinuationPacket() {
    assertTrue(d.read(PICTURE_ID_7_BIT, 0, PICTURE_ID_7_BIT.length));
    assertEquals(3, d.length());
    assertEquals(7, d.pictureIdBits());
    assertEquals(0x55, d.pictureId());
    assertFalse(d.startOfPartition());
    assertEquals(3, d.partitionIndex());
    assertFalse(d.startsFrame());
    assertFalse(d.isKeyFrame());
  }

  @Test
  void tidWithoutPictureId() {
    assertTrue(d.read(TID_ONLY, 0, TID_ONLY.length));
    assertEquals(3, d.length());
    assertTrue(d.nonReference());
    assertEquals(1, d.tid());
    assertFalse(d.layerSync());
    assertFalse(d.hasKeyIdx());
    assertEquals(-1, d.keyIdx());
    assertEquals(-1, d.pictureId());
  }

  @Test
  void rewritesKeepWidthAndTouchNothingElse() {
    byte[] b = FULL_15_BIT.clone();
    assertTrue(d.read(b, 0, b.length));
    d.setPictureId(0x7FFF + 3); // wraps in 15 bits
    d.setTl0PicIdx(0x1FF); // wraps in 8 bits
    assertTrue(d.read(b, 0, b.length));
    assertEquals(2, d.pictureId());
    assertEquals(15, d.pictureIdBits());
    assertEquals(0xFF, d.tl0PicIdx());
    assertEquals(2, d.tid());
    assertArrayEquals(
        new byte[] {(byte) 0x90, (byte) 0xF0, (byte) 0x80, 0x02, (byte) 0xFF, (byte) 0xA5, 1, 0x7F},
        b);

    byte[] s = PICTURE_ID_7_BIT.clone();
    assertTrue(d.read(s, 0, s.length));
    d.setPictureId(0x80 + 0x12);
    assertTrue(d.read(s, 0, s.length));
    assertEquals(7, d.pictureIdBits());
    assertEquals(0x12, d.pictureId());
    assertEquals(0x11, s[3], "payload untouched");
  }

  @Test
  void truncatedDescriptorsAreRefused() {
    for (int n = 1; n < 6; n++) {
      assertFalse(d.read(FULL_15_BIT, 0, n), n + " bytes");
      assertFalse(d.isValid());
      assertEquals(-1, d.pictureId());
    }
    assertFalse(d.read(new byte[0], 0, 0));
    assertFalse(d.read(new byte[] {(byte) 0x80}, 0, 1), "X=1 promises a byte");
    assertTrue(d.read(FULL_15_BIT, 0, 6), "the descriptor alone: an empty VP8 payload");
    assertFalse(d.isKeyFrame());
  }

  @Test
  void readsAtAnOffset() {
    byte[] b = new byte[3 + FULL_15_BIT.length];
    System.arraycopy(FULL_15_BIT, 0, b, 3, FULL_15_BIT.length);
    assertTrue(d.read(b, 3, FULL_15_BIT.length));
    assertEquals(0x1234, d.pictureId());
    assertEquals(
        Vp8.isKeyFrame(FULL_15_BIT, 0, FULL_15_BIT.length), d.isKeyFrame(), "agrees with Vp8");
  }
}
