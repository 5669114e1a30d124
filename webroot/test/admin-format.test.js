// Unit tests of the dashboard's formatting: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropRows } from '../src/admin-format.js';

test('drops are summed over rooms in path order', () => {
  const rows = dropRows([
    { drops: { unknown_tuple: 2, srtp_auth: 5 } },
    { drops: { srtp_auth: 1, waiting_for_key_frame: 30 } },
    {},
  ]);
  assert.deepEqual(rows, [['unknown_tuple', 2], ['srtp_auth', 6], ['waiting_for_key_frame', 30]]);
});
