// The end-to-end section's parsing and formatting (its timings are never asserted).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { decodeOtlpProto } from '../../src/codecs/otlp/decodeOtlpProto.js';
import { PACKAGE_ROOT } from '../../src/packageRoot.js';
import { bodyPool, requestBody, requestTraceIds, roundTraceId } from './e2eBodies.js';
import { queryTable, storeTable, type ScenarioFigures } from './e2eReport.js';
import { metricSum, storedSpans } from './metricsText.js';
import { searchPath } from './queryProbe.js';
import { benchServerConfig, imageEnvironment, parseStatTicks, parseStatusMiB, startedAddresses } from './serverProcess.js';

test("the image's environment: the ENV lines of the last stage only; a value it cannot read is refused", () => {
  const dockerfile = 'FROM node:24 AS build\nENV BUILD_ONLY=1\nRUN npm ci\nFROM node:24-slim AS runtime\nENV A=1 B=x=y\nWORKDIR /app\n  ENV C=\n';
  assert.deepEqual(imageEnvironment(dockerfile), { A: '1', B: 'x=y', C: '' });
  assert.throws(() => imageEnvironment('FROM x\nENV A="two words"\n'), /cannot read "A="two"/);
  assert.throws(() => imageEnvironment('FROM x\nENV A 1\n'), /cannot read "A"/);
});

test('the shipped image runs the server with the malloc setting docs/deployment.md describes', () => {
  const env = imageEnvironment(readFileSync(join(PACKAGE_ROOT, 'deploy', 'docker', 'Dockerfile'), 'utf8'));
  assert.equal(env.MALLOC_MMAP_THRESHOLD_, '65536');
  assert.equal(env.NODE_ENV, 'production');
});

test('/proc/<pid>/stat: utime + stime, also when the command name holds spaces and parentheses', () => {
  const stat = '4242 (node (main) x) S 1 4242 4242 0 -1 4194304 5000 0 0 0 1234 567 0 0 20 0 11 0 100 1000000 20000';
  assert.equal(parseStatTicks(stat), 1234 + 567);
});

test('/proc/<pid>/status: VmHWM and VmRSS in MiB', () => {
  const status = 'Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t  307200 kB\nVmRSS:\t  204800 kB\n';
  assert.equal(parseStatusMiB(status, 'VmHWM'), 300);
  assert.equal(parseStatusMiB(status, 'VmRSS'), 200);
  assert.ok(Number.isNaN(parseStatusMiB(status, 'VmSwap')));
});

test('metrics: sums the samples of a name that carry the labels asked for', () => {
  const text = [
    '# HELP spanbridge_exporter_sent_spans_total Spans an exporter delivered.',
    '# TYPE spanbridge_exporter_sent_spans_total counter',
    'spanbridge_exporter_sent_spans_total{exporter="store"} 1500',
    'spanbridge_exporter_sent_spans_total{exporter="otlp"} 7',
    'spanbridge_receiver_refused_spans_total{receiver="zipkin",transport="http",code="SB_QUEUE_FULL"} 200',
    'spanbridge_receiver_refused_spans_total{receiver="otlp",transport="grpc",code="SB_QUEUE_FULL"} 100',
    'spanbridge_exporter_sent_spans_total_other 99',
  ].join('\n');
  assert.equal(storedSpans(text), 1500);
  assert.equal(metricSum(text, 'spanbridge_receiver_refused_spans_total'), 300);
  assert.equal(metricSum(text, 'spanbridge_receiver_refused_spans_total', { transport: 'grpc' }), 100);
  assert.equal(metricSum(text, 'missing'), 0);
});

test('the server config is the all-in-one with only the zipkin and otlp receivers, every listener on a free loopback port', () => {
  const config = parse(benchServerConfig(readFileSync(join(PACKAGE_ROOT, 'examples', 'all-in-one.yaml'), 'utf8'))) as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(config.receivers ?? {}), ['zipkin', 'otlp']);
  const service = config.service as { pipelines: { traces: { receivers: string[]; processors: string[]; exporters: string[] } }; telemetry: { metrics: { address: string } } };
  assert.deepEqual(service.pipelines.traces, { receivers: ['zipkin', 'otlp'], processors: ['memory_limiter', 'istio', 'batch'], exporters: ['store'] });
  assert.equal(service.telemetry.metrics.address, '127.0.0.1:0');
  assert.equal((config.query as { endpoint: string }).endpoint, '127.0.0.1:0');
  assert.match(JSON.stringify(config.receivers), /^(?!.*0\.0\.0\.0).*127\.0\.0\.1:0/);
});

test('with a ClickHouse endpoint the same server stores in storage.clickhouse, the endpoint kept as given', () => {
  const config = parse(benchServerConfig(readFileSync(join(PACKAGE_ROOT, 'examples', 'all-in-one.yaml'), 'utf8'), 'http://127.0.0.1:8123')) as Record<string, Record<string, unknown>>;
  assert.deepEqual(config.storage?.clickhouse, { endpoint: 'http://127.0.0.1:8123', database: 'spanbridge_e2e' });
  assert.equal((config.query as { endpoint: string }).endpoint, '127.0.0.1:0');
});

test("the addresses come from the server's started log line only", () => {
  const line = JSON.stringify({ level: 30, msg: 'spanbridge started', receivers: { zipkin: { http: '127.0.0.1:1' }, otlp: { grpc: '127.0.0.1:2', http: '127.0.0.1:3' } }, telemetry: '127.0.0.1:4', query: '127.0.0.1:5' });
  assert.deepEqual(startedAddresses(line), { zipkin: '127.0.0.1:1', otlpHttp: '127.0.0.1:3', otlpGrpc: '127.0.0.1:2', query: '127.0.0.1:5', telemetry: '127.0.0.1:4' });
  assert.equal(startedAddresses(JSON.stringify({ msg: 'trace store open' })), undefined);
  assert.equal(startedAddresses('not json'), undefined);
});

test('every round of a body carries new trace ids, the ones requestTraceIds names (Zipkin JSON)', () => {
  const pool = bodyPool('zipkin', { count: 3, spansPerBody: 50, podsPerService: 4, seed: 5, startMillis: 1_700_000_000_000 });
  const k = 3 * 2 + 1; // body 1, round 2
  const body = JSON.parse(requestBody(pool, k).toString('utf8')) as { traceId: string }[];
  const ids = requestTraceIds(pool, k);
  assert.ok(ids.length > 0);
  for (const id of ids) assert.ok(body.some((s) => s.traceId === id), `${id} is in the body`);
  for (const id of pool.traceIds[1] as string[]) assert.ok(!body.some((s) => s.traceId === id), 'no round-0 id is left');
  assert.equal(roundTraceId('0000000a' + 'f'.repeat(24), 3), '00000009' + 'f'.repeat(24));
});

test('every round of a body carries new trace ids (OTLP protobuf)', () => {
  const pool = bodyPool('otlp-http', { count: 2, spansPerBody: 50, podsPerService: 4, seed: 5, startMillis: 1_700_000_000_000 });
  const batch = decodeOtlpProto(requestBody(pool, 2 + 0));
  const stored = new Set<string>();
  for (const rs of batch.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) stored.add(s.traceId);
  assert.deepEqual([...stored].sort(), requestTraceIds(pool, 2).sort());
  const pods = new Set<unknown>();
  for (const k of [0, 1]) for (const rs of decodeOtlpProto(requestBody(pool, k)).resourceSpans) if (rs.resource.attributes.get('service.name') === 'frontend') pods.add(rs.resource.attributes.get('k8s.pod.name'));
  assert.ok(pods.size > 1, 'one resource per pod, several pods per service');
});

test('the search path is the Jaeger UI form: service, one tag as JSON, the last hour, 20 traces', () => {
  assert.equal(searchPath({ service: 'frontend', tag: 'http.request.method', value: 'POST' }), '/api/traces?service=frontend&tags=%7B%22http.request.method%22%3A%22POST%22%7D&lookback=1h&limit=20');
});

test('the tables put each figure beside its baseline and target, marked', () => {
  const figures: ScenarioFigures = {
    label: 'Zipkin v2 JSON / HTTP',
    connections: 64,
    storedSpans: 600_000,
    storeSeconds: 12,
    cpuSeconds: 18,
    peakRssMiB: 250,
    baselineSpansPerSecond: 500_000,
    targetSpansPerSecond: 40_000,
    load: { requests: 6010, ok: 6000, refused: 10, failed: 0, p50Millis: 80, p99Millis: 210 },
    probe: { byIdMillis: [2, 3, 4, 60], byIdMissing: 0, searchMillis: [20, 30, 40], searchTraces: [20, 20, 20], errors: 0, healthMillis: [1, 2, 150], healthErrors: 0 },
    loadAverage: [1.5, 2.25],
  };
  const store = storeTable([figures, { ...figures, label: 'overload', targetSpansPerSecond: undefined, peakRssMiB: 320 }]).split('\n');
  assert.match(store[0] ?? '', /^load +conns +stored spans\/s +target +parse spans\/s +ratio +CPU µs\/span +spans\/CPU-s +peak RSS MiB/);
  assert.match(store[1] ?? '', /Zipkin v2 JSON \/ HTTP +64 +50\.0k +>= 40\.0k ✓ +500\.0k +0\.10 +30\.0 +33\.3k +250 +<= 300 ✓ +6000\/10\/0 +210ms +1\.5-2\.3$/);
  assert.match(store[2] ?? '', /^overload .* 50\.0k +- +500\.0k .* 320 +<= 300 ✗ MISSED/);
  const query = queryTable([figures]).split('\n');
  assert.match(query[1] ?? '', /Zipkin v2 JSON \/ HTTP +3\.00ms +60\.00ms +<= 50 ms ✗ MISSED +4\/4 +30\.00ms +40\.00ms +<= 200 ms ✓ +20\.0 +0 +150ms +150ms +<= 100 ms ✗ MISSED +1\.5-2\.3$/);
});
