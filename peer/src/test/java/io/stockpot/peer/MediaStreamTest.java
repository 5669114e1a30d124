package io.stockpot.peer;

import static io.stockpot.peer.CollectingSink.extensions;
import static io.stockpot.peer.CollectingSink.marker;
import static io.stockpot.peer.CollectingSink.payloadOffset;
import static io.stockpot.peer.CollectingSink.payloadType;
import static io.stockpot.peer.CollectingSink.sequence;
import static io.stockpot.peer.CollectingSink.timestamp;
import static io.stockpot.peer.CollectingSink.uint;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaStreamTest {
  private static final long MS = 1_000_000L;
  private static final long T0 = 123_456_789_000L;

  @Test
  void audioSendsOnePacketPer20MsWithConsecutiveNumbersAndExtensions() {
    CollectingSink sink = new CollectingSink();
    AudioStream audio =
        new AudioStream(0xCAFEBABE, "0", ExtensionIds.CHROME_AUDIO, 0xFFFE, 0xFFFFFC40L);
    long next = audio.poll(T0, sink);
    assertEquals(T0 + 20 * MS, next);
    audio.poll(T0 + 19 * MS, sink); // nothing due yet
    assertEquals(1, sink.packets.size());
    audio.poll(T0 + 100 * MS, sink);
    assertEquals(6, sink.packets.size());
    assertEquals(6, audio.packets());

    for (int i = 0; i < sink.packets.size(); i++) {
      byte[] p = sink.packets.get(i);
      assertEquals(0xFFFE + i & 0xFFFF, sequence(p), "sequence wraps at 16 bits");
      assertEquals(0xFFFFFC40L + 960L * i & 0xFFFFFFFFL, timestamp(p), "timestamp wraps at 32");
      assertEquals(0xCAFEBABE, RtpWriter.readInt(p, 8));
      assertEquals(111, payloadType(p));
      assertFalse(marker(p));
      assertEquals(100, p.length - payloadOffset(p));
      Map<Integer, byte[]> ext = extensions(p);
      assertArrayEquals(new byte[] {'0'}, ext.get(4), "MID");
      assertEquals((0xFFFE + i) & 0xFFFF, uint(ext.get(3)), "transport-wide sequence");
      assertEquals(0x80 | 30, uint(ext.get(1)), "audio level with voice activity");
      assertEquals(3, ext.size());
    }
    assertEquals(6 * 100, audio.payloadBytes());
  }

  @Test
  void videoSplitsFramesMarksTheLastPacketAndFlagsKeyFrames() {
    CollectingSink sink = new CollectingSink();
    // 900 kbit/s at 30 fps: 3750 bytes a frame, four packets of at most 1200 bytes.
    VideoStream video =
        new VideoStream(7, 8, "1", ExtensionIds.CHROME_VIDEO, 900_000, 30, 3, 100, 0);
    for (int f = 0; f < 4; f++) {
      video.poll(T0 + f * 1_000_000_000L / 30, sink);
    }
    assertEquals(4, video.frames());
    List<byte[]> packets = sink.packets;
    assertEquals(16, packets.size());
    for (int i = 0; i < packets.size(); i++) {
      byte[] p = packets.get(i);
      int frame = i / 4;
      assertTrue(p.length <= 1200, "packet of " + p.length + " bytes");
      assertEquals(100 + i, sequence(p));
      assertEquals(3000L * frame, timestamp(p));
      assertEquals(i % 4 == 3, marker(p), "marker on the frame's last packet only");
      assertEquals(96, payloadType(p));
      Map<Integer, byte[]> ext = extensions(p);
      assertArrayEquals(new byte[] {'1'}, ext.get(4));
      assertEquals(3, ext.get(2).length, "abs-send-time");
      assertEquals(2, ext.get(3).length, "transport-wide sequence");
      int payload = payloadOffset(p);
      int descriptor = p[payload] & 0xFF;
      assertEquals(i % 4 == 0 ? 0x10 : 0x00, descriptor, "S bit only at the frame's start");
    }
    int payloadBytes = 0;
    for (int i = 0; i < 4; i++) {
      byte[] p = packets.get(i);
      payloadBytes += p.length - payloadOffset(p) - 1;
    }
    assertEquals(3750, payloadBytes, "a frame carries bitrate / 8 / fps bytes");
    // Frames 0 and 3 (interval 3) are key frames: P bit 0 and the start code.
    for (int frame = 0; frame < 4; frame++) {
      byte[] first = packets.get(frame * 4);
      int vp8 = payloadOffset(first) + 1;
      boolean key = frame % 3 == 0;
      assertEquals(key ? 0 : 1, first[vp8] & 0x01, "P bit of frame " + frame);
      assertEquals(0x10, first[vp8] & 0x10, "show_frame");
      if (key) {
        assertEquals(0x9d, first[vp8 + 3] & 0xFF);
        assertEquals(0x01, first[vp8 + 4] & 0xFF);
        assertEquals(0x2a, first[vp8 + 5] & 0xFF);
      }
    }
    assertEquals(2, video.keyFrames());
  }

  @Test
  void keyFrameRequestMakesTheNextFrameAKeyFrame() {
    CollectingSink sink = new CollectingSink();
    VideoStream video =
        new VideoStream(7, 8, "1", ExtensionIds.CHROME_VIDEO, 80_000, 10, 1000, 0, 0);
    video.poll(T0, sink);
    video.poll(T0 + 100 * MS, sink);
    video.requestKeyFrame();
    video.poll(T0 + 200 * MS, sink);
    video.poll(T0 + 300 * MS, sink);
    assertEquals(4, sink.packets.size(), "1000-byte frames fit one packet");
    int[] pBits = new int[4];
    for (int i = 0; i < 4; i++) {
      byte[] p = sink.packets.get(i);
      pBits[i] = p[payloadOffset(p) + 1] & 0x01;
      assertEquals(9000L * i, timestamp(p));
    }
    assertArrayEquals(new int[] {0, 1, 0, 1}, pBits);
    assertEquals(1, video.keyFrameRequests());
  }

  @Test
  void aLongStallResumesWithoutABurstAndKeepsTheMediaClock() {
    CollectingSink sink = new CollectingSink();
    AudioStream audio = new AudioStream(1, "0", ExtensionIds.CHROME_AUDIO, 0, 0);
    audio.poll(T0, sink);
    audio.poll(T0 + 1000 * MS, sink);
    assertEquals(2, sink.packets.size(), "no burst of 50 packets");
    assertEquals(50 * 960L, timestamp(sink.packets.get(1)), "timestamp follows wall time");
    assertEquals(1, sequence(sink.packets.get(1)), "sequence numbers stay consecutive");
  }

  @Test
  void noExtensionsWhenNoIdsAreGiven() {
    CollectingSink sink = new CollectingSink();
    AudioStream audio = new AudioStream(1, 111, "0", new ExtensionIds(0, 0, 0, 0), 50, 0, 0);
    audio.poll(T0, sink);
    byte[] p = sink.packets.get(0);
    // An empty one-byte block is still well-formed: the header says so and its length is zero.
    assertEquals(16 + 50, p.length);
    assertTrue(extensions(p).isEmpty());
  }

  @Test
  void threeTemporalLayersWriteTheExtendedDescriptorInTheL1T3Pattern() {
    CollectingSink sink = new CollectingSink();
    // A key frame every 6 frames: the pattern restarts there.
    VideoStream video =
        new VideoStream(7, 8, "1", ExtensionIds.CHROME_VIDEO, 300_000, 30, 6, 0x7FFE, 0, 3);
    for (int f = 0; f < 8; f++) {
      video.poll(T0 + f * 1_000_000_000L / 30, sink);
    }
    io.stockpot.media.codecs.Vp8PayloadDescriptor d =
        new io.stockpot.media.codecs.Vp8PayloadDescriptor();
    int[] expectedTid = {0, 2, 1, 2, 0, 2, 0, 2};
    int frame = -1;
    int firstPictureId = -1;
    int firstTl0 = -1;
    for (byte[] p : sink.packets) {
      int payload = payloadOffset(p);
      assertTrue(d.read(p, payload, p.length - payload));
      assertEquals(6, d.length());
      if (d.startsFrame()) {
        frame++;
        if (frame == 0) {
          firstPictureId = d.pictureId();
          firstTl0 = d.tl0PicIdx();
        }
        assertEquals(frame % 6 == 0, d.isKeyFrame(), "frame " + frame);
      }
      assertTrue(p.length <= 1200);
      assertEquals(15, d.pictureIdBits());
      assertEquals((firstPictureId + frame) & 0x7FFF, d.pictureId(), "PictureID wraps at 15 bits");
      assertEquals(expectedTid[frame], d.tid(), "frame " + frame);
      int tl0Frames = 0;
      for (int f = 1; f <= frame; f++) {
        tl0Frames += expectedTid[f] == 0 ? 1 : 0;
      }
      assertEquals((firstTl0 + tl0Frames) & 0xFF, d.tl0PicIdx(), "frame " + frame);
      int inPattern = frame % 6 < 4 ? frame % 6 : frame % 6 - 4;
      assertEquals(inPattern == 1 || inPattern == 2, d.layerSync(), "Y of frame " + frame);
    }
    assertEquals(7, frame);
  }
}
