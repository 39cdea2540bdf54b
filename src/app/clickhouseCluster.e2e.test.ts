// End to end through the real CLI on a two-shard ClickHouse cluster: the demo mesh's traffic (Istio sidecars over
// Zipkin, apps over OTLP/HTTP) goes to a load balancer whose `loadbalancing` exporter routes it by trace id to two
// collectors, each writing through a different shard's server to the Distributed tables; one collector is stopped
// and started again on its address during the run. The balancer also sends every span to one SQLite all-in-one. Then
// two query-only instances, one per shard server, read the cluster, and both are compared with the all-in-one.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { decodeOtlpJson } from '../codecs/otlp/decodeOtlpJson.js';
import { countSpans } from '../model/batch.js';
import { startDemoMesh } from '../demo/startDemoMesh.js';
import type { DemoStats } from '../demo/demoMeshOptions.js';
import { metricValue } from '../../test/support/rawHttp.js';
import { startCli, type CliProcess } from '../../test/support/runCli.js';
import { eventually } from '../../test/support/allInOneConfig.js';
import { skipWithoutCluster, startClickHouseCluster, type RunningCluster } from '../../test/support/clickhouseCluster.js';

const RATE = 20;
/** The first burst of traffic; the second, during which collector b is down then back, lasts twice as long. */
const PHASE_MILLIS = 2000;
const DATABASE = 'mesh';
const dir = mkdtempSync(join(tmpdir(), 'spanbridge-cluster-e2e-'));

function configFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const TELEMETRY = `
  telemetry: {metrics: {address: 127.0.0.1:0}}`;

// The stores keep the default dependency grace period (30 s): a span that waits longer for its partner on a loaded
// machine would pair differently in each process. Nothing waits for it: every writer stops before the reads, and
// stopping ends the grace periods.
const clickhouseStorage = (endpoint: string, cluster: string) => `
storage:
  clickhouse: {endpoint: "${endpoint}", database: ${DATABASE}, cluster: ${cluster}, batch: {max_delay: 10ms}}`;

/** The collector role: OTLP from the balancer, the mesh repair, the store; no query. */
const collectorConfig = (name: string, grpcEndpoint: string, endpoint: string, cluster: string) =>
  configFile(
    `collector-${name}-${grpcEndpoint.replace(/\W/g, '_')}.yaml`,
    `
receivers:
  otlp: {protocols: {grpc: {endpoint: "${grpcEndpoint}"}}}
processors:
  istio: {}
  batch: {timeout: 20ms}
exporters:
  store: {}
${clickhouseStorage(endpoint, cluster)}
service:
  pipelines:
    traces: {receivers: [otlp], processors: [istio, batch], exporters: [store]}${TELEMETRY}
`,
  );

/** The query role: storage and query, nothing else. */
const queryConfig = (name: string, storage: string) =>
  configFile(
    `query-${name}.yaml`,
    `${storage}
query: {endpoint: 127.0.0.1:0}
service:${TELEMETRY}
`,
  );

/**
 * The otlp exporter's settings for a peer that may be away for a while, indented by `indent`. A refused connection
 * fails at once; the long attempt timeout keeps a slow but successful send (a loaded machine) from being sent again,
 * which would store its spans twice (docs/scaling.md, "How it fails").
 */
const otlpRetry = (indent: string) =>
  ['tls: {insecure: true}', 'timeout: 30s', 'retry_on_failure: {initial_interval: 100ms, max_interval: 500ms, max_elapsed_time: 120s}'].map((line) => `\n${indent}${line}`).join('');

const balancerConfig = (collectors: string[], allInOne: string) =>
  configFile(
    'balancer.yaml',
    `
receivers:
  zipkin: {endpoint: 127.0.0.1:0}
  otlp: {protocols: {http: {endpoint: 127.0.0.1:0}}}
processors:
  batch: {timeout: 20ms}
exporters:
  loadbalancing:
    routing_key: traceID
    protocol:
      otlp:${otlpRetry('        ')}
    resolver:
      static: {hostnames: [${collectors.map((c) => `"${c}"`).join(', ')}]}
  otlp:
    endpoint: "${allInOne}"${otlpRetry('    ')}
service:
  pipelines:
    traces: {receivers: [zipkin, otlp], processors: [batch], exporters: [loadbalancing, otlp]}${TELEMETRY}
`,
  );

const sqliteStorage = `
storage:
  sqlite: {path: ${join(dir, 'all-in-one.db')}}`;

const allInOneConfig = () =>
  configFile(
    'all-in-one.yaml',
    `
receivers:
  otlp: {protocols: {grpc: {endpoint: 127.0.0.1:0}}}
processors:
  istio: {}
  batch: {timeout: 20ms}
exporters:
  store: {}
${sqliteStorage}
service:
  pipelines:
    traces: {receivers: [otlp], processors: [istio, batch], exporters: [store]}${TELEMETRY}
`,
  );

interface Edge {
  parent: string;
  child: string;
  faultCount: number;
}

/** The edges in a stable order, whole: counts, p50/p99 (read from the latency histograms) and whether virtual. */
async function edges(api: string): Promise<Edge[]> {
  const res = await fetch(`${api}/api/v1/dependencies`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { edges: Edge[] }).edges.sort((a, b) => `${a.parent} ${a.child}`.localeCompare(`${b.parent} ${b.child}`));
}

async function spansOf(api: string, traceId: string): Promise<number> {
  const res = await fetch(`${api}/api/v1/traces/${traceId}`);
  if (res.status === 404) return 0;
  assert.equal(res.status, 200);
  return countSpans(decodeOtlpJson(await res.text()));
}

/** Every trace the store holds, with its span count as the search reports it. */
async function traces(api: string): Promise<Map<string, number>> {
  const res = await fetch(`${api}/api/v1/traces?limit=1000`);
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as { traces: Array<{ traceId: string; spanCount: number }> };
  return new Map(body.traces.map((t) => [t.traceId, t.spanCount]));
}

describe('demo mesh -> loadbalancing tier -> two collectors -> two-shard ClickHouse, read by two query instances', skipWithoutCluster(), () => {
  let cluster: RunningCluster | undefined;
  const running: CliProcess[] = [];
  const start = async (config: string) => {
    const cli = await startCli(['--config', config], { timeoutMillis: 60_000 });
    running.push(cli);
    return cli;
  };
  const queries: string[] = [];
  let single = '';
  const stats: DemoStats[] = [];
  let accepted = 0;
  let restartedGot = 0;
  let waitingForB = 0;
  const requests = () => stats.reduce((n, st) => n + st.requests, 0);

  before(async () => {
    cluster = await startClickHouseCluster();
    const [nodeA, nodeB] = cluster.nodes.map((n) => n.endpoint) as [string, string];
    const name = cluster.cluster;
    // One at a time: each creates the schema ON CLUSTER at start.
    const a = await start(collectorConfig('a', '127.0.0.1:0', nodeA, name));
    let b = await start(collectorConfig('b', '127.0.0.1:0', nodeB, name));
    const addrB = b.receivers.otlp?.grpc ?? '';
    const allInOne = await start(allInOneConfig());
    const balancer = await start(balancerConfig([a.receivers.otlp?.grpc ?? '', addrB], allInOne.receivers.otlp?.grpc ?? ''));

    /** The demo mesh's traffic to the balancer for `millis`; `meanwhile` runs while it flows. */
    const meshTraffic = async (millis: number, meanwhile: () => Promise<void> = async () => {}) => {
      const mesh = await startDemoMesh({
        zipkinUrl: `http://${balancer.receivers.zipkin?.http}/api/v2/spans`,
        otlpUrl: `http://${balancer.receivers.otlp?.http}/v1/traces`,
        rate: RATE,
        durationMillis: millis,
        errorRate: 0.25,
        flushIntervalMillis: 200,
        logger: pino({ level: 'silent' }),
      });
      await meanwhile();
      await mesh.finished;
      await mesh.stop();
      stats.push(mesh.stats());
    };
    /** Waits until everything the balancer acknowledged was delivered, to a collector and to the all-in-one. */
    const delivered = async () => {
      accepted = await metricValue(`http://${balancer.telemetryAddress}`, 'spanbridge_receiver_accepted_spans_total');
      await eventually(
        'the balancer to deliver every span',
        async () =>
          (await metricValue(`http://${balancer.telemetryAddress}`, 'spanbridge_exporter_sent_spans_total', 'exporter="loadbalancing[')) === accepted &&
          (await metricValue(`http://${balancer.telemetryAddress}`, 'spanbridge_exporter_sent_spans_total', 'exporter="otlp"')) === accepted
            ? true
            : undefined,
        90_000,
      );
    };

    await meshTraffic(PHASE_MILLIS);
    await delivered();
    // Collector b stops between two bursts of traffic: its dependency pairing waits in memory, and a trace split by
    // the stop would have calls still waiting written as calls to virtual nodes (docs/scaling.md), which one
    // all-in-one never does. The second burst starts while b is down; its share waits in the balancer's queue for b,
    // retried, until b is back on the same address halfway through.
    assert.equal(await b.stop(), 0);
    await meshTraffic(2 * PHASE_MILLIS, async () => {
      await sleep(PHASE_MILLIS);
      // Routed to b but not delivered: waiting in its queue.
      waitingForB =
        (await metricValue(`http://${balancer.telemetryAddress}`, 'spanbridge_loadbalancer_backend_spans_total', `backend="${addrB}"`)) -
        (await metricValue(`http://${balancer.telemetryAddress}`, 'spanbridge_exporter_sent_spans_total', `exporter="loadbalancing[${addrB}]"`));
      b = await start(collectorConfig('b', addrB, nodeB, name));
    });
    await delivered();
    assert.equal(await metricValue(`http://${balancer.telemetryAddress}`, 'spanbridge_exporter_send_failed_spans_total'), 0);
    restartedGot = await metricValue(`http://${b.telemetryAddress}`, 'spanbridge_receiver_accepted_spans_total');
    // Everything stops (collectors flush what they hold and their waiting dependency calls); then query-only processes read.
    for (const cli of [balancer, a, b, allInOne]) assert.equal(await cli.stop(), 0);
    for (const [i, node] of [nodeA, nodeB].entries()) queries.push(`http://${(await start(queryConfig(`cluster-${i}`, clickhouseStorage(node, name)))).queryAddress}`);
    single = `http://${(await start(queryConfig('single', sqliteStorage))).queryAddress}`;
  }, { timeout: 300_000 });

  after(async () => {
    for (const cli of running) await cli.stop();
    await cluster?.stop();
  }, { timeout: 120_000 });

  test('the mesh delivered every span it made to the balancer, and the restarted collector got its share', () => {
    for (const st of stats) {
      assert.deepEqual({ dropped: st.zipkin.dropped, failed: st.zipkin.failed, overflowed: st.zipkin.overflowed, otlp: st.otlp.failed }, { dropped: 0, failed: 0, overflowed: 0, otlp: 0 });
    }
    assert.equal(requests(), (RATE * 3 * PHASE_MILLIS) / 1000);
    assert.equal(accepted, stats.reduce((n, st) => n + st.zipkin.sent + st.otlp.sent, 0));
    assert.ok(waitingForB > 0, 'spans for collector b waited in the balancer while it was down');
    assert.ok(restartedGot >= waitingForB, `the restarted collector b got what waited for it (${restartedGot} of ${waitingForB})`);
  });

  test('every trace is whole at either query instance', async () => {
    const sent = await traces(single);
    assert.equal(sent.size, requests(), 'one trace per request in the all-in-one');
    assert.equal([...sent.values()].reduce((a, b) => a + b, 0), accepted, 'the all-in-one holds every span the mesh sent');
    for (const api of queries) assert.deepEqual(await traces(api), sent, `the search at ${api}`);
    for (const [traceId, count] of sent) {
      const counts = await Promise.all(queries.map((api) => spansOf(api, traceId)));
      assert.deepEqual(counts, [count, count], `trace ${traceId}`);
    }
  });

  test('the spans are sharded: each shard server holds part of them in its local table', async () => {
    const local = await Promise.all(
      (cluster?.nodes ?? []).map(async (n) => {
        const res = await fetch(n.endpoint, { method: 'POST', body: `SELECT count() FROM ${DATABASE}.spans_local` });
        assert.equal(res.status, 200);
        return Number((await res.text()).trim());
      }),
    );
    assert.equal(local.length, 2);
    assert.ok(local.every((n) => n > 0), `spans per shard: ${local.join(', ')}`);
    assert.equal(local.reduce((a, b) => a + b, 0), accepted);
  });

  test('both query instances show the dependency edges of the all-in-one', async () => {
    const expected = await edges(single);
    assert.ok(expected.some((e) => e.parent === 'productpage' && e.child === 'reviews'));
    assert.ok(expected.some((e) => e.parent === 'reviews' && e.child === 'ratings' && e.faultCount > 0), 'the injected faults are counted');
    for (const api of queries) assert.deepEqual(await edges(api), expected, api);
  });
});
