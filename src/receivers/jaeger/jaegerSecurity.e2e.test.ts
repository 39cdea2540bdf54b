// TLS and bearer authentication on the jaeger receiver's listeners through the real CLI: curl posting a Thrift batch to
// the HTTP collector and reading the sampling endpoint over HTTPS, @grpc/grpc-js calling PostSpans and
// GetSamplingStrategy over TLS with and without the token in its metadata.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { COLLECTOR_POST_SPANS_PATH, PostSpansRequestType, SAMPLING_GET_STRATEGY_PATH, SamplingStrategyParametersType } from '../../codecs/jaeger/jaegerProto.js';
import { forEachSpan } from '../../model/batch.js';
import { encodeThriftBatch } from '../../../test/codecs/jaeger/writeThrift.js';
import { startOtlpSink, type OtlpSink } from '../../../test/support/otlpSink.js';
import { startCli, type CliProcess } from '../../../test/support/runCli.js';
import { createTestCa, skipWithoutOpenssl, type TestCa } from '../../../test/support/testCertificates.js';

const curlMissing = spawnSync('curl', ['--version']).status === 0 ? undefined : 'curl is not installed';
const skip = skipWithoutOpenssl().skip ?? (curlMissing && process.env.CI !== 'true' ? curlMissing : undefined);
const TOKEN = 'jaeger-ingest-0123456789';

function curl(args: string[]): { status: number; headers: string; body: string } {
  const r = spawnSync('curl', ['--silent', '--show-error', '--max-time', '10', '--include', ...args], { encoding: 'utf8' });
  const [head = '', ...rest] = r.stdout.split(/\r?\n\r?\n/);
  return { status: Number(/^HTTP\/[\d.]+ (\d+)/.exec(head)?.[1] ?? 0), headers: head.toLowerCase(), body: rest.join('\n\n') };
}

function unary(client: Client, path: string, request: Uint8Array, metadata: Metadata): Promise<ServiceError | undefined> {
  return new Promise((resolve) => client.makeUnaryRequest(path, (b: Uint8Array) => Buffer.from(b), (b: Buffer) => b, request, metadata, { deadline: Date.now() + 10_000 }, (err) => resolve(err ?? undefined)));
}

const bearer = () => {
  const m = new Metadata();
  m.set('authorization', `Bearer ${TOKEN}`);
  return m;
};

describe('jaeger receiver with TLS and bearer authentication, through the CLI', { skip }, () => {
  let ca: TestCa;
  let sink: OtlpSink;
  let cli: CliProcess;
  let endpoints: Record<string, string>;
  let dir = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spanbridge-jaeger-sec-'));
    ca = createTestCa(join(dir));
    const server = ca.issue('server', 'server');
    sink = await startOtlpSink();
    const tls = `{cert_file: ${server.certFile}, key_file: ${server.keyFile}}`;
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      `
extensions:
  bearertokenauth/jaeger: {token: "\${env:JAEGER_TOKEN}"}
receivers:
  jaeger:
    protocols:
      grpc: {endpoint: 127.0.0.1:0, tls: ${tls}, auth: {authenticator: bearertokenauth/jaeger}}
      thrift_http: {endpoint: 127.0.0.1:0, tls: ${tls}, auth: {authenticator: bearertokenauth/jaeger}}
    remote_sampling: {endpoint: 127.0.0.1:0, tls: ${tls}, auth: {authenticator: bearertokenauth/jaeger}}
processors:
  batch: {timeout: 20ms}
exporters:
  otlphttp: {endpoint: ${sink.url}}
service:
  extensions: [bearertokenauth/jaeger]
  pipelines:
    traces: {receivers: [jaeger], processors: [batch], exporters: [otlphttp]}
  telemetry:
    metrics: {address: 127.0.0.1:0}
`,
    );
    cli = await startCli(['--config', config], { env: { JAEGER_TOKEN: TOKEN } });
    endpoints = cli.receivers.jaeger ?? {};
  });
  after(async () => {
    await cli?.stop();
    await sink?.close();
  });

  const names = () => {
    const out: string[] = [];
    for (const b of sink.batches) forEachSpan(b, (s) => out.push(s.name));
    return out;
  };

  test('thrift_http: curl over HTTPS with the token gets 202; without it 401 with a Bearer challenge; plain HTTP gets no answer', () => {
    const body = join(dir, 'batch.thrift');
    writeFileSync(body, encodeThriftBatch({ process: { serviceName: 'curl-sender' }, spans: [{ traceIdLow: 0x51n, traceIdHigh: 0n, spanId: 0x52n, parentSpanId: 0n, operationName: 'thrift over tls', flags: 1, startTime: 1_700_000_000_000_000n, duration: 5n }] }));
    const url = `https://${endpoints.thrift_http}/api/traces`;
    const common = ['--cacert', ca.caFile, '-H', 'content-type: application/x-thrift', '--data-binary', `@${body}`];
    const ok = curl([...common, '-H', `Authorization: Bearer ${TOKEN}`, url]);
    assert.equal(ok.status, 202, ok.body);
    const anonymous = curl([...common, url]);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers, /www-authenticate: bearer/);
    assert.equal(curl([...common, '-H', 'Authorization: Bearer wrong', url]).status, 401);
    assert.equal(curl([...common, '-H', `Authorization: Bearer ${TOKEN}`, `http://${endpoints.thrift_http}/api/traces`]).status, 0, 'no plain-text answer');
  });

  test('grpc: PostSpans over TLS with the token is accepted; without it UNAUTHENTICATED; an insecure channel fails', async () => {
    const request = PostSpansRequestType.encode(PostSpansRequestType.fromObject({ batch: { process: { serviceName: 'grpc-sender' }, spans: [{ traceId: Buffer.alloc(16, 3), spanId: Buffer.alloc(8, 4), operationName: 'grpc over tls', startTime: { seconds: 1_700_000_000 } }] } })).finish();
    const secure = new Client(endpoints.grpc ?? '', credentials.createSsl(ca.ca));
    assert.equal(await unary(secure, COLLECTOR_POST_SPANS_PATH, request, bearer()), undefined);
    assert.equal((await unary(secure, COLLECTOR_POST_SPANS_PATH, request, new Metadata()))?.code, status.UNAUTHENTICATED);
    const sampling = SamplingStrategyParametersType.encode(SamplingStrategyParametersType.fromObject({ serviceName: 'x' })).finish();
    assert.equal(await unary(secure, SAMPLING_GET_STRATEGY_PATH, sampling, bearer()), undefined, 'GetSamplingStrategy has the grpc port security');
    assert.equal((await unary(secure, SAMPLING_GET_STRATEGY_PATH, sampling, new Metadata()))?.code, status.UNAUTHENTICATED);
    secure.close();
    const insecure = new Client(endpoints.grpc ?? '', credentials.createInsecure());
    assert.equal((await unary(insecure, COLLECTOR_POST_SPANS_PATH, request, bearer()))?.code, status.UNAVAILABLE);
    insecure.close();
    await sink.waitFor(() => names().includes('grpc over tls') && names().includes('thrift over tls'));
  });

  test('remote_sampling: HTTPS with the token answers the strategy; without it 401', () => {
    const url = `https://${endpoints.remote_sampling}/sampling?service=cart`;
    const ok = curl(['--cacert', ca.caFile, '-H', `Authorization: Bearer ${TOKEN}`, url]);
    assert.equal(ok.status, 200);
    assert.deepEqual(JSON.parse(ok.body), { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.001 } });
    assert.equal(curl(['--cacert', ca.caFile, url]).status, 401);
  });

  test('refusals are counted per transport', async () => {
    const text = await (await fetch(`http://${cli.telemetryAddress}/metrics`)).text();
    assert.match(text, /spanbridge_receiver_refused_spans_total\{receiver="jaeger",transport="http",code="SB_UNAUTHENTICATED"\} 2/);
  });
});
