// Bench section 2 (store): ingest through the `store` exporter into a SQLite store in a temp folder, then, with
// `--spans` (default 1M) spans of ~20 services over the last 24 h stored, the latency of trace-by-id, a search
// (service + attribute equals + min duration over the last 1 h) and the 24 h dependency graph.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { countSpans } from '../src/model/batch.js';
import { createSqliteStore } from '../src/store/sqlite/createSqliteStore.js';
import type { TraceQuery, TraceStore } from '../src/store/store.js';
import { seededRandom } from '../test/support/seededRandom.js';
import type { BenchOptions, BenchSection, Print } from './benchSection.js';
import { formatCount, formatMillis, formatTable, targetMark } from './formatTable.js';
import { median, nowMillis, percentile, perSecond, rssMiB } from './measure.js';
import { shopBatches } from './shopBatches.js';
import { openStoreIngest } from './storeIngest.js';

/** Spans per batch handed to the exporter: the batch processor's default send_batch_size. */
const SPANS_PER_BATCH = 8192;
const CHUNK_SPANS = 100_000;
const WARMUP_SPANS = 20_000;
const HOUR_NANOS = 3_600_000_000_000n;
const MS = 1_000_000n;
const TRACE_SAMPLES = 1000;

interface IngestFigures {
  spans: number;
  writeMillis: number;
  chunkRates: number[];
  batchMillis: number[];
}

/** Writes generated batches through the exporter, timing only the writes (generation is excluded). */
async function ingest(store: TraceStore, spans: number, fromNanos: bigint, toNanos: bigint, seed: number, print: Print | undefined, onTrace?: (id: string, start: bigint) => void): Promise<IngestFigures> {
  const exporter = await openStoreIngest(store);
  const chunkRates: number[] = [];
  const batchMillis: number[] = [];
  let written = 0;
  let writeMillis = 0;
  let chunkSpans = 0;
  let chunkMillis = 0;
  try {
    const options = { seed, totalSpans: spans, spansPerBatch: SPANS_PER_BATCH, fromNanos, toNanos, ...(onTrace ? { onTrace } : {}) };
    for (const batch of shopBatches(options)) {
      const n = countSpans(batch);
      const t = nowMillis();
      await exporter.write(batch);
      const dt = nowMillis() - t;
      batchMillis.push(dt);
      writeMillis += dt;
      written += n;
      chunkSpans += n;
      chunkMillis += dt;
      if (chunkSpans >= CHUNK_SPANS || written === spans) {
        chunkRates.push(perSecond(chunkSpans, chunkMillis));
        print?.(`  stored ${formatCount(written)} of ${formatCount(spans)} spans; this chunk ${formatCount(perSecond(chunkSpans, chunkMillis))} spans/s`);
        chunkSpans = 0;
        chunkMillis = 0;
      }
      // As a server would between requests: lets the store's timers (dependency pairing expiry) run.
      await yieldToEventLoop();
    }
  } finally {
    await exporter.close();
  }
  return { spans: written, writeMillis, chunkRates, batchMillis };
}

/** Times `fn` over each input after `warmups` untimed calls; returns the per-call milliseconds. */
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

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/** Searches over the last hour ending at `endNanos`: one service, one attribute equal to a value, a minimum duration. */
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
  const dir = mkdtempSync(join(tmpdir(), 'spanbridge-bench-'));
  try {
    const now = BigInt(Date.now()) * MS;
    const from = now - 24n * HOUR_NANOS;

    const warm = createSqliteStore({ path: join(dir, 'warmup.db') });
    try {
      await ingest(warm, Math.min(WARMUP_SPANS, options.storeSpans), from, now, 99, undefined);
    } finally {
      await warm.close();
    }

    print(`ingesting ${formatCount(options.storeSpans)} spans (20 services, traces over the last 24 h, batches of ${SPANS_PER_BATCH}) into ${join(dir, 'bench.db')}`);
    const store = createSqliteStore({ path: join(dir, 'bench.db') });
    try {
      const random = seededRandom(5);
      const sampled: string[] = [];
      let seen = 0;
      // Reservoir sampling: trace ids drawn evenly from the whole 24 h.
      const onTrace = (id: string) => {
        seen++;
        if (sampled.length < TRACE_SAMPLES) sampled.push(id);
        else if (random() * seen < TRACE_SAMPLES) sampled[Math.floor(random() * TRACE_SAMPLES)] = id;
      };
      const started = nowMillis();
      const figures = await ingest(store, options.storeSpans, from, now, 1, print, onTrace);
      print(`  done in ${((nowMillis() - started) / 1000).toFixed(1)} s (${(figures.writeMillis / 1000).toFixed(1)} s of it writing); ${seen} traces; database ${(folderBytes(dir) / 1e6).toFixed(0)} MB`);

      const byId = await timeCalls(sampled, 50, (id) => store.getTrace(id));
      const missing = byId.results.filter((r) => r === undefined).length;
      const queries = searches(now);
      const searchInputs = Array.from({ length: 100 }, (_, i) => queries[i % queries.length] as TraceQuery);
      const search = await timeCalls(searchInputs, queries.length, (q) => store.findTraces(q));
      const hits = search.results.slice(0, queries.length).map((r) => (r as { traces: unknown[] }).traces.length);
      const deps = await timeCalls(Array.from({ length: 30 }, () => [from, now] as const), 3, ([a, b]) => store.getDependencies(a, b));
      const edges = (deps.results[0] as unknown[]).length;

      const overall = perSecond(figures.spans, figures.writeMillis);
      const chunkMedian = median(figures.chunkRates);
      const p = (xs: number[], q: number) => formatMillis(percentile(xs, q));
      print(
        formatTable(
          ['measure', 'figure', 'p50', 'p99', 'target', 'note'],
          [
            ['ingest through the store exporter', `${formatCount(chunkMedian)} spans/s`, p(figures.batchMillis, 50), p(figures.batchMillis, 99), targetMark('>= 60k spans/s', chunkMedian >= 60_000), `median of ${figures.chunkRates.length} chunks of ${formatCount(CHUNK_SPANS)}; overall ${formatCount(overall)}/s; p50/p99 per ${SPANS_PER_BATCH}-span batch`],
            ['trace by id', `${sampled.length} calls`, p(byId.millis, 50), p(byId.millis, 99), targetMark('p99 <= 5 ms', percentile(byId.millis, 99) <= 5), missing === 0 ? 'every id found' : `${missing} ids NOT FOUND`],
            ['search: service + attribute = + min duration, last 1 h', `${searchInputs.length} calls`, p(search.millis, 50), p(search.millis, 99), targetMark('p99 <= 50 ms', percentile(search.millis, 99) <= 50), `${queries.length} queries in turn; traces found: ${hits.join('/')}`],
            ['dependencies over 24 h', `${deps.millis.length} calls`, p(deps.millis, 50), p(deps.millis, 99), targetMark('<= 20 ms', percentile(deps.millis, 99) <= 20), `${edges} edges`],
          ],
        ),
      );
      print(`RSS ${rssMiB().toFixed(0)} MiB`);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const storeBench: BenchSection = {
  name: 'store',
  title: '2. Store: SQLite ingest through the store exporter, and queries over the stored spans',
  run,
};
