package io.stockpot.peer;

/**
 * VP8-shaped video at a target bitrate and frame rate: every frame is split into packets of at most
 * {@link #MAX_PACKET} bytes, each starting with a one-byte VP8 payload descriptor (RFC 7741 §4.2)
 * whose S bit marks the frame's first packet; the marker bit ends the frame; timestamps advance by
 * 90000 / fps. The first packet carries a real VP8 frame header (RFC 6386 §9.1), so an SFU that
 * inspects it sees key frames where they are: the first frame, every {@code keyFrameInterval}-th,
 * and the next one after {@link #requestKeyFrame()} (PLI/FIR).
 *
 * <p>With three temporal layers the descriptor is the extended one Chrome sends for simulcast (RFC
 * 7741 §4.2: 15-bit PictureID, TL0PICIDX, TID and Y) and frames follow the L1T3 pattern 0-2-1-2,
 * restarting at each key frame, so an SFU can drop temporal layers.
 */
public final class VideoStream extends MediaStream {
  public static final int VP8_PAYLOAD_TYPE = 96;
  public static final int RTX_PAYLOAD_TYPE = 97;
  public static final int CLOCK_RATE = 90_000;

  /** Key frame header: 3-byte frame tag, start code, 16-bit width and height. */
  private static final int KEY_HEADER = 10;

  private final int rtxSsrc;
  private final int fps;
  private final int frameBytes;
  private final int keyFrameInterval;
  private final int width;
  private final int height;
  private final int temporalLayers;
  private long frameIndex;
  private int patternIndex;
  private int pictureId;
  private int tl0PicIdx;
  private boolean keyFrameRequested;
  private volatile long keyFrames;
  private volatile long keyFrameRequests;

  /**
   * @param bitrateBps target bitrate; each frame gets {@code bitrateBps / 8 / fps} payload bytes
   * @param keyFrameInterval every how many frames a key frame comes without being asked for
   */
  public VideoStream(
      int ssrc,
      int rtxSsrc,
      String mid,
      ExtensionIds ids,
      int bitrateBps,
      int fps,
      int keyFrameInterval,
      int firstSequence,
      long firstTimestamp) {
    this(
        ssrc,
        rtxSsrc,
        mid,
        ids,
        bitrateBps,
        fps,
        keyFrameInterval,
        firstSequence,
        firstTimestamp,
        1);
  }

  /**
   * @param temporalLayers 1 (the one-byte descriptor) or 3 (extended descriptor, L1T3 pattern)
   */
  public VideoStream(
      int ssrc,
      int rtxSsrc,
      String mid,
      ExtensionIds ids,
      int bitrateBps,
      int fps,
      int keyFrameInterval,
      int firstSequence,
      long firstTimestamp,
      int temporalLayers) {
    super(
        "video",
        ssrc,
        VP8_PAYLOAD_TYPE,
        CLOCK_RATE,
        mid,
        ids,
        CLOCK_RATE / checkFps(fps),
        firstSequence,
        firstTimestamp);
    if (bitrateBps <= 0 || keyFrameInterval < 1) {
      throw new IllegalArgumentException("bitrate and key frame interval must be positive");
    }
    if (temporalLayers != 1 && temporalLayers != 3) {
      throw new IllegalArgumentException("1 or 3 temporal layers");
    }
    this.temporalLayers = temporalLayers;
    this.pictureId = firstSequence & 0x7FFF;
    this.tl0PicIdx = firstSequence >>> 8 & 0xFF;
    this.rtxSsrc = rtxSsrc;
    this.fps = fps;
    this.frameBytes = Math.max(KEY_HEADER + 6, bitrateBps / 8 / fps);
    this.keyFrameInterval = keyFrameInterval;
    this.width = 640;
    this.height = 480;
  }

  private static int checkFps(int fps) {
    if (fps < 1 || fps > 120) {
      throw new IllegalArgumentException("fps out of range: " + fps);
    }
    return fps;
  }

  @Override
  protected long frameIntervalNanos() {
    return 1_000_000_000L / fps;
  }

  /** The next frame will be a key frame (the receiver sent PLI or FIR). */
  public void requestKeyFrame() {
    keyFrameRequested = true;
    keyFrameRequests++;
  }

  @Override
  protected void emitFrame(long nowNanos, RtpSink sink) {
    boolean key = keyFrameRequested || frameIndex % keyFrameInterval == 0;
    keyFrameRequested = false;
    frameIndex++;
    if (key) {
      keyFrames++;
    }
    if (key) {
      patternIndex = 0;
    }
    boolean extended = temporalLayers > 1;
    int tid = extended ? PATTERN[patternIndex % PATTERN.length] : 0;
    // Y: the first TL2 and TL1 frames after a TL0 frame depend on the TL0 frame alone.
    boolean layerSync = tid > 0 && patternIndex % PATTERN.length <= 2;
    if (tid == 0) {
      tl0PicIdx = (tl0PicIdx + 1) & 0xFF;
    }
    patternIndex++;
    int descriptor = extended ? 6 : 1;
    int room = MAX_PACKET - headerLength() - descriptor;
    int count = (frameBytes + room - 1) / room;
    int perPacket = (frameBytes + count - 1) / count;
    int remaining = frameBytes;
    for (int i = 0; i < count; i++) {
      int chunk = Math.min(perPacket, remaining);
      remaining -= chunk;
      byte[] buf = sink.packetBuffer();
      int start = writeHeader(buf, i == count - 1, nowNanos, sink);
      int pos = start;
      // VP8 payload descriptor: X, R=0 N=0, S=1 on the frame's first packet, partition 0.
      buf[pos++] = (byte) ((extended ? 0x80 : 0) | (i == 0 ? 0x10 : 0x00));
      if (extended) {
        buf[pos++] = (byte) 0xE0; // I, L, T
        buf[pos++] = (byte) (0x80 | (pictureId >>> 8)); // M: a 15-bit PictureID
        buf[pos++] = (byte) pictureId;
        buf[pos++] = (byte) tl0PicIdx;
        buf[pos++] = (byte) ((tid << 6) | (layerSync ? 0x20 : 0));
      }
      if (i == 0) {
        pos = writeFrameHeader(buf, pos, key);
        pos = fill(buf, pos, chunk - (key ? KEY_HEADER : 3));
      } else {
        pos = fill(buf, pos, chunk);
      }
      if (pos - start >= SendStamp.LENGTH + 12) {
        SendStamp.write(buf, pos, System.nanoTime());
      }
      send(sink, pos, pos - start);
    }
    pictureId = (pictureId + 1) & 0x7FFF;
  }

  /** Temporal layer of each frame in the L1T3 pattern. */
  private static final int[] PATTERN = {0, 2, 1, 2};

  /** RFC 6386 §9.1 frame tag (little-endian) and, for key frames, start code and dimensions. */
  private int writeFrameHeader(byte[] buf, int pos, boolean key) {
    int firstPartitionSize = Math.min(frameBytes / 4, 0x7FFFF);
    int tag = (key ? 0 : 1) | (1 << 4) | (firstPartitionSize << 5); // version 0, show_frame 1
    buf[pos++] = (byte) tag;
    buf[pos++] = (byte) (tag >>> 8);
    buf[pos++] = (byte) (tag >>> 16);
    if (key) {
      buf[pos++] = (byte) 0x9d;
      buf[pos++] = (byte) 0x01;
      buf[pos++] = (byte) 0x2a;
      buf[pos++] = (byte) width; // 14-bit width, no horizontal scaling
      buf[pos++] = (byte) (width >>> 8);
      buf[pos++] = (byte) height;
      buf[pos++] = (byte) (height >>> 8);
    }
    return pos;
  }

  public int temporalLayers() {
    return temporalLayers;
  }

  public int rtxSsrc() {
    return rtxSsrc;
  }

  public int fps() {
    return fps;
  }

  /** Payload bytes per frame. */
  public int frameBytes() {
    return frameBytes;
  }

  public long keyFrames() {
    return keyFrames;
  }

  public long keyFrameRequests() {
    return keyFrameRequests;
  }
}
