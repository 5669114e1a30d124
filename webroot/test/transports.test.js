// Unit tests of the transport set-up both pages share: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { ConsumerSetups, createTransport } from '../src/transports.js';

// mediasoup-client's Transport emits 'connect' and 'produce' with (data, callback, errback).
class FakeTransport extends EventEmitter {
  constructor(direction, options) {
    super();
    this.direction = direction;
    this.options = options;
    this.id = options.id;
  }
  ask(event, data) {
    return new Promise((resolve, reject) => this.emit(event, data, resolve, reject));
  }
}

const fakeDevice = {
  createSendTransport: (options) => new FakeTransport('send', options),
  createRecvTransport: (options) => new FakeTransport('recv', options),
};

// Answers like the server: records every request.
function fakeServer() {
  const requests = [];
  const request = async (method, data) => {
    requests.push({ method, data });
    switch (method) {
      case 'createWebRtcTransport':
        return { id: 't1', iceParameters: { usernameFragment: 'u' }, iceCandidates: [], dtlsParameters: { role: 'auto' } };
      case 'connectWebRtcTransport':
        return {};
      case 'produce':
        return { id: 'producer-1' };
      default:
        throw new Error(`unexpected ${method}`);
    }
  };
  return { requests, request };
}

test('a send transport is created, connected and produces through protoo', async () => {
  const server = fakeServer();
  const transport = await createTransport({
    request: server.request,
    device: fakeDevice,
    direction: 'send',
    requestData: { sctpCapabilities: false },
    transportOptions: { iceTransportPolicy: 'all' },
  });
  assert.equal(transport.direction, 'send');
  assert.deepEqual(server.requests[0], {
    method: 'createWebRtcTransport',
    data: { forceTcp: false, producing: true, consuming: false, sctpCapabilities: false },
  });
  assert.equal(transport.options.iceTransportPolicy, 'all');
  assert.equal(transport.options.sctpParameters, undefined);
  assert.deepEqual(transport.options.iceServers, []);

  await transport.ask('connect', { dtlsParameters: { role: 'client', fingerprints: [] } });
  assert.deepEqual(server.requests[1], {
    method: 'connectWebRtcTransport',
    data: { transportId: 't1', dtlsParameters: { role: 'client', fingerprints: [] } },
  });
  const produced = await transport.ask('produce', { kind: 'audio', rtpParameters: { codecs: [] }, appData: { source: 'mic' } });
  assert.deepEqual(produced, { id: 'producer-1' });
  assert.deepEqual(server.requests[2].data, {
    transportId: 't1',
    kind: 'audio',
    rtpParameters: { codecs: [] },
    appData: { source: 'mic' },
  });
});

test('a receive transport does not produce, and the check can stop the set-up', async () => {
  const server = fakeServer();
  const recv = await createTransport({ request: server.request, device: fakeDevice, direction: 'recv' });
  assert.equal(recv.direction, 'recv');
  assert.equal(recv.listenerCount('produce'), 0);
  assert.equal(server.requests[0].data.producing, false);
  assert.equal(server.requests[0].data.consuming, true);
  await assert.rejects(
    createTransport({
      request: server.request,
      device: { createRecvTransport: () => assert.fail('no transport after a failed check') },
      direction: 'recv',
      check: () => {
        throw new Error('moved');
      },
    }),
    /moved/,
  );
});

test('a refused connect reaches mediasoup-client as an error', async () => {
  const transport = await createTransport({
    request: async (method) => {
      if (method === 'connectWebRtcTransport') throw new Error('only a sha-1 fingerprint was signalled');
      return { id: 't2' };
    },
    device: fakeDevice,
    direction: 'recv',
  });
  await assert.rejects(transport.ask('connect', { dtlsParameters: {} }), /sha-1/);
});

// ConsumerSetups, used by both pages: whatever the order of consume() resolving
// and the server's consumerClosed, a closed consumer ends closed and unreturned.
class SlowRecvTransport {
  constructor() {
    this.created = [];
    this._pending = [];
  }
  consume(options) {
    return new Promise((resolve) => {
      this._pending.push(() => {
        const consumer = { ...options, closed: false, close() { this.closed = true; } };
        this.created.push(consumer);
        resolve(consumer);
      });
    });
  }
  finish() {
    this._pending.shift()();
  }
}

const DATA = { peerId: 'alice', producerId: 'p1', id: 'c1', kind: 'audio', rtpParameters: {}, appData: { source: 'mic' } };

test('consume passes the newConsumer data with a per-peer stream id', async () => {
  const setups = new ConsumerSetups();
  const recv = new SlowRecvTransport();
  const pending = setups.consume(recv, DATA);
  recv.finish();
  const consumer = await pending;
  assert.equal(consumer.streamId, 'alice-mic-webcam');
  assert.deepEqual(consumer.appData, { source: 'mic', peerId: 'alice' });
  assert.equal(consumer.closed, false);
  // Once set up, a consumerClosed is the page's own business.
  assert.equal(setups.closed('c1'), false);
});

test('a consumer closed before consume() resolves is closed and not returned', async () => {
  const setups = new ConsumerSetups();
  const recv = new SlowRecvTransport();
  const pending = setups.consume(recv, DATA);
  assert.equal(setups.closed('c1'), true);
  recv.finish();
  assert.equal(await pending, null);
  assert.equal(recv.created[0].closed, true);
});

test('a peer closed, or a teardown, during set-up voids its consumers only', async () => {
  const setups = new ConsumerSetups();
  const recv = new SlowRecvTransport();
  const alice = setups.consume(recv, DATA);
  const carol = setups.consume(recv, { ...DATA, id: 'c2', peerId: 'carol' });
  setups.peerClosed('alice');
  recv.finish();
  recv.finish();
  assert.equal(await alice, null);
  assert.equal((await carol).id, 'c2');
  const dave = setups.consume(recv, { ...DATA, id: 'c3', peerId: 'dave' });
  setups.clear();
  recv.finish();
  assert.equal(await dave, null);
  assert.equal(recv.created[2].closed, true);
});
