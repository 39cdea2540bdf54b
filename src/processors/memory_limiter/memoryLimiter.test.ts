import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { PipelineError } from '../../errors.js';
import type { Span, TraceBatch } from '../../model/span.js';
import type { Consumer } from '../../pipeline/component.js';
import { createTelemetry, type Telemetry } from '../../telemetry/telemetry.js';
import type { MemoryLimiterConfig } from './config.js';
import { createMemoryLimiter, type MemoryLimiterOptions } from './memoryLimiter.js';

const MIB = 1024 * 1024;

function twoSpans(): TraceBatch {
  const span = (spanId: string): Span => ({
    traceId: '0af7651916cd43dd8448eb211c80319c', spanId, parentSpanId: '', traceState: '', flags: 1, name: 'op', kind: 1,
    startTimeUnixNano: 1n, endTimeUnixNano: 2n, attributes: new Map(), droppedAttributesCount: 0,
    events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: 0, message: '' },
  });
  return {
    resourceSpans: [{
      schemaUrl: '', resource: { attributes: new Map(), droppedAttributesCount: 0 },
      scopeSpans: [{ schemaUrl: '', scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, spans: [span('0000000000000001'), span('0000000000000002')] }],
    }],
  };
}

/** A memory reader the test sets, which also lets the test wait for the limiter's next check. */
function fakeMemory(initialMiB: number) {
  let usedBytes = initialMiB * MIB;
  let reads = 0;
  let waiter: (() => void) | undefined;
  return {
    read: () => {
      reads++;
      const w = waiter;
      waiter = undefined;
      w?.();
      return usedBytes;
    },
    set(miB: number) {
      usedBytes = miB * MIB;
    },
    get reads() {
      return reads;
    },
    /**
     * Resolves once the limiter has read memory again (its state is updated in the same turn). The limiter's timer is
     * unref'd, so a ref'd one keeps the event loop alive meanwhile.
     */
    nextCheck: () =>
      new Promise<void>((resolve) => {
        const keepAlive = setInterval(() => {}, 60_000);
        waiter = () => {
          clearInterval(keepAlive);
          resolve();
        };
      }),
  };
}

function setup(config: Partial<MemoryLimiterConfig>, options: MemoryLimiterOptions, telemetry: Telemetry = createTelemetry()) {
  const logs: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const passed: TraceBatch[] = [];
  const next: Consumer = { consume: async (b) => void passed.push(b) };
  const full: MemoryLimiterConfig = { check_interval: '2ms', limit_mib: 100, spike_limit_mib: 20, max_in_flight_spans: 0, max_ack_wait: '0', ...config };
  const limiter = createMemoryLimiter({ id: 'memory_limiter', logger, telemetry }, full, next, options);
  return { limiter, logs, passed };
}

async function refusedSpans(telemetry: Telemetry): Promise<number> {
  const metric = await telemetry.registry.getSingleMetric('spanbridge_processor_refused_spans_total')?.get();
  return metric?.values.find((v) => v.labels.processor === 'memory_limiter')?.value ?? 0;
}

void describe('memory_limiter', () => {
  void test('passes data on while memory use is at or below the soft limit', async () => {
    const mem = fakeMemory(80); // soft limit = 100 - 20 = 80 MiB
    const { limiter, passed } = setup({}, { readMemoryBytes: mem.read });
    await limiter.start({ logger: pino({ level: 'silent' }), telemetry: createTelemetry() });
    await limiter.consume(twoSpans());
    assert.equal(passed.length, 1);
    await limiter.shutdown();
  });

  void test('refuses above the soft limit, counts the refusal, logs once, and recovers', async () => {
    const telemetry = createTelemetry();
    const mem = fakeMemory(81);
    const { limiter, logs, passed } = setup({}, { readMemoryBytes: mem.read }, telemetry);
    await limiter.start({ logger: pino({ level: 'silent' }), telemetry });
    await assert.rejects(limiter.consume(twoSpans()), (e) => e instanceof PipelineError && e.code === 'SB_MEMORY_LIMIT' && e.kind === 'retryable' && e.retryAfterMillis === 2);
    assert.equal(passed.length, 0);
    assert.equal(await refusedSpans(telemetry), 2);
    // Further checks while still over the limit do not log again.
    await mem.nextCheck();
    await mem.nextCheck();
    await assert.rejects(limiter.consume(twoSpans()), { code: 'SB_MEMORY_LIMIT' });
    assert.equal(await refusedSpans(telemetry), 4);
    mem.set(50);
    await mem.nextCheck();
    await limiter.consume(twoSpans());
    assert.equal(passed.length, 1);
    await mem.nextCheck();
    await limiter.shutdown();
    assert.deepEqual(logs.map((l) => [l.level, l.msg]), [
      [40, 'memory use is above the soft limit; refusing data'],
      [30, 'memory use is back below the soft limit; accepting data'],
    ]);
  });

  void test('spike_limit_mib 0 means 20% of limit_mib', async () => {
    const mem = fakeMemory(900);
    const { limiter } = setup({ limit_mib: 1000, spike_limit_mib: 0 }, { readMemoryBytes: mem.read });
    await limiter.start({ logger: pino({ level: 'silent' }), telemetry: createTelemetry() });
    await assert.rejects(limiter.consume(twoSpans()), { code: 'SB_MEMORY_LIMIT' });
    mem.set(800);
    await mem.nextCheck();
    await limiter.consume(twoSpans());
    await limiter.shutdown();
  });

  void test('runs the garbage collector above the hard limit and reads again', async () => {
    const mem = fakeMemory(120);
    let collections = 0;
    const gc = () => {
      collections++;
      mem.set(60);
    };
    const { limiter, passed } = setup({}, { readMemoryBytes: mem.read, gc });
    await limiter.start({ logger: pino({ level: 'silent' }), telemetry: createTelemetry() });
    assert.equal(collections, 1);
    await limiter.consume(twoSpans());
    assert.equal(passed.length, 1);
    await limiter.shutdown();
  });

  void test('does not collect garbage between the soft and the hard limit', async () => {
    const mem = fakeMemory(90);
    let collections = 0;
    const { limiter } = setup({}, { readMemoryBytes: mem.read, gc: () => void collections++ });
    await limiter.start({ logger: pino({ level: 'silent' }), telemetry: createTelemetry() });
    await mem.nextCheck();
    assert.equal(collections, 0);
    await limiter.shutdown();
  });

  void test('a failing reader keeps the previous state instead of crashing', async () => {
    let fail = false;
    const mem = fakeMemory(90);
    const read = () => {
      const v = mem.read();
      if (fail) throw new Error('no memory stats');
      return v;
    };
    const { limiter, logs } = setup({}, { readMemoryBytes: read });
    await limiter.start({ logger: pino({ level: 'silent' }), telemetry: createTelemetry() });
    fail = true;
    await mem.nextCheck();
    await mem.nextCheck();
    await assert.rejects(limiter.consume(twoSpans()), { code: 'SB_MEMORY_LIMIT' });
    assert.equal(logs.filter((l) => l.level === 50).length, 1);
    await limiter.shutdown();
  });

  void test('shutdown stops the checks', async () => {
    const mem = fakeMemory(10);
    const { limiter } = setup({}, { readMemoryBytes: mem.read });
    await limiter.start({ logger: pino({ level: 'silent' }), telemetry: createTelemetry() });
    await mem.nextCheck();
    await limiter.shutdown();
    const reads = mem.reads;
    await sleep(20);
    assert.equal(mem.reads, reads);
  });

  void test('its timer does not keep the process alive', () => {
    const self = new URL(import.meta.url);
    const moduleUrl = new URL('./memoryLimiter.ts', self).href;
    const script = `
      import { pino } from 'pino';
      const { createMemoryLimiter } = await import(${JSON.stringify(moduleUrl)});
      const limiter = createMemoryLimiter({ id: 'm', logger: pino({ level: 'silent' }), telemetry: {} },
        { check_interval: '5ms', limit_mib: 100, spike_limit_mib: 0, max_in_flight_spans: 0, max_ack_wait: '0' }, { consume: async () => {} }, { readMemoryBytes: () => 0 });
      await limiter.start();
      process.stdout.write('started');`;
    const args = ['--import', 'tsx', '--input-type=module', '-e', script];
    // The safety timeout only ends a hung child; a ref'd interval would never let it exit by itself.
    const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 30_000, cwd: new URL('../../..', self) });
    assert.equal(child.signal, null, 'the child had to be killed: the limiter kept it alive');
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout, 'started');
  });
});
