import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PipelineError } from '../errors.js';
import { encodeSearchCursor } from './searchCursor.js';
import { compileSearchRegex, validateQuery } from './validateQuery.js';

const malformed = (pattern: RegExp) => (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED' && pattern.test(e.message);

test('fills the default limit and decodes the cursor', () => {
  const cursor = encodeSearchCursor({ startNanos: 5n, traceId: 'ab'.repeat(16) });
  assert.deepEqual(validateQuery({ service: 's', cursor }), { service: 's', limit: 20, attributes: [], after: { startNanos: 5n, traceId: 'ab'.repeat(16) } });
  assert.equal(validateQuery({ cursor: '' }).after, undefined);
});

test('refuses bad limits, durations, time ranges, filters and cursors, naming the field', () => {
  assert.throws(() => validateQuery({ limit: 0 }), malformed(/^limit/));
  assert.throws(() => validateQuery({ limit: 1001 }), malformed(/^limit/));
  assert.throws(() => validateQuery({ minDurationNanos: -1n }), malformed(/^minDuration/));
  assert.throws(() => validateQuery({ minDurationNanos: 5n, maxDurationNanos: 4n }), malformed(/^minDuration/));
  assert.throws(() => validateQuery({ startTimeMin: 5n, startTimeMax: 4n }), malformed(/^start/));
  assert.throws(() => validateQuery({ attributes: [{ key: '', op: 'exists' }] }), malformed(/^attributes\[0\]\.key/));
  assert.throws(() => validateQuery({ attributes: [{ key: 'k', op: 'exists' }, { key: 'k', op: 'equals' }] }), malformed(/^attributes\[1\]\.value/));
  assert.throws(() => validateQuery({ attributes: [{ key: 'k', op: 'like' as 'equals', value: 'x' }] }), malformed(/^attributes\[0\]\.op/));
  assert.throws(() => validateQuery({ cursor: 'garbage' }), malformed(/^cursor/));
});

test('regexes: RE2 syntax on a linear-time engine, bounded length and program size', () => {
  assert.ok(compileSearchRegex('^GET /api/v[12]/.*$').test('GET /api/v2/items'));
  assert.ok(compileSearchRegex('(ab)+c').test('ababc'));
  assert.ok(compileSearchRegex('(a|b)?c').test('bc'));
  assert.ok(compileSearchRegex('[(+)]+').test('+'));
  // Shapes that backtrack exponentially elsewhere are plain patterns here, matched in linear time.
  const as = 'a'.repeat(24);
  for (const [shape, onAs, onAsB] of [['(a*){1,99}b', false, true], ['(a{1,30}){1,30}b', false, true], ['(.*a){12}b', false, true], ['(a+)+$', true, false], ['(a|ab)*c', false, false]] as const) {
    const re = compileSearchRegex(shape);
    assert.equal(re.test(as), onAs, shape);
    assert.equal(re.test(`${as}b`), onAsB, shape);
  }
  for (const bad of ['(a)\\1', '(?=a)', '(a{1,100}){1,100}', 'x'.repeat(257), '(', '[z-a]']) {
    assert.throws(() => compileSearchRegex(bad, 'attributes[0].value'), malformed(/^attributes\[0\]\.value/), bad);
  }
});
