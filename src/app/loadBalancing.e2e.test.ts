// End to end through the real CLI: spans posted to one Spanbridge with the loadbalancing exporter reach two collector
// processes (pipelines and storage, no query) by trace id; one collector is stopped and started during the run. Then
// each collector's store is read by a query-only process (storage and query, no pipelines), and everything is
// compared with one all-in-one fed the same spans.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeOtlpJson } from '../codecs/otlp/decodeOtlpJson.js';
import { countSpans } from '../model/batch.js';
import { metricValue } from '../../test/support/rawHttp.js';
import { startCli, type CliProcess } from '../../test/support/runCli.js';
import { eventually } from '../../test/support/allInOneConfig.js';

const TRACES = 120;
const REQUESTS = 12;
const SPANS_PER_TRACE = 5;
const dir = mkdtempSync(join(tmpdir(), 'spanbridge-lb-'));

function configFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const collectorConfig = (name: string, grpcEndpoint: string) =>
  configFile(
    `${name}-${grpcEndpoint.replace(/\W/g, '_')}.yaml`,
    `
receivers:
  otlp: {protocols: {grpc: {endpoint: "${grpcEndpoint}"}}}
processors:
  batch: {timeout: 20ms}
exporters:
  store: {}
storage:
  sqlite: {path: ${join(dir, `${name}.db`)}}
  dependency_grace_period: 1s
service:
  pipelines:
    traces: {receivers: [otlp], processors: [batch], exporters: [store]}
  telemetry: {metrics: {address: 127.0.0.1:0}}
`,
  );

const queryConfig = (name: string) =>
  configFile(
    `${name}-query.yaml`,
    `
storage:
  sqlite: {path: ${join(dir, `${name}.db`)}}
query: {endpoint: 127.0.0.1:0}
service:
  telemetry: {metrics: {address: 127.0.0.1:0}}
`,
  );

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** One mesh request as Zipkin spans: productpage -> reviews -> ratings, CLIENT and SERVER on each hop; every 7th fails. */
function traceSpans(t: number, nowMicros: number): unknown[] {
  const traceId = hex(0xa0000 + t, 32);
  const id = (i: number) => hex(t * 16 + i + 1, 16);
  const status = t % 7 === 0 ? '503' : '200';
  const span = (i: number, parent: number | undefined, service: string, kind: string, name: string, extra: Record<string, string> = {}) => ({
    traceId,
    id: id(i),
    ...(parent === undefined ? {} : { parentId: id(parent) }),
    name,
    kind,
    timestamp: nowMicros + i * 10,
    duration: 1000 - i * 100,
    localEndpoint: { serviceName: service },
    tags: { 'http.status_code': i >= 3 ? status : '200', ...extra },
  });
  return [
    span(0, undefined, 'productpage', 'SERVER', 'GET /productpage'),
    span(1, 0, 'productpage', 'CLIENT', 'GET /reviews'),
    span(2, 1, 'reviews', 'SERVER', 'GET /reviews'),
    span(3, 2, 'reviews', 'CLIENT', 'GET /ratings'),
    span(4, 3, 'ratings', 'SERVER', 'GET /ratings'),
  ];
}

async function post(cli: CliProcess, spans: unknown[]): Promise<void> {
  const res = await fetch(`http://${cli.receivers.zipkin?.http}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spans) });
  assert.equal(res.status, 202, await res.text());
}

interface Edge {
  parent: string;
  child: string;
  callCount: number;
  errorCount: number;
  faultCount: number;
}

async function edges(api: string): Promise<Edge[]> {
  const res = await fetch(`${api}/api/v1/dependencies`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { edges: Edge[] }).edges;
}

/** Edges by parent -> child with their counts summed over several stores. */
function merged(lists: Edge[][]): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  for (const e of lists.flat()) {
    const key = `${e.parent} -> ${e.child}`;
    const [c, er, f] = out[key] ?? [0, 0, 0];
    out[key] = [c + e.callCount, er + e.errorCount, f + e.faultCount];
  }
  return out;
}

async function spansOf(api: string, traceId: string): Promise<number> {
  const res = await fetch(`${api}/api/v1/traces/${traceId}`);
  if (res.status === 404) return 0;
  assert.equal(res.status, 200);
  return countSpans(decodeOtlpJson(await res.text()));
}

describe('loadbalancing tier -> two collectors, read back by query-only instances', () => {
  const running: CliProcess[] = [];
  const start = async (config: string) => {
    const cli = await startCli(['--config', config]);
    running.push(cli);
    return cli;
  };
  let allInOne: CliProcess;
  let queryA: CliProcess;
  let queryB: CliProcess;
  let sent = 0;
  const traceIds: string[] = [];

  before(async () => {
    const a = await start(collectorConfig('a', '127.0.0.1:0'));
    let b = await start(collectorConfig('b', '127.0.0.1:0'));
    const addrA = a.receivers.otlp?.grpc ?? '';
    const addrB = b.receivers.otlp?.grpc ?? '';
    const balancer = await start(
      configFile(
        'balancer.yaml',
        `
receivers:
  zipkin: {endpoint: 127.0.0.1:0}
processors:
  batch: {timeout: 20ms}
exporters:
  loadbalancing:
    routing_key: traceID
    protocol:
      otlp:
        tls: {insecure: true}
        timeout: 2s
        retry_on_failure: {initial_interval: 100ms, max_interval: 500ms, max_elapsed_time: 120s}
    resolver:
      static: {hostnames: ["${addrA}", "${addrB}"]}
service:
  pipelines:
    traces: {receivers: [zipkin], processors: [batch], exporters: [loadbalancing]}
  telemetry: {metrics: {address: 127.0.0.1:0}}
`,
      ),
    );
    allInOne = await start(
      configFile(
        'all-in-one.yaml',
        `
receivers:
  zipkin: {endpoint: 127.0.0.1:0}
processors:
  batch: {timeout: 20ms}
exporters:
  store: {}
storage:
  sqlite: {path: ${join(dir, 'all-in-one.db')}}
  dependency_grace_period: 1s
query: {endpoint: 127.0.0.1:0}
service:
  pipelines:
    traces: {receivers: [zipkin], processors: [batch], exporters: [store]}
  telemetry: {metrics: {address: 127.0.0.1:0}}
`,
      ),
    );

    const nowMicros = Date.now() * 1000;
    const perRequest = TRACES / REQUESTS;
    for (let r = 0; r < REQUESTS; r++) {
      // Collector b goes away for the middle third of the run and comes back on its address.
      if (r === REQUESTS / 3) assert.equal(await b.stop(), 0);
      if (r === (2 * REQUESTS) / 3) b = await start(collectorConfig('b', addrB));
      // Each request mixes spans of several traces, in an order that is not by trace.
      const spans = Array.from({ length: perRequest }, (_, i) => traceSpans(r * perRequest + i, nowMicros)).flat().reverse();
      for (let i = 0; i < perRequest; i++) traceIds.push(hex(0xa0000 + r * perRequest + i, 32));
      await post(balancer, spans);
      await post(allInOne, spans);
      sent += spans.length;
    }
    // Everything the balancer acknowledged has been delivered to a collector.
    await eventually(
      'the balancer to deliver every span',
      async () => ((await metricValue(`http://${balancer.telemetryAddress}`, 'spanbridge_exporter_sent_spans_total', 'exporter="loadbalancing[')) === sent ? true : undefined),
      60_000,
    );
    assert.equal(await metricValue(`http://${balancer.telemetryAddress}`, 'spanbridge_exporter_send_failed_spans_total', 'exporter="loadbalancing['), 0);
    assert.ok((await metricValue(`http://${balancer.telemetryAddress}`, 'spanbridge_loadbalancer_backend_spans_total', `backend="${addrB}"`)) > 0);
    // Collectors stop (flushing what they hold), then a query-only process reads each one's store.
    for (const cli of [balancer, a, b]) assert.equal(await cli.stop(), 0);
    queryA = await start(queryConfig('a'));
    queryB = await start(queryConfig('b'));
  });

  after(async () => {
    for (const cli of running) await cli.stop();
  });

  test('query-only instances run without receivers or pipelines', () => {
    assert.deepEqual(queryA.receivers, {});
    assert.ok(queryA.queryAddress && queryB.queryAddress);
  });

  test('every trace is whole at exactly one collector', async () => {
    const apis = [`http://${queryA.queryAddress}`, `http://${queryB.queryAddress}`];
    const perCollector = [0, 0];
    for (const traceId of traceIds) {
      const counts = await Promise.all(apis.map((api) => spansOf(api, traceId)));
      assert.deepEqual(counts.filter((n) => n > 0), [SPANS_PER_TRACE], `trace ${traceId}: spans at each collector ${counts.join(', ')}`);
      counts.forEach((n, i) => (perCollector[i] += n > 0 ? 1 : 0));
    }
    assert.ok((perCollector[0] ?? 0) > 0 && (perCollector[1] ?? 0) > 0, `traces per collector: ${perCollector.join(', ')}`);
    assert.equal(sent, TRACES * SPANS_PER_TRACE);
  });

  test('the dependency edges over both collectors equal those of the all-in-one', async () => {
    const single = merged([await edges(`http://${allInOne.queryAddress}`)]);
    const both = merged([await edges(`http://${queryA.queryAddress}`), await edges(`http://${queryB.queryAddress}`)]);
    assert.deepEqual(both, single);
    assert.deepEqual(single['productpage -> reviews']?.[0], TRACES);
    assert.ok((single['reviews -> ratings']?.[2] ?? 0) > 0, 'the injected faults are counted');
  });
});
