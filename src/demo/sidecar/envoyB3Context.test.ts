import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractEnvoyB3 } from './envoyB3Context.js';

const T = '463ac35c9f6413ad48485a3953bb6124';
const S = 'a2fb4a1d1a96d312';
const P = '0020000000000001';

describe('extractEnvoyB3', () => {
  test('reads the multi headers with parent and sampled flag', () => {
    assert.deepEqual(extractEnvoyB3({ 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-parentspanid': P, 'x-b3-sampled': '1' }), { traceId: T, spanId: S, parentId: P, sampled: true });
  });

  test('accepts `true` for sampled and leaves an absent decision undefined', () => {
    assert.deepEqual(extractEnvoyB3({ 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-sampled': 'true' }), { traceId: T, spanId: S, sampled: true });
    assert.deepEqual(extractEnvoyB3({ 'x-b3-traceid': T, 'x-b3-spanid': S }), { traceId: T, spanId: S });
  });

  test('the single b3 header wins over the multi headers', () => {
    const ctx = extractEnvoyB3({ b3: `${T}-${S}-0-${P}`, 'x-b3-traceid': 'ffffffffffffffff', 'x-b3-spanid': 'eeeeeeeeeeeeeeee' });
    assert.deepEqual(ctx, { traceId: T, spanId: S, parentId: P, sampled: false });
  });

  test('no headers means no context; a lone sampling decision is kept', () => {
    assert.deepEqual(extractEnvoyB3({}), { none: true });
    assert.deepEqual(extractEnvoyB3({ 'x-b3-sampled': '0' }), { sampled: false, none: true });
    assert.deepEqual(extractEnvoyB3({ b3: '1' }), { sampled: true, none: true });
  });

  test('malformed ids are reported as malformed, not guessed at', () => {
    assert.equal(extractEnvoyB3({ 'x-b3-traceid': T }), 'malformed');
    assert.equal(extractEnvoyB3({ 'x-b3-traceid': T, 'x-b3-spanid': 'xyz' }), 'malformed');
    assert.equal(extractEnvoyB3({ 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-parentspanid': '-' }), 'malformed');
    assert.equal(extractEnvoyB3({ b3: `${T}-${S}-x` }), 'malformed');
  });
});
