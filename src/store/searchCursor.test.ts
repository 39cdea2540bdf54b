import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PipelineError } from '../errors.js';
import { decodeSearchCursor, encodeSearchCursor, isAfter } from './searchCursor.js';

test('a cursor round-trips and is opaque URL-safe text', () => {
  const p = { startNanos: 1_700_000_000_123_456_789n, traceId: '0af7651916cd43dd8448eb211c80319c' };
  const c = encodeSearchCursor(p);
  assert.match(c, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeSearchCursor(c), p);
  assert.throws(() => decodeSearchCursor(Buffer.from('12:xyz').toString('base64url')), (e) => e instanceof PipelineError && e.code === 'SB_MALFORMED');
});

test('isAfter orders newest first by start, then by trace id descending', () => {
  const p = { startNanos: 10n, traceId: '5'.repeat(32) };
  assert.equal(isAfter(p, 9n, 'f'.repeat(32)), true);
  assert.equal(isAfter(p, 10n, '4'.repeat(32)), true);
  assert.equal(isAfter(p, 10n, '5'.repeat(32)), false);
  assert.equal(isAfter(p, 11n, '0'.repeat(32)), false);
});
