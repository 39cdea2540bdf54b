import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { ConfigError } from '../config/configError.js';
import { loadConfig } from '../config/loadConfig.js';
import type { Factory } from '../pipeline/component.js';
import { startStorage } from './startStorage.js';
import { storageConfigSchema, type StorageConfig } from './storageConfig.js';

const unused = () => {
  throw new Error('not created here');
};
const nopSchema = { type: 'object', additionalProperties: false, properties: {} };
const factories = new Map<string, Factory>([
  ['receiver:nop', { kind: 'receiver', type: 'nop', description: '', configSchema: nopSchema, createReceiver: unused }],
  ['exporter:nop', { kind: 'exporter', type: 'nop', description: '', configSchema: nopSchema, createExporter: unused }],
]);

function load(storageYaml: string) {
  return loadConfig(`receivers: {nop: {}}\nexporters: {nop: {}}\n${storageYaml}\nservice: {pipelines: {traces: {receivers: [nop], exporters: [nop]}}}\n`, 'test.yaml', {
    factories,
    sections: { storage: storageConfigSchema },
    env: {},
  });
}

describe('storage section', () => {
  test('fills every default', () => {
    assert.deepEqual(load('storage:').sections.storage, { sqlite: { path: './data/spanbridge.db' }, retention: '72h', dependency_grace_period: '30s', query_timeout: '2s' });
    assert.deepEqual(load('storage: {sqlite: {path: /var/lib/sb.db}, retention: 24h}').sections.storage, { sqlite: { path: '/var/lib/sb.db' }, retention: '24h', dependency_grace_period: '30s', query_timeout: '2s' });
  });

  test('storage.clickhouse fills its defaults, and reads its credentials from the environment', () => {
    const loaded = loadConfig(
      `receivers: {nop: {}}\nexporters: {nop: {}}\nstorage: {clickhouse: {endpoint: "http://ch:8123", password: "\${env:CH_PASSWORD}"}}\nservice: {pipelines: {traces: {receivers: [nop], exporters: [nop]}}}\n`,
      'test.yaml',
      { factories, sections: { storage: storageConfigSchema }, env: { CH_PASSWORD: 's3cret' } },
    );
    assert.deepEqual((loaded.sections.storage as StorageConfig).clickhouse, {
      endpoint: 'http://ch:8123', database: 'spanbridge', username: 'default', password: 's3cret', create_schema: true,
      batch: { max_spans: 20_000, max_delay: '50ms' }, compression: true, timeout: '30s',
    });
  });

  test('reports unknown keys and bad values at every level, all at once', () => {
    try {
      load('storage: {sqlite: {path: "", wal: true}, retention: 3 days, dependency_grace_period: 5, cassandra: {}, clickhouse: {database: "a-b", batch: {max_spans: 0}}}');
      assert.fail('expected a ConfigError');
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      const p = e.problems.join('\n');
      for (const expected of ['storage.sqlite.wal: unknown key', 'storage.cassandra: unknown key', 'storage.clickhouse.database', 'storage.clickhouse.batch.max_spans', 'storage.sqlite.path', 'storage.retention', 'storage.dependency_grace_period']) assert.ok(p.includes(expected), `${expected} in\n${p}`);
    }
  });

  test('startStorage opens the configured file, and retention "0" keeps everything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spanbridge-storage-'));
    try {
      const config: StorageConfig = { sqlite: { path: join(dir, 'sub', 'spans.db') }, retention: '0', dependency_grace_period: '1s', query_timeout: '2s' };
      const storage = startStorage(config, pino({ level: 'silent' }));
      assert.deepEqual(await storage.store.getServices(), []);
      await storage.close();
      assert.ok(existsSync(config.sqlite.path));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
