// Authentication through the real CLI: basicauth (an htpasswd file written by Apache's htpasswd) and bearertokenauth
// (a token from the environment, and a watched token file) in front of the OTLP exporters, Zipkin, curl on the query
// and telemetry servers, with CORS on the query server; and the config errors for bad references.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Metadata } from '@grpc/grpc-js';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as HttpExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { exportOneSpan } from '../../test/support/exportOneSpan.js';
import { REPO_ROOT } from '../../test/support/paths.js';
import { startCli, type CliProcess } from '../../test/support/runCli.js';
import { eventually } from '../../test/support/tlsClient.js';

const missing = ['htpasswd', 'curl'].filter((tool) => spawnSync(tool, tool === 'curl' ? ['--version'] : ['-nbB', 'u', 'p']).status !== 0);
const skip = missing.length > 0 && process.env.CI !== 'true' ? `not installed: ${missing.join(', ')}` : undefined;

const INGEST_TOKEN = 'ingest-0123456789abcdef';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function curl(args: string[]): { code: number | null; status: number; headers: string; body: string } {
  const r = spawnSync('curl', ['--silent', '--show-error', '--max-time', '10', '--include', ...args], { encoding: 'utf8' });
  const [head = '', ...rest] = r.stdout.split(/\r?\n\r?\n/);
  return { code: r.status, status: Number(/^HTTP\/[\d.]+ (\d+)/.exec(head)?.[1] ?? 0), headers: head.toLowerCase(), body: rest.join('\n\n') };
}

describe('authentication on every listener, through the CLI', { skip }, () => {
  let cli: CliProcess;
  let tokenFile = '';

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spanbridge-auth-e2e-'));
    const htpasswd = join(dir, 'users.htpasswd');
    spawnSync('htpasswd', ['-cbB', htpasswd, 'alice', 'wonderland']);
    spawnSync('htpasswd', ['-bm', htpasswd, 'bob', 'builder']);
    tokenFile = join(dir, 'zipkin-tokens');
    writeFileSync(tokenFile, 'zipkin-first\n');
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      `
extensions:
  bearertokenauth/ingest: {token: "\${env:INGEST_TOKEN}"}
  bearertokenauth/zipkin: {filename: ${tokenFile}}
  basicauth/people: {htpasswd: {file: ${htpasswd}}}
receivers:
  zipkin: {endpoint: 127.0.0.1:0, auth: {authenticator: bearertokenauth/zipkin}}
  otlp:
    protocols:
      grpc: {endpoint: 127.0.0.1:0, auth: {authenticator: bearertokenauth/ingest}}
      http: {endpoint: 127.0.0.1:0, auth: {authenticator: basicauth/people}}
processors:
  batch: {timeout: 20ms}
exporters:
  store: {}
storage:
  sqlite: {path: ${join(dir, 'spanbridge.db')}}
query:
  endpoint: 127.0.0.1:0
  auth: {authenticator: basicauth/people}
  cors: {allowed_origins: [https://grafana.example.com], allowed_headers: [Authorization], allow_credentials: true}
service:
  extensions: [bearertokenauth/ingest, bearertokenauth/zipkin, basicauth/people]
  pipelines:
    traces: {receivers: [zipkin, otlp], processors: [batch], exporters: [store]}
  telemetry:
    metrics: {address: 127.0.0.1:0, auth: {authenticator: bearertokenauth/ingest}}
`,
    );
    cli = await startCli(['--config', config], { env: { INGEST_TOKEN } });
  });
  after(async () => {
    await cli?.stop();
  });

  test('OTLP/HTTP: the exporter with Basic credentials in its headers gets in; without, 401 with a Basic challenge', async () => {
    const url = `http://${cli.receivers.otlp?.http}/v1/traces`;
    assert.equal((await exportOneSpan(new HttpExporter({ url, headers: { authorization: basic('alice', 'wonderland') } }), 'otlp-http-alice')).code, ExportResultCode.SUCCESS);
    assert.equal((await exportOneSpan(new HttpExporter({ url, headers: { authorization: basic('bob', 'builder') } }), 'otlp-http-bob')).code, ExportResultCode.SUCCESS);
    assert.equal((await exportOneSpan(new HttpExporter({ url, headers: { authorization: basic('alice', 'guess') } }), 'otlp-http-guess')).code, ExportResultCode.FAILED);
    assert.equal((await exportOneSpan(new HttpExporter({ url }), 'otlp-http-anonymous')).code, ExportResultCode.FAILED);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Basic realm="spanbridge", charset="UTF-8"');
    assert.deepEqual(await res.json(), { code: 16, message: 'authentication required' });
  });

  test('OTLP/gRPC: the exporter with a bearer token in its metadata gets in; without, UNAUTHENTICATED', async () => {
    const url = `http://${cli.receivers.otlp?.grpc}`;
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${INGEST_TOKEN}`);
    assert.equal((await exportOneSpan(new GrpcExporter({ url, metadata }), 'otlp-grpc-token')).code, ExportResultCode.SUCCESS);
    const refused = await exportOneSpan(new GrpcExporter({ url }), 'otlp-grpc-anonymous');
    assert.equal(refused.code, ExportResultCode.FAILED);
    assert.match(String(refused.error), /UNAUTHENTICATED|16/);
  });

  test('Zipkin: a token from the watched file gets in, and a rotated file takes effect without a restart', { timeout: 30_000 }, async () => {
    const url = `http://${cli.receivers.zipkin?.http}/api/v2/spans`;
    const post = (token?: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: '[]' });
    assert.equal((await post('zipkin-first')).status, 202);
    const anonymous = await post();
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="spanbridge"');
    writeFileSync(`${tokenFile}.tmp`, 'zipkin-second\n');
    renameSync(`${tokenFile}.tmp`, tokenFile);
    await eventually(async () => ((await post('zipkin-first')).status === 401 ? true : undefined));
    assert.equal((await post('zipkin-second')).status, 202);
  });

  test('curl on the query server: 401 with a Basic challenge without credentials, the API with them; CORS for the listed origin only', async () => {
    const api = `http://${cli.queryAddress}/api/v1/services`;
    const anonymous = curl([api]);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers, /www-authenticate: basic realm="spanbridge", charset="utf-8"/);
    assert.equal(curl(['--user', 'alice:guess', api]).status, 401);
    assert.equal(curl([`http://${cli.queryAddress}/`]).status, 401, 'the UI too');
    const services = await eventually(async () => {
      const r = curl(['--user', 'alice:wonderland', api]);
      assert.equal(r.status, 200, r.body);
      const list = (JSON.parse(r.body) as { services: string[] }).services;
      return list.includes('otlp-http-alice') && list.includes('otlp-grpc-token') ? list : undefined;
    });
    for (const refused of ['otlp-http-guess', 'otlp-http-anonymous', 'otlp-grpc-anonymous']) assert.ok(!services.includes(refused), refused);
    const allowed = curl(['--user', 'alice:wonderland', '--header', 'Origin: https://grafana.example.com', api]);
    assert.match(allowed.headers, /access-control-allow-origin: https:\/\/grafana\.example\.com/);
    assert.match(allowed.headers, /access-control-allow-credentials: true/);
    const other = curl(['--user', 'alice:wonderland', '--header', 'Origin: https://evil.example.com', api]);
    assert.equal(other.status, 200);
    assert.doesNotMatch(other.headers, /access-control-allow-origin/);
  });

  test('curl on the telemetry server: /metrics needs the bearer token; /healthz and /readyz stay open for probes', () => {
    const metrics = `http://${cli.telemetryAddress}/metrics`;
    const anonymous = curl([metrics]);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers, /www-authenticate: bearer realm="spanbridge"/);
    const withToken = curl(['--header', `Authorization: Bearer ${INGEST_TOKEN}`, metrics]);
    assert.equal(withToken.status, 200);
    assert.match(withToken.body, /spanbridge_receiver_accepted_spans_total/);
    assert.equal(curl([`http://${cli.telemetryAddress}/healthz`]).status, 200);
    assert.equal(curl([`http://${cli.telemetryAddress}/readyz`]).status, 200);
  });
});

test('validate reports an unknown authenticator and an unlisted extension with their paths, with the other problems', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spanbridge-auth-validate-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(
    file,
    `
extensions:
  basicauth: {htpasswd: {inline: "alice:pw"}}
receivers:
  zipkin: {endpoint: 127.0.0.1:0, auth: {authenticator: basicauth}}
  otlp: {protocols: {http: {endpoint: 127.0.0.1:0, auth: {authenticator: bearertokenauth}}}}
exporters:
  debug: {verbosity: loud}
query: {auth: {authenticator: basicauth}}
service:
  pipelines: {traces: {receivers: [zipkin, otlp], exporters: [debug]}}
`,
  );
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'main.js'), 'validate', '--config', file], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /receivers\.zipkin\.auth\.authenticator: extension "basicauth" is not listed in service\.extensions/);
  assert.match(r.stderr, /receivers\.otlp\.protocols\.http\.auth\.authenticator: "bearertokenauth" is not defined in extensions/);
  assert.match(r.stderr, /query\.auth\.authenticator: extension "basicauth" is not listed in service\.extensions/);
  assert.match(r.stderr, /exporters\.debug\.verbosity: must be one of/);
});
