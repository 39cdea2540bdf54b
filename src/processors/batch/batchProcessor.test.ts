import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { PipelineError } from '../../errors.js';
import { countSpans } from '../../model/batch.js';
import { spanKey } from '../../model/ids.js';
import type { TraceBatch } from '../../model/span.js';
import type { Consumer } from '../../pipeline/component.js';
import { createTelemetry, type Telemetry } from '../../telemetry/telemetry.js';
import { createBatchProcessor } from './batchProcessor.js';
import type { BatchConfig } from './config.js';
import { spanNames, testBatch, testResource } from '../../../test/processors/batch/testBatches.js';

/** A `next` that records batches and answers each call when the test says so (or at once when `auto`). */
function controlledNext(auto: boolean) {
  const batches: TraceBatch[] = [];
  const answers: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  const consumer: Consumer = {
    consume(batch) {
      batches.push(batch);
      if (auto) return Promise.resolve();
      return new Promise<void>((resolve, reject) => answers.push({ resolve, reject }));
    },
  };
  return { consumer, batches, answers, sizes: () => batches.map(countSpans) };
}

function setup(config: Partial<BatchConfig>, next: Consumer, telemetry: Telemetry = createTelemetry()) {
  const full: BatchConfig = { send_batch_size: 8192, send_batch_max_size: 0, timeout: '1h', ...config };
  return createBatchProcessor({ id: 'batch', logger: pino({ level: 'silent' }), telemetry }, full, next);
}

/** Whether a promise has settled after pending callbacks ran. */
async function isSettled(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  p.then(() => (settled = true), () => (settled = true));
  await tick();
  return settled;
}

async function refusedSpans(telemetry: Telemetry): Promise<number> {
  const metric = await telemetry.registry.getSingleMetric('spanbridge_processor_refused_spans_total')?.get();
  return metric?.values.find((v) => v.labels.processor === 'batch')?.value ?? 0;
}

void describe('batch processor', () => {
  void test('holds spans until send_batch_size is reached, then sends them together', async () => {
    const next = controlledNext(true);
    const p = setup({ send_batch_size: 10 }, next.consumer);
    const first = p.consume(testBatch(4, 'a'));
    const second = p.consume(testBatch(4, 'b'));
    assert.equal(await isSettled(first), false);
    assert.deepEqual(next.sizes(), []);
    const third = p.consume(testBatch(4, 'c'));
    await Promise.all([first, second, third]);
    assert.deepEqual(next.sizes(), [12]);
    // One resource, so the three calls were merged into one ResourceSpans.
    assert.equal(next.batches[0]!.resourceSpans.length, 1);
    assert.deepEqual(spanNames(next.batches[0]!).slice(0, 5), ['a0', 'a1', 'a2', 'a3', 'b0']);
    await p.shutdown();
  });

  void test('splits at send_batch_max_size and keeps a remainder below send_batch_size for later', async () => {
    const next = controlledNext(true);
    const p = setup({ send_batch_size: 10, send_batch_max_size: 10 }, next.consumer);
    const done = p.consume(testBatch(25));
    await tick();
    assert.deepEqual(next.sizes(), [10, 10]);
    assert.equal(await isSettled(done), false, 'five spans are still held');
    await p.shutdown();
    await done;
    assert.deepEqual(next.sizes(), [10, 10, 5]);
    assert.deepEqual(next.batches.flatMap(spanNames), Array.from({ length: 25 }, (_, i) => `s${i}`));
  });

  void test('sends what is held when the timeout fires', async () => {
    const next = controlledNext(true);
    const p = setup({ send_batch_size: 1000, timeout: '10ms' }, next.consumer);
    await p.consume(testBatch(3));
    assert.deepEqual(next.sizes(), [3]);
    await p.shutdown();
  });

  void test('many small calls and a split large one keep their order', async () => {
    const next = controlledNext(true);
    const p = setup({ send_batch_size: 1100, send_batch_max_size: 1100 }, next.consumer);
    const calls = Array.from({ length: 1099 }, (_, i) => p.consume(testBatch(1, `c${i}-`)));
    calls.push(p.consume(testBatch(1000, 'big')));
    await Promise.all(calls.slice(0, 1099));
    assert.deepEqual(next.sizes(), [1100]);
    await p.shutdown();
    await Promise.all(calls);
    assert.deepEqual(next.sizes(), [1100, 999]);
    const expected = [...Array.from({ length: 1099 }, (_, i) => `c${i}-0`), ...Array.from({ length: 1000 }, (_, i) => `big${i}`)];
    assert.deepEqual(next.batches.flatMap(spanNames), expected);
    assert.equal(next.batches[0]!.resourceSpans.length, 1, 'equal resources were merged');
  });

  void test('timeout 0 sends every call at once, split by send_batch_max_size', async () => {
    const next = controlledNext(true);
    const p = setup({ send_batch_size: 100, send_batch_max_size: 4, timeout: '0' }, next.consumer);
    await p.consume(testBatch(3));
    await p.consume(testBatch(6));
    assert.deepEqual(next.sizes(), [3, 4, 2]);
    await p.shutdown();
  });

  void test('resolves only after next accepted the batch', async () => {
    const next = controlledNext(false);
    const p = setup({ send_batch_size: 2 }, next.consumer);
    const done = p.consume(testBatch(2));
    await tick();
    assert.equal(next.batches.length, 1);
    assert.equal(await isSettled(done), false);
    next.answers[0]!.resolve();
    await done;
    await p.shutdown();
  });

  void test('rejects every call whose spans were in a refused batch, with next\'s error', async () => {
    const next = controlledNext(false);
    const p = setup({ send_batch_size: 4 }, next.consumer);
    const a = p.consume(testBatch(2, 'a'));
    const b = p.consume(testBatch(2, 'b'));
    await tick();
    const refusal = new PipelineError('SB_EXPORT_FAILED', 'downstream is down');
    next.answers[0]!.reject(refusal);
    await assert.rejects(a, (e) => e === refusal);
    await assert.rejects(b, (e) => e === refusal);
    await p.shutdown();
  });

  void test('a call split over several batches rejects when any of them is refused', async () => {
    const next = controlledNext(false);
    const p = setup({ send_batch_size: 5, send_batch_max_size: 5 }, next.consumer);
    const done = p.consume(testBatch(10));
    await tick();
    assert.equal(next.answers.length, 2);
    next.answers[0]!.resolve();
    assert.equal(await isSettled(done), false);
    const refusal = new PipelineError('SB_QUEUE_FULL', 'full');
    next.answers[1]!.reject(refusal);
    await assert.rejects(done, (e) => e === refusal);
    await p.shutdown();
  });

  void test('a next that throws synchronously rejects the call instead of crashing', async () => {
    const p = setup({ timeout: '0' }, {
      consume() {
        throw new PipelineError('SB_EXPORT_REJECTED', 'bad');
      },
    });
    await assert.rejects(p.consume(testBatch(1)), { code: 'SB_EXPORT_REJECTED' });
    await p.shutdown();
  });

  void test('shutdown flushes what is held, waits for next, then refuses new data', async () => {
    const next = controlledNext(false);
    const p = setup({ send_batch_size: 100 }, next.consumer);
    const done = p.consume(testBatch(7));
    const stopped = p.shutdown();
    await tick();
    assert.deepEqual(next.sizes(), [7]);
    assert.equal(await isSettled(stopped), false, 'shutdown waits for the answer');
    next.answers[0]!.resolve();
    await stopped;
    await done;
    await assert.rejects(p.consume(testBatch(1)), { code: 'SB_SHUTTING_DOWN' });
  });

  void test('refuses with SB_QUEUE_FULL once ten batch sizes are waiting, and accepts again after they drain', async () => {
    const telemetry = createTelemetry();
    const next = controlledNext(false);
    const p = setup({ send_batch_size: 2, timeout: '0' }, next.consumer, telemetry);
    const accepted = Array.from({ length: 10 }, () => p.consume(testBatch(2)));
    await tick();
    assert.equal(next.answers.length, 10);
    await assert.rejects(p.consume(testBatch(1)), (e) => e instanceof PipelineError && e.code === 'SB_QUEUE_FULL' && e.retryAfterMillis !== undefined);
    assert.equal(await refusedSpans(telemetry), 1);
    for (const a of next.answers) a.resolve();
    await Promise.all(accepted);
    const after = p.consume(testBatch(2));
    await tick();
    next.answers[10]!.resolve();
    await after;
    await p.shutdown();
  });

  void test('an oversized call is admitted when nothing is waiting', async () => {
    const next = controlledNext(true);
    const p = setup({ send_batch_size: 2, timeout: '0' }, next.consumer);
    await p.consume(testBatch(50));
    assert.deepEqual(next.sizes(), [50]);
    await p.shutdown();
  });

  void test('empty batches are acknowledged without being passed on', async () => {
    const next = controlledNext(true);
    const p = setup({ timeout: '0' }, next.consumer);
    await p.consume({ resourceSpans: [] });
    await p.consume(testBatch(0, 'x', testResource('empty')));
    assert.equal(next.batches.length, 0);
    await p.shutdown();
  });

  void test('a partial refusal (refusedSpans) fails only the calls that sent those spans', async () => {
    const next = controlledNext(false);
    const p = setup({ send_batch_size: 9 }, next.consumer);
    // Each span its own id (the helper's spans share one): refusals name spans by trace and span id.
    const ids = (b: TraceBatch, first: number): TraceBatch => {
      b.resourceSpans[0]!.scopeSpans[0]!.spans.forEach((s, i) => (s.spanId = (first + i + 1).toString(16).padStart(16, '0')));
      return b;
    };
    const good = p.consume(ids(testBatch(4, 'a'), 0));
    const bad = p.consume(ids(testBatch(1, 'poison'), 4));
    const alsoGood = p.consume(ids(testBatch(4, 'b'), 5));
    await tick();
    const poison = next.batches[0]!.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)).filter((s) => s.name === 'poison0');
    assert.equal(poison.length, 1);
    next.answers[0]!.reject(new PipelineError('SB_MALFORMED', 'cannot store poison0', { refusedSpans: new Set(poison.map((s) => spanKey(s.traceId, s.spanId))) }));
    await good;
    await alsoGood;
    await assert.rejects(bad, /cannot store poison0/);
    await p.shutdown();
  });

  void test('a partial refusal naming a span it was not sent fails every call', async () => {
    const next = controlledNext(false);
    const p = setup({ send_batch_size: 5 }, next.consumer);
    const first = p.consume(testBatch(4, 'a'));
    const second = p.consume(testBatch(1, 'b'));
    await tick();
    next.answers[0]!.reject(new PipelineError('SB_MALFORMED', 'refused another span', { refusedSpans: new Set([spanKey('f'.repeat(32), 'e'.repeat(16))]) }));
    await assert.rejects(first, /refused another span/);
    await assert.rejects(second, /refused another span/);
    await p.shutdown();
  });

  void test('tenants never share a batch: each has its own buffer, and its batches carry its tenant', async () => {
    const next = controlledNext(true);
    const p = setup({ send_batch_size: 4 }, next.consumer);
    const tenanted = (n: number, prefix: string, tenant: string): TraceBatch => ({ ...testBatch(n, prefix), tenant });
    const calls = [p.consume(tenanted(3, 'a', 'acme')), p.consume(tenanted(3, 'g', 'globex')), p.consume(testBatch(1, 'u'))];
    await tick();
    assert.equal(next.batches.length, 0, 'no tenant has reached send_batch_size; the three are not mixed to reach it');
    calls.push(p.consume(tenanted(1, 'b', 'acme')));
    await tick();
    assert.equal(next.batches.length, 1);
    assert.equal(next.batches[0]?.tenant, 'acme');
    assert.deepEqual(spanNames(next.batches[0]!), ['a0', 'a1', 'a2', 'b0']);
    await p.shutdown();
    await Promise.all(calls);
    const byTenant = new Map(next.batches.map((b) => [b.tenant, spanNames(b)]));
    assert.deepEqual(byTenant.get('globex'), ['g0', 'g1', 'g2']);
    assert.deepEqual(byTenant.get(undefined), ['u0']);
    await assert.rejects(p.consume(tenanted(1, 'late', 'initech')), (e) => e instanceof PipelineError && e.code === 'SB_SHUTTING_DOWN');
  });
});
