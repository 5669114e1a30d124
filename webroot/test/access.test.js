// Unit tests of the page's room-token handling: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refusalBanner, tokenClaims, UNAUTHORIZED, FORBIDDEN } from '../src/access.js';

const b64url = (obj) => Buffer.from(JSON.stringify(obj)).toString('base64url');

test('tokenClaims reads a JWT payload and rejects what is not one', () => {
  const token = `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'alice', room: 'r1', name: 'Alice' })}.sig`;
  assert.deepEqual(tokenClaims(token), { sub: 'alice', room: 'r1', name: 'Alice' });
  assert.equal(tokenClaims('nope'), null);
  assert.equal(tokenClaims('a.%%%.c'), null);
  assert.equal(tokenClaims(null), null);
});

test('refusalBanner tells missing, expired and refused tokens apart', () => {
  assert.equal(refusalBanner({ code: 4000, reason: 'replaced' }, true), null);
  assert.equal(refusalBanner({ code: 4429, reason: 'too many connections' }, true), null);
  assert.equal(refusalBanner({ code: UNAUTHORIZED, reason: 'token missing: …' }, false).kind, 'missing');
  assert.equal(refusalBanner({ code: UNAUTHORIZED, reason: 'token expired: ask' }, true).kind, 'expired');
  const bad = refusalBanner({ code: UNAUTHORIZED, reason: 'token invalid: bad signature' }, true);
  assert.equal(bad.kind, 'refused');
  assert.match(bad.reason, /signature/);
  assert.equal(refusalBanner({ code: FORBIDDEN, reason: "token refused: it is for room 'a'" }, true).kind, 'refused');
});
