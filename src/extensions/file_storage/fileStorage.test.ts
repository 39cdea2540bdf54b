import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pino } from 'pino';
import { loadServiceConfig } from '../../app/loadServiceConfig.js';
import { ConfigError } from '../../config/configError.js';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { componentFolderName, createFileStorage } from './fileStorage.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'spanbridge-fs-'));
  dirs.push(d);
  return d;
};
const settings = { id: 'file_storage', logger: pino({ level: 'silent' }), telemetry: createTelemetry() };

describe('file_storage', () => {
  test('hands each component a folder of its own, named as the Collector names it', async () => {
    const dir = join(tempDir(), 'created');
    const ext = createFileStorage(settings, { directory: dir, fsync: false });
    await ext.start();
    const folder = await ext.storage?.directoryFor('exporter', 'otlphttp/eu west');
    assert.equal(folder, join(dir, 'exporter_otlphttp_eu_west'));
    assert.ok(existsSync(folder ?? ''));
    assert.equal(componentFolderName('exporter', 'otlp'), 'exporter_otlp');
    assert.equal(ext.storage?.fsync, false);
    await ext.shutdown();
    assert.ok(!existsSync(join(dir, 'spanbridge.lock')), 'the lock goes with the process');
  });

  test('refuses a folder a running process holds, and takes over the lock of one that is gone', async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(dir, 'spanbridge.lock'), `${other.pid}\n`);
      await assert.rejects(createFileStorage(settings, { directory: dir, fsync: true }).start(), new RegExp(`in use by process ${other.pid}`));
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    const ext = createFileStorage(settings, { directory: dir, fsync: true });
    await ext.start();
    assert.equal(readFileSync(join(dir, 'spanbridge.lock'), 'utf8').trim(), String(process.pid));
    await ext.shutdown();
  });

  test('sending_queue.storage must name a storage extension that service.extensions lists', () => {
    const config = (storage: string, listed: string) => `
extensions:
  file_storage: {directory: queues}
  bearertokenauth: {token: t}
receivers: {zipkin: {}}
exporters:
  otlphttp: {endpoint: http://localhost:4318, sending_queue: {storage: ${storage}}}
service:
  extensions: [${listed}]
  pipelines: {traces: {receivers: [zipkin], exporters: [otlphttp]}}
`;
    const ok = loadServiceConfig(config('file_storage', 'file_storage'), 'test.yaml', {});
    assert.deepEqual(ok.extensions.file_storage, { directory: 'queues', fsync: true });
    const problems = (text: string) => {
      try {
        loadServiceConfig(text, 'test.yaml', {});
      } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
      }
      return [];
    };
    assert.deepEqual(problems(config('file_storage/other', 'file_storage')), ['exporters.otlphttp.sending_queue.storage: "file_storage/other" is not defined in extensions']);
    assert.deepEqual(problems(config('bearertokenauth', 'bearertokenauth')), ['exporters.otlphttp.sending_queue.storage: extension "bearertokenauth" is not a storage']);
    assert.deepEqual(problems(config('file_storage', 'bearertokenauth')), ['exporters.otlphttp.sending_queue.storage: extension "file_storage" is not listed in service.extensions']);
  });
});
