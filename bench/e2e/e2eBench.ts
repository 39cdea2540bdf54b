// Section `e2e`: the real CLI (dist/main.js, the all-in-one pipeline zipkin + otlp -> memory_limiter -> istio -> batch
// -> store) in its own process, loaded from another process (autocannon for HTTP, grpc-js for gRPC), while this
// process times trace-by-id and search through the Jaeger API. Stored spans/s come from the server's counters once
// what it accepted is committed; CPU and peak RSS from /proc. Each load runs against a fresh server and database.
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { ExportTraceServiceRequestType } from '../../src/codecs/otlp/otlpProto.js';
import type { BenchOptions, BenchSection, Print } from '../benchSection.js';
import { nowMillis, perSecond, repeat, timeEach } from '../measure.js';
import { bodyPool, requestTraceIds, type BodyOptions, type BodyPool, type E2eProtocol, type E2eScenario } from './e2eBodies.js';
import { queryTable, storeTable, TARGETS, type ScenarioFigures } from './e2eReport.js';
import type { LoadMessage, LoadRequest, LoadResult } from './loadClient.js';
import { storedSpans } from './metricsText.js';
import { startQueryProbe, type ProbeResult, type SearchSpec } from './queryProbe.js';
import { startClickHouseServer } from '../../test/support/clickhouseServer.js';
import { procStats, serverImageEnvironment, startServer, type ServerAddresses } from './serverProcess.js';

/** In-flight requests of the overload scenario, as a multiple of `--connections`. */
const OVERLOAD_MULTIPLE = 4;
const BODIES = 400;
const SPANS_PER_BODY = 100;
/** 20 services x 16 replicas: 320 pods, each its own resource. */
const PODS_PER_SERVICE = 16;
const DRAIN_POLL_MILLIS = 200;
const DRAIN_QUIET_POLLS = 5;
const DRAIN_LIMIT_MILLIS = 60_000;
const SEARCH: SearchSpec = { service: 'frontend', tag: 'http.request.method', value: 'POST' };

const LABELS: Record<E2eScenario, string> = {
  zipkin: 'Zipkin v2 JSON / HTTP (Istio sidecars)',
  'otlp-http': 'OTLP protobuf / HTTP (SDK spans)',
  'otlp-grpc': 'OTLP / gRPC (SDK spans)',
  overload: 'Zipkin overload',
  clickhouse: 'Zipkin -> storage.clickhouse',
};

function protocolOf(s: E2eScenario): E2eProtocol {
  return s === 'overload' || s === 'clickhouse' ? 'zipkin' : s;
}

function targetOf(s: E2eScenario): number | undefined {
  if (s === 'overload') return undefined;
  return s === 'zipkin' || s === 'clickhouse' ? TARGETS.zipkinSpansPerSecond : TARGETS.otlpSpansPerSecond;
}

function addressFor(p: E2eProtocol, a: ServerAddresses): string {
  return p === 'zipkin' ? a.zipkin : p === 'otlp-http' ? a.otlpHttp : a.otlpGrpc;
}

/** The bare parse of every body (JSON.parse, or protobufjs decode for OTLP), spans/s: the same-run baseline. */
async function baseline(pool: BodyPool, options: BenchOptions): Promise<number> {
  const parse = pool.protocol === 'zipkin' ? (b: Buffer) => JSON.parse(b.toString('utf8')) as unknown : (b: Buffer) => ExportTraceServiceRequestType.decode(b);
  const r = await repeat(() => timeEach(pool.bodies, parse), { warmups: Math.min(options.warmups, 1), runs: Math.min(options.runs, 3) });
  return perSecond(pool.bodies.length * pool.spansPerBody, r.medianMillis);
}

async function scrapeStored(telemetry: string): Promise<number> {
  const res = await fetch(`http://${telemetry}/metrics`);
  return storedSpans(await res.text());
}

/** Polls the store's counter until it stops moving; resolves with its value and when it last moved. */
async function drained(telemetry: string): Promise<{ stored: number; at: number }> {
  let stored = await scrapeStored(telemetry);
  let at = nowMillis();
  const deadline = at + DRAIN_LIMIT_MILLIS;
  for (let quiet = 0; quiet < DRAIN_QUIET_POLLS && nowMillis() < deadline; ) {
    await sleep(DRAIN_POLL_MILLIS);
    const now = await scrapeStored(telemetry);
    if (now === stored) quiet++;
    else {
      stored = now;
      at = nowMillis();
      quiet = 0;
    }
  }
  return { stored, at };
}

function startLoad(request: LoadRequest): { child: ChildProcess; ready: Promise<void>; go(): void; done: Promise<LoadResult>; acked(): readonly number[] } {
  const child = fork(fileURLToPath(new URL(`./loadClient${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let recent: number[] = [];
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const done = new Promise<LoadResult>((resolve, reject) => {
    child.on('message', (m: LoadMessage) => {
      if (m.type === 'ready') onReady();
      else if (m.type === 'acked') recent = m.recent;
      else if (m.type === 'done') resolve(m.result);
      else reject(new Error(`load generator failed: ${m.message}`));
    });
    child.once('exit', (code) => reject(new Error(`load generator exited (${code})`)));
  });
  // The exit after `done` rejects an already settled promise: nothing to report then.
  done.catch(() => undefined);
  child.send(request);
  return { child, ready, go: () => child.send('go'), done, acked: () => recent };
}

async function runScenario(scenario: E2eScenario, options: BenchOptions, bodies: BodyOptions, pool: BodyPool, baselineRate: number): Promise<ScenarioFigures> {
  const protocol = protocolOf(scenario);
  const connections = scenario === 'overload' ? options.e2eConnections * OVERLOAD_MULTIPLE : options.e2eConnections;
  // The ClickHouse load writes a local clickhouse-server (started here, on this machine's cores too).
  const clickhouse = scenario === 'clickhouse' ? await startClickHouseServer() : undefined;
  const server = await startServer(clickhouse === undefined ? {} : { clickhouseEndpoint: clickhouse.endpoint }).catch(async (e: unknown) => {
    await clickhouse?.stop();
    throw e;
  });
  try {
    const load = startLoad({ protocol, address: addressFor(protocol, server.addresses), connections, seconds: options.e2eSeconds, bodies });
    await load.ready;
    const loadStart = loadavg()[0] as number;
    const before = procStats(server.pid);
    const storedBefore = await scrapeStored(server.addresses.telemetry);
    const started = nowMillis();
    load.go();
    const probe = startQueryProbe(server.addresses.query, server.addresses.telemetry, () => {
      const recent = load.acked();
      if (recent.length === 0) return undefined;
      const ids = requestTraceIds(pool, recent[Math.floor(Math.random() * recent.length)] as number);
      return ids[Math.floor(Math.random() * ids.length)];
    }, SEARCH);
    let result: LoadResult;
    let probed: ProbeResult;
    try {
      result = await load.done;
    } finally {
      probed = await probe.stop();
    }
    const end = await drained(server.addresses.telemetry);
    const after = procStats(server.pid);
    return {
      label: LABELS[scenario],
      connections,
      storedSpans: end.stored - storedBefore,
      storeSeconds: (end.at - started) / 1000,
      cpuSeconds: after.cpuSeconds - before.cpuSeconds,
      peakRssMiB: after.peakRssMiB,
      baselineSpansPerSecond: baselineRate,
      targetSpansPerSecond: targetOf(scenario),
      load: result,
      probe: probed,
      loadAverage: [loadStart, loadavg()[0] as number],
    };
  } finally {
    await server.stop();
    await clickhouse?.stop();
  }
}

export const e2eBench: BenchSection = {
  name: 'e2e',
  title: '5. End to end: the all-in-one CLI under HTTP/gRPC load from another process, queries timed meanwhile',
  async run(options: BenchOptions, print: Print) {
    const bodies: BodyOptions = { count: BODIES, spansPerBody: SPANS_PER_BODY, podsPerService: PODS_PER_SERVICE, seed: 41, startMillis: Date.now() };
    const imageEnv = Object.entries(serverImageEnvironment()).map(([k, v]) => `${k}=${v}`);
    print(
      `dist/main.js with examples/all-in-one.yaml (Zipkin and OTLP receivers only) on 127.0.0.1, ` +
        `environment of the image (deploy/docker/Dockerfile): ${imageEnv.length === 0 ? 'none (SPANBRIDGE_E2E_IMAGE_ENV=off)' : imageEnv.join(' ')}, ` +
        `fresh database per load; ${options.e2eSeconds} s per load; ` +
        `${BODIES} bodies x ${SPANS_PER_BODY} spans from ${20 * PODS_PER_SERVICE} pods, trace ids new every round; ` +
        `queries: /api/traces/{id} of acknowledged traces, /api/traces?service=${SEARCH.service}&tags={"${SEARCH.tag}":"${SEARCH.value}"}&lookback=1h&limit=20`,
    );
    const pools = new Map<E2eProtocol, { pool: BodyPool; baseline: number }>();
    const figures: ScenarioFigures[] = [];
    for (const scenario of options.e2eProtocols) {
      const protocol = protocolOf(scenario);
      let entry = pools.get(protocol === 'otlp-grpc' ? 'otlp-http' : protocol);
      if (entry === undefined) {
        const pool = bodyPool(protocol, bodies);
        entry = { pool, baseline: await baseline(pool, options) };
        pools.set(protocol === 'otlp-grpc' ? 'otlp-http' : protocol, entry);
      }
      figures.push(await runScenario(scenario, options, bodies, entry.pool, entry.baseline));
    }
    print(storeTable(figures));
    print('');
    print(queryTable(figures));
  },
};
