// TLS on every listener, through the real CLI and real clients: the OpenTelemetry OTLP/HTTP exporter with a client
// certificate (mutual TLS) and the OTLP/gRPC exporter, Zipkin over HTTPS, the AWS SDK's XRayClient against the X-Ray
// API, curl against the query and telemetry servers, and a certificate rotated while the process runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Agent } from 'node:https';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GetTraceSummariesCommand, PutTraceSegmentsCommand, XRayClient } from '@aws-sdk/client-xray';
import { credentials as grpcCredentials } from '@grpc/grpc-js';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as HttpExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { exportOneSpan } from '../../test/support/exportOneSpan.js';
import { startCli, type CliProcess } from '../../test/support/runCli.js';
import { createTestCa, rotateInto, skipWithoutOpenssl, type Issued, type TestCa } from '../../test/support/testCertificates.js';
import { eventually, httpsRequest, presentedFingerprint } from '../../test/support/tlsClient.js';

const curlMissing = spawnSync('curl', ['--version']).status === 0 ? undefined : 'curl is not installed';
const skip = skipWithoutOpenssl().skip ?? (curlMissing && process.env.CI !== 'true' ? curlMissing : undefined);

function curl(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('curl', ['--silent', '--show-error', '--max-time', '10', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('TLS on every listener, through the CLI', { skip }, () => {
  let ca: TestCa;
  let server: Issued;
  let query: Issued;
  let client: Issued;
  let cli: CliProcess;

  before(async () => {
    ca = createTestCa();
    server = ca.issue('server', 'server');
    query = ca.issue('query', 'server');
    client = ca.issue('client', 'client');
    const tls = `{cert_file: ${server.certFile}, key_file: ${server.keyFile}}`;
    const dir = mkdtempSync(join(tmpdir(), 'spanbridge-tls-e2e-'));
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      `
receivers:
  zipkin: {endpoint: 127.0.0.1:0, tls: ${tls}}
  otlp:
    protocols:
      grpc: {endpoint: 127.0.0.1:0, tls: {cert_file: ${server.certFile}, key_file: ${server.keyFile}, min_version: "1.3"}}
      http: {endpoint: 127.0.0.1:0, tls: {cert_file: ${server.certFile}, key_file: ${server.keyFile}, client_ca_file: ${ca.caFile}}}
  awsxray:
    endpoint: 127.0.0.1:0
    api: {endpoint: 127.0.0.1:0, tls: ${tls}}
processors:
  batch: {timeout: 20ms}
exporters:
  store: {}
storage:
  sqlite: {path: ${join(dir, 'spanbridge.db')}}
query: {endpoint: 127.0.0.1:0, tls: {cert_file: ${query.certFile}, key_file: ${query.keyFile}}}
service:
  pipelines:
    traces: {receivers: [zipkin, otlp, awsxray], processors: [batch], exporters: [store]}
  telemetry:
    metrics: {address: 127.0.0.1:0, tls: ${tls}}
`,
    );
    cli = await startCli(['--config', config]);
  });
  after(async () => {
    await cli?.stop();
  });

  test('OTLP/HTTP with a client certificate (mutual TLS) is accepted; without one the export fails', async () => {
    const url = `https://${cli.receivers.otlp?.http}/v1/traces`;
    const withCert = new HttpExporter({ url, httpAgentOptions: { ca: ca.ca, cert: client.cert, key: client.key } });
    assert.equal((await exportOneSpan(withCert, 'otlp-http-mtls')).code, ExportResultCode.SUCCESS);
    const withoutCert = new HttpExporter({ url, httpAgentOptions: { ca: ca.ca } });
    assert.equal((await exportOneSpan(withoutCert, 'otlp-http-anonymous')).code, ExportResultCode.FAILED);
  });

  test('OTLP/gRPC over TLS 1.3 with the CA is accepted; a plain-text client is not', async () => {
    const url = `https://${cli.receivers.otlp?.grpc}`;
    const secure = new GrpcExporter({ url, credentials: grpcCredentials.createSsl(ca.ca) });
    assert.equal((await exportOneSpan(secure, 'otlp-grpc-tls')).code, ExportResultCode.SUCCESS);
    const plain = new GrpcExporter({ url: `http://${cli.receivers.otlp?.grpc}`, credentials: grpcCredentials.createInsecure(), timeoutMillis: 5000 });
    assert.equal((await exportOneSpan(plain, 'otlp-grpc-plain')).code, ExportResultCode.FAILED);
  });

  test('Zipkin over HTTPS', async () => {
    const span = [{ traceId: 'aa'.repeat(16), id: 'bb'.repeat(8), name: 'zipkin work', timestamp: Date.now() * 1000, duration: 1000, localEndpoint: { serviceName: 'zipkin-tls' } }];
    const res = await httpsRequest(`https://${cli.receivers.zipkin?.http}/api/v2/spans`, { ca: ca.ca }, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(span) });
    assert.equal(res.status, 202, res.text);
  });

  test('the AWS SDK XRayClient puts and reads segments over HTTPS', async () => {
    const xray = new XRayClient({
      endpoint: `https://${cli.receivers.awsxray?.http}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: ca.ca }) }),
    });
    try {
      const now = Math.floor(Date.now() / 1000);
      const doc = { trace_id: `1-${now.toString(16)}-${'c'.repeat(24)}`, id: '2000000000000001', name: 'xray-tls', start_time: now, end_time: now + 1 };
      const put = await xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify(doc)] }));
      assert.deepEqual(put.UnprocessedTraceSegments, []);
      const ids = await eventually(async () => {
        const sums = await xray.send(new GetTraceSummariesCommand({ StartTime: new Date((now - 60) * 1000), EndTime: new Date((now + 60) * 1000) }));
        const found = sums.TraceSummaries?.map((s) => s.Id);
        return found?.includes(doc.trace_id) ? found : undefined;
      });
      assert.ok(ids.includes(doc.trace_id));
    } finally {
      xray.destroy();
    }
  });

  test('curl reads the query API and /metrics over HTTPS with the CA, and gets nowhere without it or over plain HTTP', async () => {
    const services = await eventually(async () => {
      const r = curl(['--cacert', ca.caFile, `https://${cli.queryAddress}/api/v1/services`]);
      assert.equal(r.code, 0, r.stderr);
      const list = (JSON.parse(r.stdout) as { services: string[] }).services;
      return ['otlp-http-mtls', 'otlp-grpc-tls', 'zipkin-tls', 'xray-tls'].every((s) => list.includes(s)) ? list : undefined;
    });
    assert.ok(!services.includes('otlp-http-anonymous') && !services.includes('otlp-grpc-plain'));
    const metrics = curl(['--cacert', ca.caFile, `https://${cli.telemetryAddress}/metrics`]);
    assert.equal(metrics.code, 0, metrics.stderr);
    assert.match(metrics.stdout, /spanbridge_receiver_accepted_spans_total\{receiver="otlp",transport="http"\} 1/);
    assert.notEqual(curl([`https://${cli.queryAddress}/api/v1/services`]).code, 0, 'a client that does not trust the CA');
    const plain = curl([`http://${cli.queryAddress}/api/v1/services`]);
    assert.ok(plain.code !== 0 || !plain.stdout.includes('services'), 'plain HTTP gets no answer');
  });

  test('a rotated query certificate is presented to new connections without a restart', { timeout: 30_000 }, async () => {
    const address = cli.queryAddress ?? '';
    assert.equal(await presentedFingerprint(address, { ca: ca.ca }), query.fingerprint256);
    const next = ca.issue('query-next', 'server');
    rotateInto(query, next);
    await eventually(async () => ((await presentedFingerprint(address, { ca: ca.ca })) === next.fingerprint256 ? true : undefined));
    const r = curl(['--cacert', ca.caFile, `https://${address}/api/v1/services`]);
    assert.equal(r.code, 0, r.stderr);
    // The query thread's log lines reach the process's log through the main thread, a moment later.
    await eventually(async () => (cli.lines.some((l) => l.includes('TLS certificate reloaded')) ? true : undefined));
  });
});
