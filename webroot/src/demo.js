// A client in the manner of mediasoup-demo's RoomClient, to show that an
// unmodified protoo-client application works against Stockpot: protoo over a
// plain WebSocket (protoo-client asks for the 'protoo' subprotocol itself) at
// `/?roomId=…&peerId=…`, media through mediasoup-client. The flow, not the UI:
// on 'open' load the Device, create the receive transport, join, create the
// send transport, produce microphone and camera (VP8); answer `newConsumer`
// requests; follow the room's notifications.
//
// Test contract: `window.demo` holds plain, JSON-serialisable state
//   roomId, peerId, status, joined, peers [ids], consumers [{id, peerId, kind,
//   paused}], producers {audio, video}, notifications {method: count}, lastError
// plus non-enumerable async recvStats() (shaped like the main page's) and
// request(method, data).
//
// As in mediasoup-demo, a consumer goes away only on `consumerClosed` (or when
// its transport closes) and a peer only on `peerClosed`: each notification is
// what removes its own kind of thing.

import * as protooClient from 'protoo-client';
import { Device } from 'mediasoup-client';
import { RemoteVideos } from './remote-videos.js';
import { recvStatsFromReport } from './stats.js';
import { AUDIO_CODEC_OPTIONS, VIDEO_CODEC_OPTIONS, pickCodec, videoEncodings } from './codecs.js';
import { ConsumerSetups, createTransport } from './transports.js';

const params = new URLSearchParams(window.location.search);

const state = {
  roomId: params.get('roomId') || 'default',
  peerId: params.get('peerId') || Math.random().toString(36).slice(2, 10),
  // 'connecting', 'joined', 'disconnected' (protoo-client reconnects), 'closed'.
  status: 'connecting',
  joined: false,
  peers: [],
  consumers: [],
  producers: { audio: null, video: null },
  notifications: {},
  lastError: null,
};
window.demo = state;

let device = null;
let sendTransport = null;
let recvTransport = null;
const producers = { audio: null, video: null };
// consumer id -> {consumer, peerId}
const consumers = new Map();
// Consumers between `newConsumer` and consume() resolving.
const consumerSetups = new ConsumerSetups();
// peer id -> {displayName}
const peers = new Map();
const remoteVideos = new RemoteVideos(document);

// Functions stay out of JSON.stringify and of by-value evaluation.
Object.defineProperty(state, 'recvStats', {
  enumerable: false,
  value: async () =>
    Promise.all(
      [...consumers.values()]
        .filter(({ consumer }) => !consumer.closed)
        .map(async ({ consumer, peerId }) => ({
          id: consumer.id,
          peerId,
          kind: consumer.kind,
          ...recvStatsFromReport(await consumer.getStats()),
        })),
    ),
});
// Any protoo request (e.g. getConsumerStats), for tests and debugging.
Object.defineProperty(state, 'request', {
  enumerable: false,
  value: async (method, data) => protoo.request(method, data),
});

function publish() {
  state.peers = [...peers.keys()];
  state.consumers = [...consumers.values()].map(({ consumer, peerId }) => ({
    id: consumer.id,
    peerId,
    kind: consumer.kind,
    paused: consumer.paused,
  }));
  state.producers = {
    audio: producers.audio ? producers.audio.id : null,
    video: producers.video ? producers.video.id : null,
  };
  document.getElementById('status').textContent = state.status;
  document.getElementById('peers').textContent = state.peers.join(', ') || '(nobody else)';
}

function setStatus(status) {
  state.status = status;
  publish();
}

function recordError(context, err) {
  state.lastError = { context, message: String(err && err.message ? err.message : err) };
  console.error(`demo: ${context} failed`, err);
  publish();
}

const url =
  `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/?` +
  new URLSearchParams({ roomId: state.roomId, peerId: state.peerId });
const protoo = new protooClient.Peer(new protooClient.WebSocketTransport(url));

// The camera and microphone are asked for once; every (re)join produces the same tracks.
const localMedia = navigator.mediaDevices.getUserMedia({ audio: true, video: true }).then(
  (stream) => {
    document.getElementById('me-video').srcObject = stream;
    return stream;
  },
  (err) => {
    recordError('getUserMedia', err);
    return null;
  },
);

function createDemoTransport(direction) {
  // mediasoup-demo asks for no SCTP without data channels: the field is left out.
  return createTransport({
    request: (method, data) => protoo.request(method, data),
    device,
    direction,
    requestData: { sctpCapabilities: undefined },
  });
}

async function produce(kind, track) {
  if (!device.canProduce(kind)) throw new Error(`cannot produce ${kind}`);
  const options =
    kind === 'audio'
      ? { track, codecOptions: { ...AUDIO_CODEC_OPTIONS }, appData: { source: 'mic' } }
      : {
          track,
          encodings: videoEncodings(),
          codecOptions: { ...VIDEO_CODEC_OPTIONS },
          codec: pickCodec(device.rtpCapabilities, 'video/VP8'),
          appData: { source: 'webcam' },
        };
  const producer = await sendTransport.produce({ ...options, stopTracks: false });
  producers[kind] = producer;
  producer.on('transportclose', () => {
    if (producers[kind] === producer) producers[kind] = null;
    publish();
  });
  publish();
}

async function join() {
  setStatus('connecting');
  device = new Device();
  await device.load({ routerRtpCapabilities: await protoo.request('getRouterRtpCapabilities') });
  recvTransport = await createDemoTransport('recv');
  const { peers: others } = await protoo.request('join', {
    displayName: state.peerId,
    device: { flag: 'stockpot-demo', name: 'browser', version: protooClient.version },
    rtpCapabilities: device.rtpCapabilities,
  });
  for (const peer of others || []) peers.set(peer.id, { displayName: peer.displayName });
  state.joined = true;
  setStatus('joined');

  sendTransport = await createDemoTransport('send');
  const stream = await localMedia;
  if (!stream) return;
  for (const track of stream.getTracks()) {
    await produce(track.kind, track).catch((err) => recordError(`produce ${track.kind}`, err));
  }
}

async function newConsumer(data) {
  const { peerId } = data;
  const consumer = await consumerSetups.consume(recvTransport, data);
  // The server closed it during set-up (or the connection went): it is already closed.
  if (!consumer) return;
  consumers.set(consumer.id, { consumer, peerId });
  consumer.on('transportclose', () => removeConsumer(consumer.id));
  remoteVideos.addTrack(peerId, consumer.track);
  publish();
}

function removeConsumer(consumerId) {
  if (consumerSetups.closed(consumerId)) return;
  const entry = consumers.get(consumerId);
  if (!entry) return;
  consumers.delete(consumerId);
  const { consumer, peerId } = entry;
  if (!consumer.closed) consumer.close();
  remoteVideos.removeTrack(peerId, consumer.track);
  if (![...consumers.values()].some((c) => c.peerId === peerId)) remoteVideos.removePeer(peerId);
  publish();
}

function setPaused(consumerId, paused) {
  const entry = consumers.get(consumerId);
  if (!entry) return;
  if (paused) entry.consumer.pause();
  else entry.consumer.resume();
  publish();
}

// Everything of one connection goes; a reconnect ('open' again) joins anew.
function teardown() {
  state.joined = false;
  consumerSetups.clear();
  for (const transport of [sendTransport, recvTransport]) {
    if (transport && !transport.closed) transport.close();
  }
  sendTransport = null;
  recvTransport = null;
  consumers.clear();
  peers.clear();
  remoteVideos.clear();
  publish();
}

protoo.on('open', () => join().catch((err) => recordError('join', err)));
protoo.on('failed', () => setStatus('connecting'));
protoo.on('disconnected', () => {
  teardown();
  setStatus('disconnected');
});
protoo.on('close', () => {
  teardown();
  setStatus('closed');
});

protoo.on('request', (request, accept, reject) => {
  if (request.method !== 'newConsumer') {
    reject(403, `unknown request ${request.method}`);
    return;
  }
  if (!recvTransport) {
    reject(503, 'no receive transport');
    return;
  }
  newConsumer(request.data).then(
    () => accept(),
    (err) => {
      recordError('newConsumer', err);
      reject(500, String(err));
    },
  );
});

protoo.on('notification', ({ method, data }) => {
  state.notifications[method] = (state.notifications[method] || 0) + 1;
  switch (method) {
    case 'newPeer':
      peers.set(data.id, { displayName: data.displayName });
      break;
    case 'peerClosed':
      peers.delete(data.peerId);
      break;
    case 'consumerClosed':
      removeConsumer(data.consumerId);
      break;
    case 'consumerPaused':
      setPaused(data.consumerId, true);
      break;
    case 'consumerResumed':
      setPaused(data.consumerId, false);
      break;
    default:
      // producerScore, consumerScore, activeSpeaker…: nothing to show here.
      break;
  }
  publish();
});

document.getElementById('room-name').textContent = state.roomId;
document.getElementById('peer-id').textContent = state.peerId;
publish();
