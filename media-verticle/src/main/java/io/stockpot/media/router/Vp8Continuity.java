package io.stockpot.media.router;

import io.stockpot.media.codecs.Vp8PayloadDescriptor;

/**
 * A simulcast consumer's VP8 PictureID and TL0PICIDX (RFC 7741 §4.2), kept continuous for the
 * receiver as mediasoup's VP8 EncodingContext keeps them: after a switch of stream the first frame
 * continues from the last values sent, and the PictureIDs of frames dropped with their temporal
 * layer are skipped ({@link SeqManager}). The receiver's frame-reference logic reads both fields,
 * and a jump would make it wait for frames that never come.
 */
final class Vp8Continuity {
  private final SeqManager pictureIds15 = new SeqManager(15);
  private final SeqManager pictureIds7 = new SeqManager(7);
  private final SeqManager tl0PicIdx = new SeqManager(8);
  private boolean syncRequired = true;
  private int lastPictureId = -1;
  private int lastTl0PicIdx = -1;

  /** The next frame comes from another stream: re-base on it. */
  void requireSync() {
    syncRequired = true;
  }

  private SeqManager pictureIds(Vp8PayloadDescriptor d) {
    return d.pictureIdBits() == 15 ? pictureIds15 : pictureIds7;
  }

  /** A packet of {@code d}'s frame is not forwarded: its PictureID is skipped. */
  void drop(Vp8PayloadDescriptor d) {
    if (d.hasPictureId()) {
      pictureIds(d).drop(d.pictureId());
    }
  }

  /** Rewrites the descriptor of a packet being sent, in place. */
  void rewrite(Vp8PayloadDescriptor d) {
    if (d.hasPictureId()) {
      SeqManager m = pictureIds(d);
      int in = d.pictureId();
      if (syncRequired || !m.started()) {
        m.sync(in, lastPictureId < 0 ? in - 1 : lastPictureId);
      }
      int out = m.input(in);
      if (lastPictureId < 0 || m.isNewer(out, lastPictureId)) {
        lastPictureId = out;
      }
      d.setPictureId(out);
    }
    if (d.hasTl0PicIdx()) {
      int in = d.tl0PicIdx();
      if (syncRequired || !tl0PicIdx.started()) {
        // The first frame of a stream is a key frame, a base layer frame: the next index.
        tl0PicIdx.sync(in, lastTl0PicIdx < 0 ? in - 1 : lastTl0PicIdx);
      }
      int out = tl0PicIdx.input(in);
      if (lastTl0PicIdx < 0 || tl0PicIdx.isNewer(out, lastTl0PicIdx)) {
        lastTl0PicIdx = out;
      }
      d.setTl0PicIdx(out);
    }
    syncRequired = false;
  }
}
