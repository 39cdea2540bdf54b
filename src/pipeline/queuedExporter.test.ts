import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { PipelineError } from '../errors.js';
import type { TraceBatch } from '../model/span.js';
import { createTelemetry } from '../telemetry/telemetry.js';
import { createQueuedExporter, type ExporterHelperConfig, type Sender } from './queuedExporter.js';
import { createMemoryQueue } from './queue.js';

function batchOf(spans: number): TraceBatch {
  const span = { traceId: '1'.repeat(32), spanId: '2'.repeat(16), parentSpanId: '', traceState: '', flags: 0, name: 's', kind: 1 as const, startTimeUnixNano: 1n, endTimeUnixNano: 2n, attributes: new Map(), droppedAttributesCount: 0, events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: 0 as const, message: '' } };
  return { resourceSpans: [{ schemaUrl: '', resource: { attributes: new Map(), droppedAttributesCount: 0 }, scopeSpans: [{ schemaUrl: '', scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, spans: Array.from({ length: spans }, () => ({ ...span })) }] }] };
}

const fastRetry = { enabled: true, initial_interval: '1ms', randomization_factor: 0, multiplier: 2, max_interval: '4ms', max_elapsed_time: '2s' };
function config(over: Partial<ExporterHelperConfig> = {}): ExporterHelperConfig {
  return { timeout: '1s', sending_queue: { enabled: true, num_consumers: 1, queue_size: 10 }, retry_on_failure: fastRetry, ...over };
}
const settings = () => ({ id: 'test', logger: pino({ level: 'silent' }), telemetry: createTelemetry() });

describe('memory queue', () => {
  test('is bounded by weight and drains after close', async () => {
    const q = createMemoryQueue<string>(10);
    assert.ok(q.offer('a', 6));
    assert.ok(!q.offer('b', 6));
    assert.ok(q.offer('c', 4));
    q.close();
    assert.ok(!q.offer('d', 1));
    assert.equal(await q.take(), 'a');
    assert.equal(await q.take(), 'c');
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
    const exp = createQueuedExporter(s, config({ sending_queue: { enabled: true, num_consumers: 1, queue_size: 5 } }), { send: () => blocked });
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
    const exp = createQueuedExporter(s, config({ sending_queue: { enabled: false, num_consumers: 1, queue_size: 1 } }), {
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
