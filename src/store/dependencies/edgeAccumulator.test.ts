import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MINUTE_NANOS, createEdgeAccumulator, minuteOf, rollUp } from './edgeAccumulator.js';

const call = (minute: bigint, ms: bigint, outcome: 'ok' | 'error' | 'fault' | 'throttle' = 'ok') => ({
  parent: 'a', child: 'b', virtual: false, startNanos: minute * MINUTE_NANOS + 5n, durationNanos: ms * 1_000_000n, outcome,
});

test('calls add up per minute and edge, with counts by outcome and min/max latency; drain empties', () => {
  const acc = createEdgeAccumulator();
  acc.add(call(10n, 5n));
  acc.add(call(10n, 9n, 'fault'));
  acc.add(call(10n, 1n, 'throttle'));
  acc.add(call(11n, 3n, 'error'));
  acc.add({ ...call(10n, 2n), virtual: true });
  assert.equal(acc.size, 3);
  const [m10, m11, v] = acc.drain();
  assert.deepEqual([m10?.minute, m10?.calls, m10?.errors, m10?.faults, m10?.throttles, m10?.minNanos, m10?.maxNanos], [10n, 3, 0, 1, 1, 1_000_000n, 9_000_000n]);
  assert.deepEqual([m11?.minute, m11?.calls, m11?.errors], [11n, 1, 1]);
  assert.equal(v?.virtual, true);
  assert.equal(acc.size, 0);
  assert.deepEqual(acc.drain(), []);
});

test('rollUp merges minutes into coarser buckets; minuteOf rounds down, also before 1970', () => {
  const acc = createEdgeAccumulator();
  for (const m of [58n, 59n, 60n, 61n]) acc.add(call(m, m));
  const hours = rollUp(acc.drain(), 60n);
  assert.deepEqual(hours.map((h) => [h.minute, h.calls, h.minNanos, h.maxNanos]), [[0n, 2, 58_000_000n, 59_000_000n], [1n, 2, 60_000_000n, 61_000_000n]]);
  assert.equal([...(hours[0]?.histogram.values() ?? [])].reduce((a, b) => a + b, 0), 2);
  assert.equal(minuteOf(-1n), -1n);
  assert.equal(minuteOf(MINUTE_NANOS), 1n);
});
