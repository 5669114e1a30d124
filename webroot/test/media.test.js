// Unit tests of the page's pure media logic: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickCodec, videoEncodings } from '../src/codecs.js';
import { availableOutgoingBitrate, recvStatsFromReport, sendStatsFromReport } from '../src/stats.js';
import { reconnectDelay } from '../src/backoff.js';
import { ConsumerBook } from '../src/consumer-book.js';

// An RTCStatsReport is a Map from id to stats object.
const report = (...stats) => new Map(stats.map((s) => [s.id, s]));

const capabilities = {
  codecs: [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
    { kind: 'video', mimeType: 'video/H264', clockRate: 90000 },
    { kind: 'video', mimeType: 'video/rtx', clockRate: 90000 },
    { kind: 'video', mimeType: 'video/vp8', clockRate: 90000, preferredPayloadType: 101 },
  ],
};

test('pickCodec finds VP8 regardless of case, even when it is not first', () => {
  assert.equal(pickCodec(capabilities, 'video/VP8').preferredPayloadType, 101);
  assert.equal(pickCodec(capabilities, 'audio/OPUS').kind, 'audio');
});

test('pickCodec gives undefined when the codec is missing, so the default applies', () => {
  assert.equal(pickCodec(capabilities, 'video/AV1'), undefined);
  assert.equal(pickCodec({}, 'video/VP8'), undefined);
  assert.equal(pickCodec(undefined, 'video/VP8'), undefined);
  assert.equal(pickCodec({ codecs: [{ kind: 'video' }] }, 'video/VP8'), undefined);
});

test('videoEncodings is one encoding, fresh on each call', () => {
  const a = videoEncodings();
  assert.deepEqual(a, [{ maxBitrate: 1500000 }]);
  a[0].maxBitrate = 1;
  assert.equal(videoEncodings()[0].maxBitrate, 1500000);
});

test('videoEncodings with 2 or 3 layers is rid simulcast, lowest layer first', () => {
  assert.deepEqual(videoEncodings(3), [
    { scaleResolutionDownBy: 4, maxBitrate: 100000 },
    { scaleResolutionDownBy: 2, maxBitrate: 300000 },
    { scaleResolutionDownBy: 1, maxBitrate: 900000 },
  ]);
  assert.deepEqual(videoEncodings(2), [
    { scaleResolutionDownBy: 2, maxBitrate: 300000 },
    { scaleResolutionDownBy: 1, maxBitrate: 900000 },
  ]);
  assert.deepEqual(videoEncodings(9).length, 3);
  assert.deepEqual(videoEncodings(1), [{ maxBitrate: 1500000 }]);
  assert.deepEqual(videoEncodings(NaN), [{ maxBitrate: 1500000 }]);
});

test('send stats sum outbound-rtp per kind and ignore other entries', () => {
  const stats = sendStatsFromReport(
    report(
      { id: 'a', type: 'outbound-rtp', kind: 'audio', packetsSent: 50, bytesSent: 4000 },
      { id: 'v1', type: 'outbound-rtp', kind: 'video', packetsSent: 100, bytesSent: 90000, framesEncoded: 30,
        rid: 'r1', frameWidth: 640, framesPerSecond: 30, qualityLimitationReason: 'cpu' },
      { id: 'v2', type: 'outbound-rtp', mediaType: 'video', packetsSent: 10, bytesSent: 1000, framesEncoded: 3 },
      { id: 'r', type: 'remote-inbound-rtp', kind: 'video', packetsLost: 2 },
      { id: 'in', type: 'inbound-rtp', kind: 'audio', packetsReceived: 9 },
    ),
  );
  assert.deepEqual(stats, {
    audio: { packetsSent: 50, bytesSent: 4000 },
    video: {
      packetsSent: 110,
      bytesSent: 91000,
      framesEncoded: 33,
      layers: [
        { rid: 'r1', frameWidth: 640, framesPerSecond: 30, bytesSent: 90000, qualityLimitationReason: 'cpu' },
        { rid: null, frameWidth: 0, framesPerSecond: 0, bytesSent: 1000, qualityLimitationReason: null },
      ],
    },
    availableOutgoingBitrate: null,
  });
});

test('send stats of no report are zeros', () => {
  assert.deepEqual(sendStatsFromReport(null), {
    audio: { packetsSent: 0, bytesSent: 0 },
    video: { packetsSent: 0, bytesSent: 0, framesEncoded: 0, layers: [] },
    availableOutgoingBitrate: null,
  });
});

test('available bitrate comes from the pair the transport selected', () => {
  const r = report(
    { id: 'p1', type: 'candidate-pair', nominated: true, state: 'succeeded', availableOutgoingBitrate: 111 },
    { id: 'p2', type: 'candidate-pair', nominated: false, state: 'succeeded', availableOutgoingBitrate: 222 },
    { id: 't', type: 'transport', selectedCandidatePairId: 'p2' },
  );
  assert.equal(availableOutgoingBitrate(r), 222);
});

test('without a transport entry, a nominated pair that succeeded counts', () => {
  const r = report(
    { id: 'p0', type: 'candidate-pair', nominated: true, state: 'failed', availableOutgoingBitrate: 1 },
    { id: 'p1', type: 'candidate-pair', state: 'succeeded', availableOutgoingBitrate: 2 },
    { id: 'p2', type: 'candidate-pair', nominated: true, state: 'succeeded', availableOutgoingBitrate: 3 },
  );
  assert.equal(availableOutgoingBitrate(r), 3);
  assert.equal(availableOutgoingBitrate(report({ id: 't', type: 'transport', selectedCandidatePairId: 'gone' })), null);
});

test('receive stats read inbound-rtp and default missing fields to 0', () => {
  const video = recvStatsFromReport(
    report(
      {
        id: 'i',
        type: 'inbound-rtp',
        kind: 'video',
        packetsReceived: 300,
        bytesReceived: 250000,
        framesDecoded: 90,
        nackCount: 4,
        freezeCount: 1,
        totalFreezesDuration: 0.5,
        jitterBufferDelay: 2.25,
      },
      { id: 'o', type: 'outbound-rtp', kind: 'video', packetsSent: 7 },
    ),
  );
  assert.deepEqual(video, {
    packetsReceived: 300,
    bytesReceived: 250000,
    framesDecoded: 90,
    nackCount: 4,
    freezeCount: 1,
    totalFreezesDuration: 0.5,
    jitterBufferDelay: 2.25,
  });
  const audio = recvStatsFromReport(report({ id: 'i', type: 'inbound-rtp', kind: 'audio', packetsReceived: 5, bytesReceived: 'x' }));
  assert.equal(audio.packetsReceived, 5);
  assert.equal(audio.bytesReceived, 0);
  assert.equal(audio.framesDecoded, 0);
});

test('reconnect delay doubles up to the cap, with jitter in [50%, 100%]', () => {
  const top = { random: () => 1 };
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((a) => reconnectDelay(a, top)), [1000, 2000, 4000, 8000, 15000, 15000]);
  assert.equal(reconnectDelay(0, { random: () => 0 }), 500);
  assert.equal(reconnectDelay(1000, top), 15000);
  assert.equal(reconnectDelay(-3, top), 1000);
  for (let i = 0; i < 100; i++) {
    const d = reconnectDelay(2);
    assert.ok(d >= 2000 && d <= 4000, String(d));
  }
});

test('consumer book tells when a peer has no consumers left', () => {
  const book = new ConsumerBook();
  book.add({ id: 'c1', peerId: 'p', kind: 'audio', producerId: 'pa' }, 'h1');
  book.add({ id: 'c2', peerId: 'p', kind: 'video', producerId: 'pv', paused: true }, 'h2');
  book.add({ id: 'c3', peerId: 'q', kind: 'video', producerId: 'qv' }, 'h3');
  const before = Date.now();
  const listed = book.list();
  for (const info of listed) {
    assert.ok(info.addedAt >= before - 1000 && info.addedAt <= Date.now(), String(info.addedAt));
    delete info.addedAt;
  }
  assert.deepEqual(listed, [
    { id: 'c1', peerId: 'p', kind: 'audio', producerId: 'pa', paused: false, score: null },
    { id: 'c2', peerId: 'p', kind: 'video', producerId: 'pv', paused: true, score: null },
    { id: 'c3', peerId: 'q', kind: 'video', producerId: 'qv', paused: false, score: null },
  ]);
  assert.equal(book.remove('c1').peerEmpty, false);
  assert.equal(book.remove('c1'), null);
  const last = book.remove('c2');
  assert.equal(last.peerEmpty, true);
  assert.equal(last.handle, 'h2');
  assert.equal(book.size, 1);
});

test('consumer book pauses, scores, removes a peer and clears', () => {
  const book = new ConsumerBook();
  book.add({ id: 'c1', peerId: 'p', kind: 'audio', producerId: 'pa' }, 'h1');
  book.add({ id: 'c2', peerId: 'q', kind: 'video', producerId: 'qv' }, 'h2');
  book.add({ id: 'c3', peerId: 'p', kind: 'video', producerId: 'pv' }, 'h3');
  assert.equal(book.setPaused('c1', true), true);
  assert.equal(book.setPaused('nope', true), false);
  assert.equal(book.setScore('c2', { score: 10, producerScore: 9 }), true);
  assert.equal(book.info('c1').paused, true);
  assert.deepEqual(book.info('c2').score, { score: 10, producerScore: 9 });
  // list() hands out copies: the page's state cannot change the book.
  book.list()[0].paused = false;
  assert.equal(book.info('c1').paused, true);
  assert.deepEqual(book.removePeer('p').map((e) => e.handle), ['h1', 'h3']);
  assert.deepEqual(book.removePeer('p'), []);
  assert.deepEqual(book.clear().map((e) => e.handle), ['h2']);
  assert.equal(book.size, 0);
});
