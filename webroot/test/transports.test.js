// Unit tests of the transport set-up both pages share: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { createTransport } from '../src/transports.js';

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
