// Codec choices for producing.

/**
 * The codec of `mimeType` (case-insensitive) from a device's RTP capabilities,
 * or undefined so that mediasoup-client picks the first one it supports.
 */
export function pickCodec(rtpCapabilities, mimeType) {
  const wanted = mimeType.toLowerCase();
  const codecs = (rtpCapabilities && rtpCapabilities.codecs) || [];
  return codecs.find((codec) => typeof codec.mimeType === 'string' && codec.mimeType.toLowerCase() === wanted);
}

/** Microphone: opus with in-band FEC and DTX, as conferencing clients commonly send. */
export const AUDIO_CODEC_OPTIONS = Object.freeze({ opusStereo: false, opusDtx: true, opusFec: true });

/** Highest simulcast layer count the page asks for (mediasoup-demo's 3). */
export const MAX_SIMULCAST_LAYERS = 3;

/**
 * Camera encodings. Without simulcast (`layers` below 2): one encoding capped at 1.5 Mbit/s.
 * With `layers` 2 or 3: rid simulcast as mediasoup-demo sends it, each layer half the width of
 * the next (scaleResolutionDownBy 4/2/1), capped at 100/300/900 kbit/s from the lowest up, so
 * the SFU can forward a lower layer to a subscriber whose downlink cannot carry the top one.
 * Chromium itself sends fewer layers for small captures (2 at 640x360).
 */
// Fresh objects per call: mediasoup-client keeps and may adjust what it is given.
export function videoEncodings(layers = 1) {
  if (!(layers >= 2)) return [{ maxBitrate: 1500000 }];
  const n = Math.min(Math.floor(layers), MAX_SIMULCAST_LAYERS);
  const caps = [100000, 300000, 900000].slice(MAX_SIMULCAST_LAYERS - n);
  return caps.map((maxBitrate, i) => ({ scaleResolutionDownBy: 2 ** (n - 1 - i), maxBitrate }));
}

export const VIDEO_CODEC_OPTIONS = Object.freeze({ videoGoogleStartBitrate: 1000 });
