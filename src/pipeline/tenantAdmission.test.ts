import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PipelineError } from '../errors.js';
import { createTenancy } from '../http/tenancy.js';
import type { TraceBatch } from '../model/span.js';
import { testBatch } from '../../test/processors/batch/testBatches.js';
import type { Consumer } from './component.js';
import { createTenantAdmission } from './tenantAdmission.js';

function recorder() {
  const seen: TraceBatch[] = [];
  const consumer: Consumer = { consume: async (batch) => void seen.push(batch) };
  return { consumer, seen };
}

const batchOf = (spans: number, tenant?: string): TraceBatch => ({ ...testBatch(spans), ...(tenant === undefined ? {} : { tenant }) });

function refusal(p: Promise<void>): Promise<PipelineError> {
  return p.then(
    () => assert.fail('admitted'),
    (e: unknown) => (e instanceof PipelineError ? e : assert.fail(String(e))),
  );
}

test('a batch without a tenant is a wiring bug, refused; one with a tenant is handed on as it is', async () => {
  const next = recorder();
  const admit = createTenantAdmission(createTenancy({ header: 'x-scope-orgid', tenants: ['acme'] }))(next.consumer, 'zipkin');
  const err = await refusal(admit.consume(batchOf(1)));
  assert.equal(err.code, 'SB_TENANT_MISSING');
  assert.match(err.message, /receiver zipkin/);
  const batch = batchOf(5, 'acme');
  await admit.consume(batch);
  assert.equal(next.seen[0], batch, 'no limit: every batch passes');
});

test("a tenant's token bucket: the burst passes, then 429 with the wait until it would, while another tenant is served", async () => {
  let nowMillis = 1_000_000;
  const next = recorder();
  const tenancy = createTenancy({ header: 'x-scope-orgid', tenants: ['acme', 'globex'], rate_limit: { spans_per_second: 10, burst: 20 } });
  const wrap = createTenantAdmission(tenancy, () => nowMillis);
  const zipkin = wrap(next.consumer, 'zipkin');
  const otlp = wrap(next.consumer, 'otlp');
  await zipkin.consume(batchOf(15, 'acme'));
  await otlp.consume(batchOf(5, 'acme'));
  const refused = await refusal(zipkin.consume(batchOf(4, 'acme')));
  assert.equal(refused.code, 'SB_TENANT_RATE_LIMITED', 'receivers share one bucket per tenant');
  assert.equal(refused.kind, 'retryable');
  assert.equal(refused.httpStatus, 429);
  assert.equal(refused.retryAfterMillis, 400, '4 spans at 10 spans/s');
  await otlp.consume(batchOf(20, 'globex'));
  nowMillis += 400;
  await zipkin.consume(batchOf(4, 'acme'));
  assert.equal(next.seen.length, 4);
});

test('a batch larger than the burst passes when the bucket is full and leaves it in debt', async () => {
  let nowMillis = 0;
  const next = recorder();
  const admit = createTenantAdmission(createTenancy({ header: 'h', tenants: ['acme'], rate_limit: { spans_per_second: 100, burst: 10 } }), () => nowMillis)(next.consumer, 'otlp');
  await admit.consume(batchOf(50, 'acme'));
  const refused = await refusal(admit.consume(batchOf(1, 'acme')));
  assert.equal(refused.retryAfterMillis, 410, 'the 40-span debt and one span at 100 spans/s');
  nowMillis += 1000;
  await admit.consume(batchOf(10, 'acme'));
  nowMillis += 50;
  assert.equal((await refusal(admit.consume(batchOf(10, 'acme')))).retryAfterMillis, 50, 'refilled to at most the burst');
});
