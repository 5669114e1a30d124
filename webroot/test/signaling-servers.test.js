// Unit tests of the signaling server list: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signalingServers } from '../src/signaling-servers.js';

test('no parameter means this page\'s own server', () => {
  assert.deepEqual(signalingServers(null), ['']);
  assert.deepEqual(signalingServers(''), ['']);
  assert.deepEqual(signalingServers(' , '), ['']);
});

test('a list keeps its order and drops blanks and trailing slashes', () => {
  assert.deepEqual(signalingServers('http://h1:8080/, http://h2:8080,,'), ['http://h1:8080', 'http://h2:8080']);
});
