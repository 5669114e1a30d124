// The room page's session against a fake server socket and a fake receive
// transport: `npm test`. Covers what the server may do in any order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { Session } from '../src/session.js';

// Stands in for SockJS, as in protoo.test.js.
class FakeSocket {
  constructor() {
    this.readyState = 0;
    this.sent = [];
  }
  send(text) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.readyState = 3;
    this.onclose({ code: 1000, reason: 'Normal closure', wasClean: true });
  }
  serverOpen() {
    this.readyState = 1;
    this.onopen();
  }
  serverSend(message) {
    this.onmessage({ data: JSON.stringify(message) });
  }
}

class FakeConsumer extends EventEmitter {
  constructor({ id, producerId, kind }) {
    super();
    this.id = id;
    this.producerId = producerId;
    this.kind = kind;
    this.track = { id: `track-${id}` };
    this.closed = false;
  }
  close() {
    this.closed = true;
  }
}

// consume() resolves only when the test says so, like a browser still negotiating.
class FakeRecvTransport {
  constructor() {
    this.closed = false;
    this.created = [];
    this._resolvers = [];
  }
  consume(options) {
    return new Promise((resolve) => {
      this._resolvers.push(() => {
        const consumer = new FakeConsumer(options);
        this.created.push(consumer);
        resolve(consumer);
      });
    });
  }
  finishConsume() {
    this._resolvers.shift()();
  }
}

function fakeUi() {
  const shown = new Set();
  return {
    shown,
    remoteVideos: {
      addTrack: (peerId, track) => shown.add(track.id),
      removeTrack: (peerId, track) => shown.delete(track.id),
      removePeer: () => {},
      clear: () => shown.clear(),
    },
    changed: () => {},
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function joinedSession() {
  let socket;
  const ui = fakeUi();
  const session = new Session({
    url: '/sockjs?peerId=bob&roomId=r',
    me: { displayName: 'bob' },
    localMedia: Promise.resolve(null),
    ui,
    createSocket: () => (socket = new FakeSocket()),
  });
  const opened = session._protoo.connect();
  socket.serverOpen();
  await opened;
  const recv = new FakeRecvTransport();
  session.recvTransport = recv;
  return { session, socket, ui, recv };
}

const NEW_CONSUMER = {
  request: true,
  id: 7,
  method: 'newConsumer',
  data: { peerId: 'alice', producerId: 'p1', id: 'c1', kind: 'video', rtpParameters: {}, appData: {}, producerPaused: false },
};
const CONSUMER_CLOSED = { notification: true, method: 'consumerClosed', data: { consumerId: 'c1' } };

function assertClosedAndNotShown({ session, socket, ui, recv }) {
  assert.equal(session.consumers.size, 0, 'no consumer kept');
  assert.equal(recv.created.length, 1);
  assert.equal(recv.created[0].closed, true, 'the browser consumer is closed');
  assert.equal(ui.shown.size, 0, 'nothing shown');
  const response = socket.sent.find((m) => m.response && m.id === NEW_CONSUMER.id);
  assert.ok(response && response.ok, 'newConsumer answered');
}

test('a consumer closed while consume() is still running is closed and never shown', async () => {
  const page = await joinedSession();
  page.socket.serverSend(NEW_CONSUMER);
  await tick();
  page.socket.serverSend(CONSUMER_CLOSED);
  page.recv.finishConsume();
  await tick();
  assertClosedAndNotShown(page);
});

test('a consumer closed right after consume() resolved is closed and no longer shown', async () => {
  const page = await joinedSession();
  page.socket.serverSend(NEW_CONSUMER);
  await tick();
  page.recv.finishConsume();
  await tick();
  assert.equal(page.ui.shown.size, 1);
  page.socket.serverSend(CONSUMER_CLOSED);
  await tick();
  assertClosedAndNotShown(page);
});

test('a consumer the server keeps is shown', async () => {
  const page = await joinedSession();
  page.socket.serverSend(NEW_CONSUMER);
  await tick();
  page.recv.finishConsume();
  await tick();
  assert.equal(page.session.consumers.size, 1);
  assert.deepEqual([...page.ui.shown], ['track-c1']);
  assert.equal(page.recv.created[0].closed, false);
});
