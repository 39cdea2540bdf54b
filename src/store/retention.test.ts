import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { SpanKind } from '../model/span.js';
import { eventually } from '../../test/store/conformance/conformanceKit.js';
import { startRetention } from './retention.js';
import { createSqliteStore } from './sqlite/createSqliteStore.js';
import { testBatch } from '../../test/store/testSpans.js';

const DAY_MS = 86_400_000;
const nanos = (ms: number) => BigInt(ms) * 1_000_000n;

function captureLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const traceId = (n: number) => n.toString(16).padStart(32, 'c');

function traceAt(n: number, startMs: number) {
  return testBatch([{ service: 's', traceId: traceId(n), spanId: '1'.padStart(16, '0'), name: 'op', kind: SpanKind.SERVER, startNanos: nanos(startMs), durationNanos: 1_000_000n }]);
}

test('deletes traces older than the retention at start and on every interval, until stopped', async () => {
  const store = createSqliteStore({ path: ':memory:' });
  const { logger, lines } = captureLogger();
  const cutoffs: bigint[] = [];
  const counting = { deleteBefore: (c: bigint) => (cutoffs.push(c), store.deleteBefore(c)) };
  try {
    const now = Date.now();
    await store.write(traceAt(1, now - 2 * DAY_MS));
    await store.write(traceAt(2, now));
    const retention = startRetention(counting, { retentionMillis: DAY_MS, intervalMillis: 20 }, logger);
    const gone = (n: number) => async () => ((await store.getTraceSummary(traceId(n))) === undefined ? true : undefined);
    await eventually('the old trace to go', gone(1));
    assert.ok((await store.getTraceSummary(traceId(2))) !== undefined);
    const first = cutoffs[0] ?? 0n;
    assert.ok(first >= nanos(now - DAY_MS) && first <= nanos(Date.now() - DAY_MS), 'cutoff is now minus the retention');
    await store.write(traceAt(3, now - 3 * DAY_MS));
    await eventually('a later run', gone(3));
    // The run logs once it has finished, which is after its deletions are visible.
    await eventually('the run to log what it deleted', async () => (lines.some((l) => l.includes('retention deleted old traces')) ? true : undefined));

    retention.stop();
    const runs = cutoffs.length;
    await store.write(traceAt(4, now - 3 * DAY_MS));
    await sleep(150);
    assert.equal(cutoffs.length, runs, 'no run after stop');
    assert.ok((await store.getTraceSummary(traceId(4))) !== undefined);
  } finally {
    await store.close();
  }
});

test('a failed run is logged and the next one tries again', async () => {
  const { logger, lines } = captureLogger();
  let calls = 0;
  const flaky = {
    deleteBefore: async () => {
      calls++;
      if (calls === 1) throw new Error('disk on fire');
      return 0;
    },
  };
  const retention = startRetention(flaky, { retentionMillis: DAY_MS, intervalMillis: 10 }, logger);
  try {
    await eventually('a second run', async () => (calls >= 2 ? true : undefined));
    assert.ok(lines.some((l) => l.includes('retention run failed') && l.includes('disk on fire')));
  } finally {
    retention.stop();
  }
});
