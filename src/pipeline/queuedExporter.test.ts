import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pino } from 'pino';
import { PipelineError } from '../errors.js';
import type { TraceBatch } from '../model/span.js';
import { createTelemetry } from '../telemetry/telemetry.js';
import { createQueuedExporter, type ExporterHelperConfig, type Sender } from './queuedExporter.js';
import type { Host } from './component.js';
import { DEAD_LETTER_FOLDER, QUEUE_FOLDER } from './fileQueue.js';
import { createMemoryQueue } from './queue.js';

function batchOf(spans: number): TraceBatch {
  const span = { traceId: '1'.repeat(32), spanId: '2'.repeat(16), parentSpanId: '', traceState: '', flags: 0, name: 's', kind: 1 as const, startTimeUnixNano: 1n, endTimeUnixNano: 2n, attributes: new Map(), droppedAttributesCount: 0, events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: 0 as const, message: '' } };
  return { resourceSpans: [{ schemaUrl: '', resource: { attributes: new Map(), droppedAttributesCount: 0 }, scopeSpans: [{ schemaUrl: '', scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, spans: Array.from({ length: spans }, () => ({ ...span })) }] }] };
}

const fastRetry = { enabled: true, initial_interval: '1ms', randomization_factor: 0, multiplier: 2, max_interval: '4ms', max_elapsed_time: '2s' };
const QUEUE = { enabled: true, num_consumers: 1, queue_size: 10, max_size_bytes: 1 << 20, dead_letter_max_size_bytes: 1 << 20 };
function config(over: Partial<ExporterHelperConfig> = {}): ExporterHelperConfig {
  return { timeout: '1s', sending_queue: { ...QUEUE, queue_size: 10 }, retry_on_failure: fastRetry, ...over };
}
const settings = () => ({ id: 'test', logger: pino({ level: 'silent' }), telemetry: createTelemetry() });

describe('memory queue', () => {
  test('is bounded by weight and drains after close', async () => {
    const q = createMemoryQueue<string>(10);
    assert.ok(await q.offer('a', 6));
    assert.ok(!(await q.offer('b', 6)));
    assert.ok(await q.offer('c', 4));
    q.close();
    assert.ok(!(await q.offer('d', 1)));
    assert.equal((await q.take())?.item, 'a');
    assert.equal((await q.take())?.item, 'c');
    assert.equal(await q.take(), undefined);
  });
});

describe('queued exporter', () => {
  test('delivers, retries retryable failures and counts sent spans', async () => {
    const s = settings();
    let attempts = 0;
    const delivered: number[] = [];
    const sender: Sender = {
      async send(b) {
        if (++attempts === 1) throw new PipelineError('SB_EXPORT_FAILED', 'flaky');
        delivered.push(b.resourceSpans[0]?.scopeSpans[0]?.spans.length ?? 0);
      },
    };
    const exp = createQueuedExporter(s, config(), sender);
    await exp.start({ logger: s.logger, telemetry: s.telemetry });
    await exp.consume(batchOf(3));
    await exp.shutdown();
    assert.deepEqual(delivered, [3]);
    assert.match(await s.telemetry.registry.metrics(), /spanbridge_exporter_sent_spans_total\{exporter="test"\} 3/);
  });

  test('refuses with SB_QUEUE_FULL when the queue is full, and counts it', async () => {
    const s = settings();
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const exp = createQueuedExporter(s, config({ sending_queue: { ...QUEUE, queue_size: 5 } }), { send: () => blocked });
    await exp.start({ logger: s.logger, telemetry: s.telemetry });
    await exp.consume(batchOf(5)); // taken by the worker, which blocks
    await new Promise((r) => setImmediate(r));
    await exp.consume(batchOf(5)); // waits in the queue
    await assert.rejects(exp.consume(batchOf(1)), (e: unknown) => e instanceof PipelineError && e.code === 'SB_QUEUE_FULL' && e.kind === 'retryable');
    release();
    await exp.shutdown();
    assert.match(await s.telemetry.registry.metrics(), /spanbridge_exporter_enqueue_failed_spans_total\{exporter="test"\} 1/);
  });

  test('without a queue, consume waits for delivery and reports permanent failures', async () => {
    const s = settings();
    const exp = createQueuedExporter(s, config({ sending_queue: { ...QUEUE, enabled: false, queue_size: 1 } }), {
      async send() {
        throw new PipelineError('SB_EXPORT_REJECTED', 'bad request');
      },
    });
    await exp.start({ logger: s.logger, telemetry: s.telemetry });
    await assert.rejects(exp.consume(batchOf(2)), /bad request/);
    await exp.shutdown();
    assert.match(await s.telemetry.registry.metrics(), /spanbridge_exporter_send_failed_spans_total\{exporter="test"\} 2/);
  });
});

describe('queued exporter with a persistent queue', () => {
  const folders: string[] = [];
  after(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));
  async function hostWithStorage(s: ReturnType<typeof settings>): Promise<{ host: Host; dir: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'spanbridge-qe-'));
    folders.push(dir);
    return { dir, host: { logger: s.logger, telemetry: s.telemetry, storage: (id) => (id === 'file_storage' ? { fsync: true, directoryFor: async () => dir } : undefined) } };
  }
  const stored = (over: Partial<ExporterHelperConfig> = {}) => config({ sending_queue: { ...QUEUE, storage: 'file_storage' }, ...over });

  test('keeps a batch the backend refused for good as a dead letter, counted', async () => {
    const s = settings();
    const { host, dir } = await hostWithStorage(s);
    const exp = createQueuedExporter(s, stored(), { send: async () => Promise.reject(new PipelineError('SB_EXPORT_REJECTED', 'no')) });
    await exp.start(host);
    await exp.consume(batchOf(3));
    await exp.shutdown();
    assert.equal((await readdir(join(dir, DEAD_LETTER_FOLDER))).length, 1);
    assert.deepEqual(await readdir(join(dir, QUEUE_FOLDER)), []);
    assert.match(await s.telemetry.registry.metrics(), /spanbridge_exporter_dead_letter_spans_total\{exporter="test"\} 3/);
  });

  test('a shutdown with the backend down keeps the queue, and the next start sends it', async () => {
    const s = settings();
    const { host, dir } = await hostWithStorage(s);
    const down = createQueuedExporter(s, stored({ timeout: '10ms', retry_on_failure: { ...fastRetry, max_elapsed_time: '1h' } }), { send: async () => Promise.reject(new PipelineError('SB_EXPORT_FAILED', 'down')) });
    await down.start(host);
    await down.consume(batchOf(2));
    await down.consume(batchOf(1));
    await down.shutdown();
    assert.equal((await readdir(join(dir, QUEUE_FOLDER))).length, 2);
    assert.deepEqual(await readdir(join(dir, DEAD_LETTER_FOLDER)), [], 'interrupted by shutdown is not given up on');

    const delivered: number[] = [];
    let done!: () => void;
    const both = new Promise<void>((r) => (done = r));
    const up = createQueuedExporter(s, stored(), {
      send: async (b) => {
        delivered.push(b.resourceSpans[0]?.scopeSpans[0]?.spans.length ?? 0);
        if (delivered.length === 2) done();
      },
    });
    await up.start(host);
    await both;
    await up.shutdown();
    assert.deepEqual(delivered, [2, 1]);
    assert.deepEqual(await readdir(join(dir, QUEUE_FOLDER)), []);
  });

  test('refuses with SB_CONFIG at start when the storage is not running', async () => {
    const s = settings();
    const exp = createQueuedExporter(s, stored(), { send: async () => undefined });
    await assert.rejects(exp.start({ logger: s.logger, telemetry: s.telemetry }), (e: unknown) => e instanceof PipelineError && e.code === 'SB_CONFIG');
  });
});
