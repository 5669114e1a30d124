// Unit tests of the protoo peer against an in-memory socket: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtooPeer, ProtooError, ErrorCodes } from '../src/protoo.js';

// Stands in for SockJS: records what the peer sends, lets the test play the server.
class FakeSocket {
  constructor() {
    this.readyState = 0;
    this.sent = [];
  }
  send(text) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.serverClose(1000, 'Normal closure');
  }
  serverOpen() {
    this.readyState = 1;
    this.onopen();
  }
  serverSend(message) {
    this.onmessage({ data: JSON.stringify(message) });
  }
  serverClose(code, reason) {
    this.readyState = 3;
    this.onclose({ code, reason, wasClean: true });
  }
}

async function connectedPeer(options = {}) {
  let socket;
  const peer = new ProtooPeer('/sockjs?peerId=p', {
    ...options,
    createSocket: () => (socket = new FakeSocket()),
  });
  const opened = peer.connect();
  socket.serverOpen();
  await opened;
  return { peer, socket };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('request resolves with the response data of the same id', async () => {
  const { peer, socket } = await connectedPeer();
  const result = peer.request('join', { displayName: 'a' });
  const sent = socket.sent[0];
  assert.equal(sent.request, true);
  assert.equal(sent.method, 'join');
  assert.deepEqual(sent.data, { displayName: 'a' });
  socket.serverSend({ response: true, id: sent.id + 1, ok: true, data: { wrong: true } });
  socket.serverSend({ response: true, id: sent.id, ok: true, data: { peers: [] } });
  assert.deepEqual(await result, { peers: [] });
});

test('error response rejects with errorCode and errorReason', async () => {
  const { peer, socket } = await connectedPeer();
  const result = peer.request('join');
  socket.serverSend({ response: true, id: socket.sent[0].id, ok: false, errorCode: 403, errorReason: 'no' });
  await assert.rejects(result, (err) => err instanceof ProtooError && err.errorCode === 403 && err.errorReason === 'no');
});

test('request times out', async () => {
  const { peer } = await connectedPeer({ requestTimeoutMs: 20 });
  await assert.rejects(peer.request('slow'), (err) => err.errorCode === ErrorCodes.TIMEOUT);
});

test('close rejects pending requests and emits close', async () => {
  const { peer, socket } = await connectedPeer();
  const closes = [];
  peer.on('close', (info) => closes.push(info));
  const result = peer.request('join');
  socket.serverClose(4000, 'gone');
  await assert.rejects(result, (err) => err.errorCode === ErrorCodes.CLOSED);
  assert.deepEqual(closes, [{ code: 4000, reason: 'gone', wasClean: true }]);
  assert.equal(peer.connected, false);
  await assert.rejects(peer.request('join'), (err) => err.errorCode === ErrorCodes.NOT_CONNECTED);
});

test('connect rejects when the socket closes before opening, and can be retried', async () => {
  const sockets = [];
  const peer = new ProtooPeer('/sockjs', { createSocket: () => sockets[sockets.push(new FakeSocket()) - 1] });
  const first = peer.connect();
  sockets[0].serverClose(2000, 'refused');
  await assert.rejects(first, (err) => err.errorCode === ErrorCodes.CLOSED);
  const second = peer.connect();
  sockets[1].serverOpen();
  await second;
  assert.equal(peer.connected, true);
});

test('notifications reach generic and per-method listeners', async () => {
  const { peer, socket } = await connectedPeer();
  const all = [];
  const joined = [];
  peer.on('notification', (n) => all.push(n));
  peer.on('notification:newPeer', (data) => joined.push(data));
  socket.serverSend({ notification: true, method: 'newPeer', data: { id: 'b' } });
  socket.serverSend({ notification: true, method: 'peerClosed', data: { peerId: 'b' } });
  assert.deepEqual(joined, [{ id: 'b' }]);
  assert.deepEqual(all.map((n) => n.method), ['newPeer', 'peerClosed']);
});

test('server requests are answered by the handler with the same id', async () => {
  const { peer, socket } = await connectedPeer();
  peer.setRequestHandler(async (method, data) => {
    if (method === 'newConsumer') return { accepted: data.id };
    throw new ProtooError(404, `unknown ${method}`);
  });
  socket.serverSend({ request: true, id: 77, method: 'newConsumer', data: { id: 'c1' } });
  socket.serverSend({ request: true, id: 78, method: 'other', data: {} });
  await tick();
  assert.deepEqual(socket.sent, [
    { response: true, id: 77, ok: true, data: { accepted: 'c1' } },
    { response: true, id: 78, ok: false, errorCode: 404, errorReason: 'unknown other' },
  ]);
});

test('server request without a handler or with a plain error is rejected', async () => {
  const { peer, socket } = await connectedPeer();
  socket.serverSend({ request: true, id: 1, method: 'x', data: {} });
  await tick();
  assert.equal(socket.sent[0].ok, false);
  assert.equal(socket.sent[0].errorCode, 501);
  peer.setRequestHandler(async () => {
    throw new Error('boom');
  });
  socket.serverSend({ request: true, id: 2, method: 'x', data: {} });
  await tick();
  assert.deepEqual(socket.sent[1], { response: true, id: 2, ok: false, errorCode: 500, errorReason: 'boom' });
});

test('garbage frames are ignored', async () => {
  const { socket } = await connectedPeer();
  const original = console.error;
  console.error = () => {};
  try {
    socket.onmessage({ data: 'not json' });
    socket.onmessage({ data: '{"foo":1}' });
    socket.onmessage({ data: 'null' });
  } finally {
    console.error = original;
  }
});
