import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../../test/support/paths.js';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'main.js'), ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'spanbridge-cli-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(file, text);
  return file;
}

describe('spanbridge CLI', () => {
  test('--help and --version', () => {
    const help = cli('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /spanbridge validate --config FILE/);
    const version = cli('--version');
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  test('unknown flags and commands exit 2 with the usage', () => {
    assert.equal(cli('--nope').code, 2);
    const r = cli('frobnicate');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command "frobnicate"/);
  });

  test('validate reports every problem with its path and exits non-zero', () => {
    const file = configFile(`
receivers:
  zipkin:
    endpoint: 127.0.0.1:notaport
exporters:
  otlphttp/eu:
    compression: brotli
service:
  pipelines:
    traces:
      receivers: [zipkin]
      exporters: [otlphttp/eu, nothere]
`);
    const r = cli('validate', '--config', file);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /receivers\.zipkin\.endpoint: invalid value "127\.0\.0\.1:notaport"/);
    assert.match(r.stderr, /exporters\.otlphttp\/eu\.endpoint: required/);
    assert.match(r.stderr, /exporters\.otlphttp\/eu\.compression: must be one of/);
    assert.match(r.stderr, /service\.pipelines\.traces\.exporters\[1\]: "nothere" is not defined in exporters/);
  });

  test('running with an invalid config exits non-zero before binding any port', () => {
    const file = configFile('receivers: {zipkin: {endpoint: "127.0.0.1:0"}}\nservice: {pipelines: {traces: {receivers: [zipkin], exporters: [missing]}}}\n');
    const r = cli('--config', file);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /"missing" is not defined in exporters/);
  });

  test('a config without pipelines validates only as a query-only instance, with storage and query', () => {
    assert.equal(cli('validate', '--config', configFile('storage: {sqlite: {path: ":memory:"}}\nquery: {endpoint: "127.0.0.1:0"}\n')).code, 0);
    const bare = cli('validate', '--config', configFile('storage: {sqlite: {path: ":memory:"}}\n'));
    assert.equal(bare.code, 1);
    assert.match(bare.stderr, /service\.pipelines: at least one pipeline is required \(or, for a query-only instance, storage and query sections\)/);
    const noStore = cli('validate', '--config', configFile('query: {endpoint: "127.0.0.1:0"}\n'));
    assert.equal(noStore.code, 1);
    assert.match(noStore.stderr, /query: a query-only instance \(no pipelines\) needs a storage section to read/);
  });

  test('validate accepts the shipped example configs', () => {
    const r = cli('validate', '--config', join(REPO_ROOT, 'examples', 'zipkin-to-otlp.yaml'));
    assert.equal(r.code, 0, r.stderr);
  });
});
