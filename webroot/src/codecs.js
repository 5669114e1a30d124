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

/** Camera: one encoding (no simulcast yet), starting at 1 Mbit/s instead of WebRTC's 300 kbit/s. */
// Fresh objects per call: mediasoup-client keeps and may adjust what it is given.
export function videoEncodings() {
  return [{ maxBitrate: 1500000 }];
}

export const VIDEO_CODEC_OPTIONS = Object.freeze({ videoGoogleStartBitrate: 1000 });
