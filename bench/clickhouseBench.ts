// Bench section 3 (clickhouse): bulk-loads `--clickhouse-spans` (default 10M) generated spans of ~20 services over the
// last 24 h into a local clickhouse-server (started here, sharing the machine) through the ClickHouse store as the
// writer does (concurrent writes of 8192-span batches, grouped into inserts), then times trace-by-id, a search
// (service + attribute equals + min duration over the last 1 h) and the 24 h dependency graph. Baselines in the same
// run: an HTTP round trip to the same server (`SELECT 1`), and SQLite ingest of a smaller load.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { countSpans } from '../src/model/batch.js';
import { createClickHouseStore } from '../src/store/clickhouse/createClickHouseStore.js';
import { createSqliteStore } from '../src/store/sqlite/createSqliteStore.js';
import type { TraceQuery, TraceStore } from '../src/store/store.js';
import { startClickHouseServer } from '../test/support/clickhouseServer.js';
import { seededRandom } from '../test/support/seededRandom.js';
import type { BenchOptions, BenchSection, Print } from './benchSection.js';
import { formatCount, formatMillis, formatRatio, formatTable, targetMark } from './formatTable.js';
import { nowMillis, percentile, perSecond, rssMiB } from './measure.js';
import { shopBatches } from './shopBatches.js';

const SPANS_PER_BATCH = 8192;
/** Writes in flight at once, as several receivers' batches reach the store exporter together. */
const WRITES_IN_FLIGHT = 4;
const HOUR_NANOS = 3_600_000_000_000n;
const MS = 1_000_000n;
const TRACE_SAMPLES = 500;
const SQLITE_BASELINE_SPANS = 200_000;

/** Loads `spans` through `store.write` with WRITES_IN_FLIGHT writes at once; spans/s over the load's wall time. */
async function load(store: TraceStore, spans: number, fromNanos: bigint, toNanos: bigint, print: Print | undefined, onTrace?: (id: string) => void): Promise<{ rate: number; batchMillis: number[] }> {
  const inFlight = new Set<Promise<void>>();
  const batchMillis: number[] = [];
  let written = 0;
  let reported = 0;
  const started = nowMillis();
  for (const batch of shopBatches({ seed: 1, totalSpans: spans, spansPerBatch: SPANS_PER_BATCH, fromNanos, toNanos, ...(onTrace ? { onTrace } : {}) })) {
    const n = countSpans(batch);
    const t = nowMillis();
    const p: Promise<void> = store.write(batch).then(() => {
      batchMillis.push(nowMillis() - t);
      written += n;
      inFlight.delete(p);
    });
    inFlight.add(p);
    if (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
    if (print !== undefined && written - reported >= 1_000_000) {
      reported = written;
      print(`  stored ${formatCount(written)} of ${formatCount(spans)} spans; ${formatCount(perSecond(written, nowMillis() - started))} spans/s so far`);
    }
    await yieldToEventLoop();
  }
  await Promise.all(inFlight);
  return { rate: perSecond(spans, nowMillis() - started), batchMillis };
}

async function timeCalls<T>(inputs: readonly T[], warmups: number, fn: (input: T) => Promise<unknown>): Promise<{ millis: number[]; results: unknown[] }> {
  for (let i = 0; i < warmups; i++) await fn(inputs[i % inputs.length] as T);
  const millis: number[] = [];
  const results: unknown[] = [];
  for (const input of inputs) {
    const t = nowMillis();
    results.push(await fn(input));
    millis.push(nowMillis() - t);
  }
  return { millis, results };
}

function searches(endNanos: bigint): TraceQuery[] {
  const window = { startTimeMin: endNanos - HOUR_NANOS, startTimeMax: endNanos };
  const equals = (key: string, value: string) => [{ key, op: 'equals' as const, value }];
  return [
    { service: 'frontend', attributes: equals('customer.tier', 'gold'), minDurationNanos: 100n * MS, ...window },
    { service: 'catalog', attributes: equals('http.response.status_code', '200'), minDurationNanos: 50n * MS, ...window },
    { service: 'checkout', attributes: equals('http.request.method', 'POST'), minDurationNanos: 20n * MS, ...window },
    { service: 'payment', attributes: equals('http.response.status_code', '503'), minDurationNanos: 1n * MS, ...window },
    { service: 'cart', attributes: equals('db.system', 'redis'), minDurationNanos: 10n * MS, ...window },
  ];
}

async function run(options: BenchOptions, print: Print): Promise<void> {
  const server = await startClickHouseServer();
  try {
    const now = BigInt(Date.now()) * MS;
    const from = now - 24n * HOUR_NANOS;
    const sqliteSpans = Math.min(SQLITE_BASELINE_SPANS, options.clickhouseSpans);
    const sqlite = createSqliteStore({ path: ':memory:' });
    const sqliteRate = await load(sqlite, sqliteSpans, from, now, undefined).finally(() => sqlite.close());

    print(`bulk-loading ${formatCount(options.clickhouseSpans)} spans (20 services, traces over the last 24 h, ${WRITES_IN_FLIGHT} writes of ${SPANS_PER_BATCH} in flight) into clickhouse-server at ${server.endpoint}`);
    const store = createClickHouseStore({ endpoint: server.endpoint, database: 'bench', compression: false, batchMaxSpans: 50_000, batchMaxDelayMillis: 20 });
    try {
      const random = seededRandom(5);
      const sampled: string[] = [];
      let seen = 0;
      const onTrace = (id: string) => {
        seen++;
        if (sampled.length < TRACE_SAMPLES) sampled.push(id);
        else if (random() * seen < TRACE_SAMPLES) sampled[Math.floor(random() * TRACE_SAMPLES)] = id;
      };
      const ingest = await load(store, options.clickhouseSpans, from, now, print, onTrace);
      const roundTrip = await timeCalls(Array.from({ length: 200 }, () => 0), 20, async () => (await fetch(`${server.endpoint}/?query=SELECT%201`)).text());
      const byId = await timeCalls(sampled, 20, (id) => store.getTrace(id));
      const missing = byId.results.filter((r) => r === undefined).length;
      const queries = searches(now);
      const searchInputs = Array.from({ length: 50 }, (_, i) => queries[i % queries.length] as TraceQuery);
      const search = await timeCalls(searchInputs, queries.length, (q) => store.findTraces(q));
      const hits = search.results.slice(0, queries.length).map((r) => (r as { traces: unknown[] }).traces.length);
      const deps = await timeCalls(Array.from({ length: 30 }, () => [from, now] as const), 3, ([a, b]) => store.getDependencies(a, b));
      const edges = (deps.results[0] as unknown[]).length;
      const p = (xs: number[], q: number) => formatMillis(percentile(xs, q));
      print(
        formatTable(
          ['measure', 'figure', 'p50', 'p99', 'target', 'note'],
          [
            ['write through the ClickHouse store', `${formatCount(ingest.rate)} spans/s`, p(ingest.batchMillis, 50), p(ingest.batchMillis, 99), targetMark('>= 40k spans/s', ingest.rate >= 40_000), `${seen} traces; p50/p99 per ${SPANS_PER_BATCH}-span write, acknowledged`],
            ['baseline: write through SQLite (:memory:)', `${formatCount(sqliteRate.rate)} spans/s`, p(sqliteRate.batchMillis, 50), p(sqliteRate.batchMillis, 99), '', `${formatCount(sqliteSpans)} spans; ClickHouse/SQLite ${formatRatio(ingest.rate / sqliteRate.rate)}`],
            ['baseline: HTTP round trip (SELECT 1)', `${roundTrip.millis.length} calls`, p(roundTrip.millis, 50), p(roundTrip.millis, 99), '', 'the floor of every query below'],
            ['trace by id', `${sampled.length} calls`, p(byId.millis, 50), p(byId.millis, 99), targetMark('p99 <= 100 ms', percentile(byId.millis, 99) <= 100), missing === 0 ? 'every id found' : `${missing} ids NOT FOUND`],
            ['search: service + attribute = + min duration, last 1 h', `${searchInputs.length} calls`, p(search.millis, 50), p(search.millis, 99), targetMark('p99 <= 300 ms', percentile(search.millis, 99) <= 300), `traces found: ${hits.join('/')}`],
            ['dependencies over 24 h', `${deps.millis.length} calls`, p(deps.millis, 50), p(deps.millis, 99), targetMark('p99 <= 100 ms', percentile(deps.millis, 99) <= 100), `${edges} edges`],
          ],
        ),
      );
      print(`RSS ${rssMiB().toFixed(0)} MiB (this process; clickhouse-server runs beside it)`);
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}

export const clickhouseBench: BenchSection = {
  name: 'clickhouse',
  title: '2b. ClickHouse store: bulk load into a local clickhouse-server, and queries over the stored spans',
  run,
};
