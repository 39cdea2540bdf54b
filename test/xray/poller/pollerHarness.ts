// Test support: a poller wired to the fake X-Ray API (through the real AWS SDK client), a SQLite state store in a
// temporary folder, a clock the test moves, and a sink that keeps every batch the poller hands on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { forEachSpan } from '../../../src/model/batch.js';
import type { TraceBatch } from '../../../src/model/span.js';
import type { Consumer } from '../../../src/pipeline/component.js';
import { createTelemetry, type Telemetry } from '../../../src/telemetry/telemetry.js';
import { createSqlitePollerStateStore } from '../../../src/xray/poller/createSqlitePollerStateStore.js';
import { createXrayClient } from '../../../src/xray/poller/createXrayClient.js';
import { createXrayPoller, type XrayPoller } from '../../../src/xray/poller/createXrayPoller.js';
import { pollerBackoff, type PollerSettings } from '../../../src/xray/poller/pollerSettings.js';
import type { PollerStateStore } from '../../../src/xray/poller/pollerStateStore.js';
import { startFakeXrayApi, type FakeXrayApi } from './startFakeXrayApi.js';

export const MINUTE = 60_000;

/** Fast settings: 10-minute windows, 1-minute settle, no overlap, 1-hour replay, millisecond backoff. */
export function testSettings(overrides: Partial<PollerSettings> = {}): PollerSettings {
  return {
    pollingIntervalMillis: 20,
    windowMillis: 10 * MINUTE,
    settleDelayMillis: MINUTE,
    overlapMillis: 0,
    maxReplayMillis: 60 * MINUTE,
    timeRangeType: 'TraceId',
    filterExpression: '',
    leaseTtlMillis: 60_000,
    maxSeenTraceIds: 100_000,
    backoff: pollerBackoff(1, 5),
    ...overrides,
  };
}

/** Collects batches; `failWith` makes it refuse. */
export interface Sink extends Consumer {
  readonly batches: TraceBatch[];
  failWith: ((batch: TraceBatch) => Error | undefined) | undefined;
  /** How often each span id was delivered. */
  spanCounts(): Map<string, number>;
  /** Distinct trace ids (OpenTelemetry hex) delivered. */
  traceIds(): Set<string>;
}

export function createSink(): Sink {
  const sink: Sink = {
    batches: [],
    failWith: undefined,
    async consume(batch) {
      const err = sink.failWith?.(batch);
      if (err) throw err;
      sink.batches.push(batch);
    },
    spanCounts() {
      const m = new Map<string, number>();
      for (const b of sink.batches) forEachSpan(b, (s) => m.set(s.spanId, (m.get(s.spanId) ?? 0) + 1));
      return m;
    },
    traceIds() {
      const ids = new Set<string>();
      for (const b of sink.batches) forEachSpan(b, (s) => ids.add(s.traceId));
      return ids;
    },
  };
  return sink;
}

export interface PollerOptions {
  settings?: Partial<PollerSettings>;
  holderId?: string;
  next?: Consumer;
  id?: string;
  /** Another X-Ray API than the fake (e.g. Spanbridge's own), with the keys it checks. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface PollerHarness {
  api: FakeXrayApi;
  sink: Sink;
  telemetry: Telemetry;
  /** The test's clock (Unix ms); move it with `clock.now = ...`. */
  clock: { now: number };
  dbPath: string;
  /** A poller on the shared state file (a new store connection each time, as a restarted process would have). */
  poller(options?: PollerOptions): XrayPoller;
  close(): Promise<void>;
}

export async function startPollerHarness(startMillis = Date.UTC(2026, 0, 10, 12, 0, 0)): Promise<PollerHarness> {
  const api = await startFakeXrayApi();
  const dir = mkdtempSync(join(tmpdir(), 'spanbridge-poller-'));
  const dbPath = join(dir, 'poller.db');
  const sink = createSink();
  const telemetry = createTelemetry();
  const clock = { now: startMillis };
  const opened: Array<{ poller: XrayPoller; store: PollerStateStore; client: ReturnType<typeof createXrayClient> }> = [];
  return {
    api,
    sink,
    telemetry,
    clock,
    dbPath,
    poller(options = {}) {
      const store = createSqlitePollerStateStore({ path: dbPath, key: 'test', now: () => clock.now });
      const keys = options.credentials ?? { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
      const client = createXrayClient({ region: 'us-west-2', endpoint: options.endpoint ?? api.endpoint, ...keys, maxAttempts: 1 });
      const poller = createXrayPoller({
        id: options.id ?? 'awsxray_poller',
        client,
        store,
        next: options.next ?? sink,
        telemetry,
        logger: pino({ level: 'silent' }),
        settings: testSettings(options.settings),
        now: () => clock.now,
        ...(options.holderId ? { holderId: options.holderId } : {}),
      });
      opened.push({ poller, store, client });
      return poller;
    },
    async close() {
      for (const o of opened) {
        await o.poller.stop();
        await o.store.close();
        o.client.destroy();
      }
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A counter's value summed over series whose labels include `labels`. */
export async function counterValue(telemetry: Telemetry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = telemetry.registry.getSingleMetric(name);
  if (metric === undefined) return 0;
  const data = await metric.get();
  return data.values.filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((n, v) => n + v.value, 0);
}

/**
 * Resolves once `check` is true, polling every few milliseconds. The generous deadline only turns a hang into a
 * failure naming `what`; nothing is asserted about how long it took.
 */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, deadlineMillis = 30_000): Promise<void> {
  const until = Date.now() + deadlineMillis;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
