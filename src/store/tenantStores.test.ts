import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pino } from 'pino';
import { SpanKind } from '../model/span.js';
import { testBatch } from '../../test/store/testSpans.js';
import { startTenantStorage } from './startStorage.js';
import type { StorageConfig } from './storageConfig.js';
import { tenantStorePath } from './tenantStores.js';

test("a tenant's database file is the storage path with the tenant before the extension; :memory: stays in memory", () => {
  assert.equal(tenantStorePath('/var/lib/spanbridge/spanbridge.db', 'acme'), '/var/lib/spanbridge/spanbridge.acme.db');
  assert.equal(tenantStorePath('data/traces', 'team_2'), join('data', 'traces.team_2'));
  assert.equal(tenantStorePath(':memory:', 'acme'), ':memory:');
});

test('one store per tenant, each in its own file: what one tenant writes, another never reads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spanbridge-tenant-stores-'));
  const config: StorageConfig = { sqlite: { path: join(dir, 'spanbridge.db') }, retention: '72h', dependency_grace_period: '1s', query_timeout: '2s' };
  const { tenantStores, close } = startTenantStorage(config, ['acme', 'globex'], pino({ level: 'silent' }));
  try {
    const traceId = 'ab'.repeat(16);
    const acme = tenantStores.storeOf('acme');
    const globex = tenantStores.storeOf('globex');
    assert.ok(acme && globex && acme !== globex);
    assert.equal(tenantStores.storeOf('initech'), undefined);
    await acme.write(testBatch([{ service: 'checkout', traceId, spanId: '00000000000000a1', name: 'pay', kind: SpanKind.SERVER, startNanos: BigInt(Date.now()) * 1_000_000n, durationNanos: 1_000n }]));
    assert.deepEqual(await acme.getServices(), ['checkout']);
    assert.ok(await acme.getTrace(traceId));
    assert.deepEqual(await globex.getServices(), []);
    assert.equal(await globex.getTrace(traceId), undefined);
    assert.ok(existsSync(join(dir, 'spanbridge.acme.db')) && existsSync(join(dir, 'spanbridge.globex.db')));
    assert.ok(!existsSync(join(dir, 'spanbridge.db')), 'no shared store');
  } finally {
    await close();
  }
});
