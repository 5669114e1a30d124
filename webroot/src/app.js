// Stockpot browser client: joins a room over protoo/SockJS and shows the peers.
//
// Test contract: `window.stockpot` holds plain, JSON-serialisable state
// (peerId, roomId, displayName, status, joined, peers, mediaReady, lastError)
// so that a test driving the page can read it with one evaluation.

import { Device, version as mediasoupClientVersion } from 'mediasoup-client';
import { ProtooPeer, ProtooError } from './protoo.js';

const params = new URLSearchParams(window.location.search);

const state = {
  peerId: params.get('peerId') || randomId(8),
  roomId: params.get('room') || 'default',
  displayName: params.get('name') || `guest-${randomId(4)}`,
  status: 'connecting',
  joined: false,
  // Ids of the other peers in the room, in arrival order.
  peers: [],
  mediaReady: false,
  lastError: null,
};
window.stockpot = state;

// Display data of the other peers, by id.
const peerInfos = new Map();

function randomId(length) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function browserVersion() {
  const match = /(?:Chrome|Firefox|Version)\/([\d.]+)/.exec(navigator.userAgent);
  return match ? match[1] : 'unknown';
}

// state.status is one word ('connecting', 'joined', 'disconnected', 'error');
// the page line may add a detail after it.
function setStatus(status, detail) {
  state.status = status;
  document.getElementById('status').textContent = detail ? `${status}: ${detail}` : status;
}

function recordError(context, err) {
  state.lastError = {
    context,
    message: String(err && err.message ? err.message : err),
    errorCode: err instanceof ProtooError ? err.errorCode : null,
    errorReason: err instanceof ProtooError ? err.errorReason : null,
  };
  console.error(`stockpot: ${context} failed`, err);
}

function renderPeers() {
  state.peers = [...peerInfos.keys()];
  const list = document.getElementById('peers');
  list.replaceChildren(
    ...state.peers.map((id) => {
      const item = document.createElement('li');
      item.dataset.peerId = id;
      item.textContent = peerInfos.get(id).displayName || id;
      return item;
    }),
  );
  document.getElementById('peer-count').textContent = String(state.peers.length);
}

function addPeer(peer) {
  if (!peer || !peer.id || peer.id === state.peerId) return;
  peerInfos.set(peer.id, { displayName: peer.displayName, device: peer.device });
  renderPeers();
}

function removePeer(peerId) {
  if (peerInfos.delete(peerId)) renderPeers();
}

async function startLocalMedia() {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    document.getElementById('me-video').srcObject = stream;
    state.mediaReady = true;
    return stream;
  } catch (err) {
    recordError('getUserMedia', err);
    return null;
  }
}

/**
 * Where the WebRTC transports get created: a send transport producing the local
 * tracks and a receive transport consuming the other peers' media. Not built yet,
 * so this does nothing; the room is joined for presence only.
 */
async function startMediaTransports(/* protoo, device, localStream */) {}

async function handleServerRequest(method) {
  // Server-initiated requests (e.g. newConsumer) arrive once media flows.
  throw new ProtooError(501, `unsupported request: ${method}`);
}

async function joinRoom(protoo) {
  const routerRtpCapabilities = await protoo.request('getRouterRtpCapabilities');
  const device = new Device();
  await device.load({ routerRtpCapabilities });
  const { peers } = await protoo.request('join', {
    rtpCapabilities: device.rtpCapabilities,
    displayName: state.displayName,
    device: { flag: 'stockpot', name: 'browser', version: browserVersion() },
  });
  for (const peer of peers || []) addPeer(peer);
  state.joined = true;
  setStatus('joined');
  return device;
}

async function main() {
  document.getElementById('room-name').textContent = state.roomId;
  document.getElementById('peer-id').textContent = state.peerId;
  document.getElementById('display-name').textContent = state.displayName;
  document.title = `Stockpot · ${state.roomId}`;
  console.info(`stockpot: mediasoup-client ${mediasoupClientVersion}`);

  const localMedia = startLocalMedia();

  const query = new URLSearchParams({ peerId: state.peerId, roomId: state.roomId });
  const protoo = new ProtooPeer(`/sockjs?${query}`);
  protoo.setRequestHandler(handleServerRequest);
  protoo.on('notification:newPeer', (peer) => addPeer(peer));
  protoo.on('notification:peerClosed', ({ peerId }) => removePeer(peerId));
  protoo.on('close', ({ code, reason }) => {
    state.joined = false;
    peerInfos.clear();
    renderPeers();
    setStatus('disconnected', `${code}${reason ? ` ${reason}` : ''}`);
  });

  setStatus('connecting');
  try {
    await protoo.connect();
    const device = await joinRoom(protoo);
    await startMediaTransports(protoo, device, await localMedia);
  } catch (err) {
    recordError('join', err);
    setStatus('error', state.lastError.message);
  }
}

main();
