import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { PipelineError } from '../../errors.js';
import { SpanKind } from '../../model/span.js';
import type { Host } from '../../pipeline/component.js';
import { createSqliteStore } from '../../store/sqlite/createSqliteStore.js';
import { bookinfoBatches } from '../../../test/store/bookinfoTraces.js';
import { testBatch } from '../../../test/store/testSpans.js';
import { createTelemetry, type Telemetry } from '../../telemetry/telemetry.js';
import { storeFactory } from './factory.js';

const logger = pino({ level: 'silent' });

async function counter(telemetry: Telemetry, name: string): Promise<number> {
  const metric = await telemetry.registry.getSingleMetric(name)?.get();
  return (metric?.values ?? []).filter((v) => v.labels.exporter === 'store').reduce((n, v) => n + v.value, 0);
}

function setup() {
  const telemetry = createTelemetry();
  const exporter = storeFactory.createExporter({ id: 'store', logger, telemetry }, {});
  return { telemetry, exporter };
}

describe('store exporter', () => {
  test('writes each batch to the host store; consume resolves once it is stored, and counts the spans sent', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { telemetry, exporter } = setup();
    const host: Host = { logger, telemetry, store };
    await exporter.start(host);
    try {
      const [batch] = bookinfoBatches({ traces: 3, tracesPerBatch: 3, startNanos: 1_700_000_000_000_000_000n, intervalNanos: 1_000_000n });
      const traceId = batch?.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.traceId ?? '';
      await exporter.consume(batch ?? { resourceSpans: [] });
      assert.equal((await store.getTraceSummary(traceId))?.spanCount, 9);
      assert.equal(await counter(telemetry, 'spanbridge_exporter_sent_spans_total'), 27);
    } finally {
      await exporter.shutdown();
      await store.close();
    }
  });

  test("hands the store's error back to the sender and counts the spans as failed", async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { telemetry, exporter } = setup();
    await exporter.start({ logger, telemetry, store });
    const bad = testBatch([{ service: 's', traceId: 'nope', spanId: '0000000000000001', name: 'x', kind: SpanKind.SERVER, startNanos: 1n, durationNanos: 1n }]);
    await assert.rejects(exporter.consume(bad), (e) => e instanceof PipelineError && e.code === 'SB_MALFORMED');
    await store.close();
    const ok = testBatch([{ service: 's', traceId: 'ab'.repeat(16), spanId: '0000000000000001', name: 'x', kind: SpanKind.SERVER, startNanos: 1n, durationNanos: 1n }]);
    await assert.rejects(exporter.consume(ok), (e) => e instanceof PipelineError && e.kind === 'retryable');
    assert.equal(await counter(telemetry, 'spanbridge_exporter_send_failed_spans_total'), 2);
    assert.equal(await counter(telemetry, 'spanbridge_exporter_sent_spans_total'), 0);
    await exporter.shutdown();
  });

  test('refuses to start without a store, and refuses batches after shutdown', async () => {
    const { telemetry, exporter } = setup();
    await assert.rejects(exporter.start({ logger, telemetry }), (e) => e instanceof PipelineError && e.code === 'SB_CONFIG' && /storage/.test(e.message));
    const store = createSqliteStore({ path: ':memory:' });
    const second = setup().exporter;
    await second.start({ logger, telemetry, store });
    await second.shutdown();
    await assert.rejects(second.consume(testBatch([])), (e) => e instanceof PipelineError && e.code === 'SB_SHUTTING_DOWN');
    await store.close();
  });

  test("with tenancy, each batch goes to its tenant's store, and a batch without an allowed tenant is refused", async () => {
    const stores = new Map([['acme', createSqliteStore({ path: ':memory:' })], ['globex', createSqliteStore({ path: ':memory:' })]]);
    const { telemetry, exporter } = setup();
    await exporter.start({ logger, telemetry, tenantStore: (tenant) => stores.get(tenant) });
    const span = (service: string, traceId: string) => ({ service, traceId, spanId: '00000000000000a1', name: 'op', kind: SpanKind.SERVER, startNanos: 1_700_000_000_000_000_000n, durationNanos: 1_000n });
    try {
      await exporter.consume({ ...testBatch([span('acme-api', 'aa'.repeat(16))]), tenant: 'acme' });
      await exporter.consume({ ...testBatch([span('globex-api', 'bb'.repeat(16))]), tenant: 'globex' });
      assert.deepEqual(await stores.get('acme')?.getServices(), ['acme-api']);
      assert.deepEqual(await stores.get('globex')?.getServices(), ['globex-api']);
      assert.equal(await stores.get('globex')?.getTrace('aa'.repeat(16)), undefined);
      for (const stray of [testBatch([span('nobody', 'cc'.repeat(16))]), { ...testBatch([span('stranger', 'dd'.repeat(16))]), tenant: 'initech' }]) {
        await assert.rejects(exporter.consume(stray), (e) => e instanceof PipelineError && e.code === 'SB_TENANT_MISSING');
      }
    } finally {
      await exporter.shutdown();
      for (const store of stores.values()) await store.close();
    }
  });
});
