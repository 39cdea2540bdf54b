import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countSpans } from '../../src/model/batch.js';
import { BOOKINFO_SPANS_PER_TRACE, bookinfoBatches } from './bookinfoTraces.js';

test('bookinfoBatches is deterministic per seed and gives whole traces, one ResourceSpans per service', () => {
  const options = { traces: 10, tracesPerBatch: 4, startNanos: 1_700_000_000_000_000_000n, intervalNanos: 1_000_000_000n, seed: 3 };
  const a = [...bookinfoBatches(options)];
  assert.deepEqual(a, [...bookinfoBatches(options)]);
  assert.notDeepEqual(a, [...bookinfoBatches({ ...options, seed: 4 })]);
  assert.deepEqual(a.map(countSpans), [4, 4, 2].map((n) => n * BOOKINFO_SPANS_PER_TRACE));
  assert.deepEqual(a[0]?.resourceSpans.map((rs) => rs.resource.attributes.get('service.name')), ['productpage', 'details', 'reviews', 'ratings']);
  const spans = a.flatMap((b) => b.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)));
  assert.equal(new Set(spans.map((s) => s.traceId)).size, 10);
  for (const s of spans) assert.ok(s.endTimeUnixNano >= s.startTimeUnixNano);
});
