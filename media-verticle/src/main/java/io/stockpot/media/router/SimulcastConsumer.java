package io.stockpot.media.router;

import io.stockpot.media.codecs.KeyFrames;
import io.stockpot.media.codecs.Vp8PayloadDescriptor;
import io.stockpot.media.ortc.RtpParameters;
import io.stockpot.media.ortc.ScalabilityMode;
import io.stockpot.media.rtp.RtpPacket;

/**
 * A consumer of a producer with several encodings (simulcast by RID or SSRC), like mediasoup's
 * SimulcastConsumer: the browser receives one stream (one SSRC, continuous sequence numbers and
 * timestamps) made of whichever encoding the server picks. Encoding {@code i} is spatial layer
 * {@code i} (the producer lists them low to high, as mediasoup assumes).
 *
 * <ul>
 *   <li>Spatial switches wait for a key frame of the target encoding, asked of that stream alone
 *       (one PLI for its SSRC, rate-limited by {@link KeyFrameRequests}); until it comes the
 *       current encoding keeps flowing. At the switch the new stream's timestamps are re-based on
 *       the last sent timestamp plus the wall-clock time since, in clock units (mediasoup's
 *       fallback when sender reports cannot align the streams).
 *   <li>Temporal layers (VP8's TID, RFC 7741 §4.2): packets above the current temporal layer are
 *       dropped and their sequence numbers and PictureIDs skipped ({@link SeqManager}), so the
 *       receiver sees no gap. A downgrade applies at the next frame start; an upgrade at a frame of
 *       a higher layer that is a layer sync point (Y bit), or at a key frame.
 *   <li>VP8 PictureID and TL0PICIDX continue across switches: each new stream's are re-based on the
 *       last ones sent.
 * </ul>
 *
 * <p>Preferred layers are the client's wish ({@link #preferredLayers}); target layers are what the
 * consumer works towards: the preferred ones, lowered to the highest encoding the producer is
 * sending and to what the transport's bandwidth estimate allows ({@link LayerAllocation}),
 * re-checked each router tick through {@link #targetLayers}. Current layers are what the browser
 * receives now.
 */
public final class SimulcastConsumer extends Consumer {
  private final int spatialLayers;
  private final int temporalLayers;
  private final Vp8PayloadDescriptor vp8In = new Vp8PayloadDescriptor();
  private final Vp8PayloadDescriptor vp8Out = new Vp8PayloadDescriptor();
  private final Vp8Continuity vp8 = new Vp8Continuity();
  private int preferredSpatial;
  private int preferredTemporal;
  private int bandwidthCap = Integer.MAX_VALUE;
  private int targetSpatial;
  private int targetTemporal;
  private int currentSpatial = -1;
  private int currentTemporal = -1;

  /** Our first sequence number from the current encoding: NACKs older than it are not answered. */
  private int switchSeq;

  private long layerSwitches;
  private Object lastLayersSent;
  private java.util.function.Consumer<SimulcastConsumer> layersListener = c -> {};

  public SimulcastConsumer(
      String id,
      String peerId,
      Producer producer,
      MediaTransport transport,
      RtpParameters rtpParameters,
      boolean paused) {
    super(id, peerId, producer, transport, rtpParameters, paused);
    spatialLayers = producer.encodingCount();
    temporalLayers =
        ScalabilityMode.parse(rtpParameters.encodings().get(0).scalabilityMode()).temporalLayers();
    preferredSpatial = targetSpatial = spatialLayers - 1;
    preferredTemporal = targetTemporal = temporalLayers - 1;
  }

  @Override
  public String type() {
    return "simulcast";
  }

  /** Spatial layers: the producer's encodings. */
  public int spatialLayers() {
    return spatialLayers;
  }

  /** Temporal layers of each encoding (from the scalabilityMode, 1 when none). */
  public int temporalLayers() {
    return temporalLayers;
  }

  /**
   * The client's preferred layers (mediasoup's setPreferredLayers), clamped to those that exist;
   * the target follows at once.
   */
  public void preferredLayers(int spatial, int temporal, long nowMs) {
    preferredSpatial = clamp(spatial, spatialLayers);
    preferredTemporal = clamp(temporal, temporalLayers);
    tick(nowMs);
  }

  /**
   * Sets the layers this consumer switches towards: spatial at the target encoding's next key frame
   * (asked for now), temporal at the next suitable frame. The one entry point for a bandwidth
   * allocator; until there is one, {@link #tick} sets them from the preferred layers.
   */
  public void targetLayers(int spatial, int temporal, long nowMs) {
    int s = clamp(spatial, spatialLayers);
    int t = clamp(temporal, temporalLayers);
    boolean spatialChange = s != targetSpatial;
    targetSpatial = s;
    targetTemporal = t;
    if (spatialChange && s != currentSpatial && active()) {
      requestKeyFrame(KeyFrameRequests.Source.CONSUMER_START, nowMs);
    }
  }

  private static int clamp(int layer, int count) {
    return Math.max(0, Math.min(layer, count - 1));
  }

  public int preferredSpatialLayer() {
    return preferredSpatial;
  }

  public int preferredTemporalLayer() {
    return preferredTemporal;
  }

  public int targetSpatialLayer() {
    return targetSpatial;
  }

  public int targetTemporalLayer() {
    return targetTemporal;
  }

  /** The encoding the browser receives now, or -1 before the first key frame. */
  public int currentSpatialLayer() {
    return currentSpatial;
  }

  /** The temporal layer the browser receives now, or -1 before the first key frame. */
  public int currentTemporalLayer() {
    return currentTemporal;
  }

  /** Spatial switches made (the first key frame counts as one). */
  public long layerSwitches() {
    return layerSwitches;
  }

  /**
   * Called when the current layers change (mediasoup's layerschange event), on the room's loop from
   * the packet path: it should only note or notify.
   */
  public void onLayersChange(java.util.function.Consumer<SimulcastConsumer> listener) {
    layersListener = listener;
  }

  /** The layers the room last notified (consumerLayersChanged), opaque here. */
  public Object lastLayersSent() {
    return lastLayersSent;
  }

  public void lastLayersSent(Object layers) {
    lastLayersSent = layers;
  }

  /**
   * Target: the preferred layers, lowered to the highest encoding received in the last second, and
   * to the cap the transport's estimate allows ({@link LayerAllocation}).
   */
  @Override
  void tick(long nowMs) {
    targetLayers(Math.min(layerCeiling(nowMs), bandwidthCap), preferredTemporal, nowMs);
  }

  /** The preferred spatial layer, lowered to the highest encoding received in the last second. */
  int layerCeiling(long nowMs) {
    int spatial = preferredSpatial;
    RtpStreamRecv[] streams = producer.streams();
    while (spatial > 0 && (streams[spatial] == null || streams[spatial].bitrate(nowMs) == 0)) {
      spatial--;
    }
    if (streams[spatial] == null || streams[spatial].bitrate(nowMs) == 0) {
      spatial = preferredSpatial; // nothing is flowing: keep the wish
    }
    return spatial;
  }

  /** What each spatial layer (encoding) of the producer measures now, in bps. */
  long[] layerBitrates(long nowMs) {
    RtpStreamRecv[] streams = producer.streams();
    long[] bps = new long[streams.length];
    for (int i = 0; i < streams.length; i++) {
      bps[i] = streams[i] == null ? 0 : streams[i].bitrate(nowMs);
    }
    return bps;
  }

  /** The highest spatial layer the transport's estimate allows ({@link LayerAllocation}). */
  void bandwidthCap(int spatial) {
    bandwidthCap = spatial;
  }

  /** The highest spatial layer the estimate allowed at the last allocation (MAX_VALUE: no cap). */
  public int bandwidthCap() {
    return bandwidthCap;
  }

  @Override
  public boolean wantsKeyFrame() {
    return codec != KeyFrames.Codec.NONE
        && active()
        && (seq.syncRequired() || currentSpatial != targetSpatial);
  }

  @Override
  void requestKeyFrame(KeyFrameRequests.Source source, long nowMs) {
    // A browser's PLI is about what it receives: the current stream; a switch needs the target's.
    int encoding =
        source == KeyFrameRequests.Source.BROWSER && currentSpatial >= 0
            ? currentSpatial
            : targetSpatial;
    producer.requestKeyFrame(encoding, source, nowMs);
  }

  @Override
  boolean forward(RtpPacket in, int encoding, byte[] out, long nowMs) {
    boolean ours = encoding == currentSpatial || encoding == targetSpatial;
    if (!ours) {
      return false;
    }
    if (!active()) {
      return encoding == currentSpatial && dropped(DropReason.CONSUMER_INACTIVE);
    }
    boolean vp8Read =
        codec == KeyFrames.Codec.VP8
            && vp8In.read(in.buffer(), in.payloadOffset(), in.payloadLength());
    if (encoding == targetSpatial && (encoding != currentSpatial || seq.syncRequired())) {
      boolean keyFrame =
          vp8Read
              ? vp8In.isKeyFrame()
              : codec == KeyFrames.Codec.NONE
                  || KeyFrames.isKeyFrame(
                      codec, in.buffer(), in.payloadOffset(), in.payloadLength());
      if (keyFrame) {
        switchTo(encoding, in, nowMs);
      } else if (encoding == currentSpatial || currentSpatial < 0) {
        return dropped(DropReason.WAITING_FOR_KEY_FRAME);
      } else {
        return false; // the current encoding flows until the target's key frame
      }
    } else if (encoding != currentSpatial) {
      return false;
    } else if (seq.syncRequired()) {
      return dropped(DropReason.WAITING_FOR_KEY_FRAME);
    }
    if (vp8Read && vp8In.hasTid() && !temporalLayerPasses()) {
      seq.drop(in.sequenceNumber());
      vp8.drop(vp8In);
      return false;
    }
    return send(in, out, nowMs);
  }

  private void switchTo(int encoding, RtpPacket in, long nowMs) {
    currentSpatial = encoding;
    seq.sync(in.sequenceNumber(), in.timestamp(), nowMs);
    switchSeq = seq.seq(in.sequenceNumber());
    // A key frame: every temporal layer decodes from here.
    currentTemporal = targetTemporal;
    vp8.requireSync();
    layerSwitches++;
    layersListener.accept(this);
  }

  /** Temporal layer filtering on {@link #vp8In}; moves the current layer at frame starts. */
  private boolean temporalLayerPasses() {
    int tid = vp8In.tid();
    if (vp8In.startsFrame()) {
      int was = currentTemporal;
      if (targetTemporal < currentTemporal) {
        currentTemporal = targetTemporal;
      } else if (tid > currentTemporal && tid <= targetTemporal && vp8In.layerSync()) {
        currentTemporal = tid;
      }
      if (currentTemporal != was) {
        layersListener.accept(this);
      }
    }
    return tid <= currentTemporal;
  }

  @Override
  void rewritePayload(RtpPacket view) {
    if (codec == KeyFrames.Codec.VP8
        && vp8Out.read(view.buffer(), view.payloadOffset(), view.payloadLength())) {
      vp8.rewrite(vp8Out);
    }
  }

  @Override
  RetransmissionBuffer retransmissionBuffer(int outSeq) {
    if (currentSpatial < 0 || ((outSeq - switchSeq) & 0xFFFF) >= 0x8000) {
      return null; // sent from the previous encoding: its numbering is gone
    }
    return producer.buffer(currentSpatial);
  }

  @Override
  RtpStreamRecv senderReportSource() {
    return producer.streams()[Math.max(currentSpatial, 0)];
  }
}
