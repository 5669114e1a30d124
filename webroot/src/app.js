// Stockpot browser client: joins a room over protoo/SockJS, sends the camera
// and microphone, shows the other peers and their media, and reconnects when
// the connection drops.
//
// Signaling servers: `?signaling=https://h1:8443,https://h2:8443` lists several;
// the page uses the first and moves on to the next whenever a connection fails
// or drops. Without it the page's own server is used.
//
// Test contract: `window.stockpot` holds plain, JSON-serialisable state
//   peerId, roomId, displayName, status, joined, peers, mediaReady, lastError,
//   mediaError, producers {audio, video}, consumers [{id, peerId, kind,
//   producerId, paused, score, addedAt}], producerScores {producerId: score},
//   transportIds {send, recv}, transportStates {send, recv}, connectAttempts,
//   sessionClosed, accessRefused (why the server refused the ?token=, shown in
//   a banner), roomMoves (times the room moved to another media node and
//   the page rejoined it without reconnecting),
//   signalingUrl (the signaling server of the current connection)
// so that a test can read it with one evaluation, plus non-enumerable async
// helpers sendStats() and recvStats() (see stats.js for their fields) and
// request(method, data).

import { version as mediasoupClientVersion } from 'mediasoup-client';
import { ProtooError } from './protoo.js';
import { Session } from './session.js';
import { RemoteVideos } from './remote-videos.js';
import { reconnectDelay } from './backoff.js';
import { signalingServers } from './signaling-servers.js';
import { refusalBanner, tokenClaims } from './access.js';

const params = new URLSearchParams(window.location.search);
// A room token (?token=) names the room and the peer; the server verifies it.
const token = params.get('token');
const claims = tokenClaims(token) || {};

const state = {
  peerId: claims.sub || params.get('peerId') || randomId(8),
  roomId: claims.room || params.get('room') || 'default',
  displayName: claims.name || params.get('name') || `guest-${randomId(4)}`,
  // 'connecting', 'joined', 'disconnected' (a reconnect is due), 'error'
  // (connecting or joining failed; a retry is due) or 'closed' (for good).
  status: 'connecting',
  joined: false,
  // Ids of the other peers in the room, in arrival order.
  peers: [],
  mediaReady: false,
  lastError: null,
  // Why sending or receiving media does not work while joined, or null.
  mediaError: null,
  producers: { audio: null, video: null },
  consumers: [],
  producerScores: {},
  transportIds: { send: null, recv: null },
  transportStates: { send: null, recv: null },
  // Connections opened so far, the first included.
  connectAttempts: 0,
  sessionClosed: null,
  // Why the server refused this page's token: {kind: missing|expired|refused, title, advice, reason}.
  accessRefused: null,
  roomMoves: 0,
  signalingUrl: null,
};
window.stockpot = state;

let session = null;

// Functions stay out of JSON.stringify and of by-value evaluation.
Object.defineProperties(state, {
  sendStats: { enumerable: false, value: async () => (session ? session.sendStats() : null) },
  recvStats: { enumerable: false, value: async () => (session ? session.recvStats() : []) },
  // Any protoo request on the current session (e.g. getProducerStats), for tests and debugging.
  request: {
    enumerable: false,
    value: async (method, data) => {
      if (!session) throw new Error('not connected');
      return session.request(method, data);
    },
  },
});

// Display data of the other peers, by id.
const peerInfos = new Map();
const remoteVideos = new RemoteVideos(document);

function randomId(length) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function browserVersion() {
  const match = /(?:Chrome|Firefox|Version)\/([\d.]+)/.exec(navigator.userAgent);
  return match ? match[1] : 'unknown';
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function errorMessage(err) {
  return String(err && err.message ? err.message : err);
}

// state.status is one word; the page line may add a detail after it.
function setStatus(status, detail) {
  state.status = status;
  document.getElementById('status').textContent = detail ? `${status}: ${detail}` : status;
}

function recordError(context, err) {
  state.lastError = {
    context,
    message: errorMessage(err),
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

// Copies what the session knows into the plain state object.
function publish() {
  const s = session;
  state.producers = {
    audio: s && s.producers.audio ? s.producers.audio.id : null,
    video: s && s.producers.video ? s.producers.video.id : null,
  };
  state.consumers = s ? s.consumers.list() : [];
  state.producerScores = s ? { ...s.producerScores } : {};
  state.transportIds = {
    send: s && s.sendTransport ? s.sendTransport.id : null,
    recv: s && s.recvTransport ? s.recvTransport.id : null,
  };
  state.transportStates = s ? { ...s.transportStates } : { send: null, recv: null };
}

const ui = {
  remoteVideos,
  setPeers(peers) {
    peerInfos.clear();
    for (const peer of peers) addPeer(peer);
    renderPeers();
  },
  addPeer,
  removePeer(peerId) {
    if (peerInfos.delete(peerId)) renderPeers();
  },
  renamePeer(peerId, displayName) {
    const info = peerInfos.get(peerId);
    if (!info) return;
    info.displayName = displayName;
    renderPeers();
    remoteVideos.setTitle(peerId, displayName || peerId);
  },
  changed: publish,
  // The room moved to another media node: the session joins it again by itself.
  roomMoved(data) {
    state.roomMoves += 1;
    state.joined = false;
    peerInfos.clear();
    renderPeers();
    publish();
    setStatus('rejoining', data && data.reason ? data.reason : undefined);
  },
  joined() {
    state.joined = true;
    setStatus('joined', state.mediaError ? `media error: ${state.mediaError}` : undefined);
  },
  // Presence goes on without media: the error shows in #status and lastError.
  mediaFailed(context, err) {
    recordError(context, err);
    state.mediaError = `${context}: ${errorMessage(err)}`;
    if (state.joined) setStatus('joined', `media error: ${state.mediaError}`);
  },
};

async function startLocalMedia() {
  try {
    // ?video=0: microphone only (a subscriber that sends no camera).
    const video = params.get('video') !== '0';
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video });
    document.getElementById('me-video').srcObject = stream;
    state.mediaReady = true;
    return stream;
  } catch (err) {
    recordError('getUserMedia', err);
    return null;
  }
}

function leave(end) {
  state.joined = false;
  state.mediaError = null;
  peerInfos.clear();
  renderPeers();
  publish();
  state.sessionClosed = end.sessionClosed;
}

// Connects, and after every drop reconnects with backoff from scratch (to the
// next signaling server when several are given), until the server says this
// peer was replaced by a newer connection or kicked by an operator.
async function run(localMedia) {
  const servers = signalingServers(params.get('signaling'));
  let server = 0;
  const query = new URLSearchParams(
    token ? { token } : { peerId: state.peerId, roomId: state.roomId },
  );
  const me = {
    displayName: state.displayName,
    device: { flag: 'stockpot', name: 'browser', version: browserVersion() },
  };
  let failures = 0;
  for (;;) {
    state.signalingUrl = servers[server] || window.location.origin;
    session = new Session({
      url: `${servers[server]}/sockjs?${query}`,
      me,
      localMedia,
      ui,
      // ?simulcast=2 or 3: the camera as that many rid simulcast layers.
      simulcastLayers: Number(params.get('simulcast')) || 1,
    });
    state.connectAttempts += 1;
    setStatus('connecting');
    let failed = null;
    try {
      await session.start();
      failures = 0;
    } catch (err) {
      if (!session.isClosed) {
        failed = err;
        recordError('join', err);
        session.close();
      }
    }
    const end = await session.closed;
    leave(end);
    if (end.sessionClosed && end.sessionClosed.reason === 'replaced') {
      setStatus('closed', 'replaced by another connection of this peer');
      return;
    }
    if (end.sessionClosed && end.sessionClosed.reason === 'kicked') {
      setStatus('closed', 'removed from the room by an operator');
      return;
    }
    // A refused token stays refused: say what to do instead of retrying.
    const banner = refusalBanner(end.sessionClosed || end, !!token);
    if (banner) {
      showBanner(banner);
      setStatus('closed', banner.title);
      return;
    }
    // A server that failed or dropped us may be gone: the next one is tried first.
    server = (server + 1) % servers.length;
    const delay = reconnectDelay(failures++);
    const why = failed ? errorMessage(failed) : `${end.code}${end.reason ? ` ${end.reason}` : ''}`;
    setStatus(failed ? 'error' : 'disconnected', `${why}; reconnecting in ${(delay / 1000).toFixed(1)} s`);
    await sleep(delay);
  }
}

function showBanner(banner) {
  state.accessRefused = banner;
  const box = document.getElementById('access-banner');
  box.dataset.kind = banner.kind;
  box.querySelector('strong').textContent = banner.title;
  box.querySelector('.advice').textContent = banner.advice;
  box.querySelector('.reason').textContent = banner.reason ? `Server: ${banner.reason}` : '';
  box.hidden = false;
}

function main() {
  document.getElementById('room-name').textContent = state.roomId;
  document.getElementById('peer-id').textContent = state.peerId;
  document.getElementById('display-name').textContent = state.displayName;
  document.title = `Stockpot · ${state.roomId}`;
  console.info(`stockpot: mediasoup-client ${mediasoupClientVersion}`);
  run(startLocalMedia());
}

main();
