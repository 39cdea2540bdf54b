import type { Logger } from 'pino';
import { PipelineError } from '../../errors.js';
import type { TraceBatch } from '../../model/span.js';
import { createRateLimitedLog } from '../../telemetry/rateLimitedLog.js';
import { checkBatch } from '../checkBatch.js';
import { createDependencyLinker } from '../dependencies/dependencyLinker.js';
import { createEdgeAccumulator } from '../dependencies/edgeAccumulator.js';
import { ENTRY_CALLER } from '../dependencies/entryCall.js';
import { summarizeEdges, summarizeServiceMapEdges } from '../dependencies/summarizeEdges.js';
import { peerOfCalleeName } from '../dependencies/virtualCallee.js';
import type { TraceStore } from '../store.js';
import { validateQuery } from '../validateQuery.js';
import { createCatalogueNotes, createCatalogueReads, emptyCatalogueRows, insertCatalogueRows, type CatalogueReads } from './catalogues.js';
import { openConnection, type ClickHouseConnection } from './clickhouseConnection.js';
import { createEdgeReads, edgeCallRows, type EdgeReads } from './edges.js';
import { createInsertBatcher, type InsertBatcher } from './insertBatcher.js';
import { schemaStatements, tableNames } from './schema.js';
import { createTraceSearch } from './searchTraces.js';
import { dayOf } from './spanRows.js';
import { formatLiteral } from './sqlLiteral.js';
import { createTraceReads, type TraceReads } from './traceReads.js';
import { batchRows, type WriteRows } from './writeBatch.js';

export interface ClickHouseStoreOptions {
  endpoint: string;
  database: string;
  username?: string;
  password?: string;
  /** A `remote_servers` cluster name: local tables plus Distributed ones, DDL ON CLUSTER. */
  cluster?: string;
  createSchema?: boolean;
  batchMaxSpans?: number;
  batchMaxDelayMillis?: number;
  compression?: boolean;
  timeoutMillis?: number;
  logger?: Logger;
  dependencyGraceMillis?: number;
  maxPendingSpans?: number;
}

const DEFAULT_VALUES_LIMIT = 100;

/** What the store holds once connected (and, when asked, the schema is created). */
interface Connected {
  ch: ClickHouseConnection;
  traces: TraceReads;
  search: ReturnType<typeof createTraceSearch>;
  catalogues: CatalogueReads;
  edges: EdgeReads;
  batcher: InsertBatcher<WriteRows>;
}

/**
 * The ClickHouse trace store (README.md). It connects on first use, and again on the next call when that failed, so
 * a process starts while ClickHouse is down; writes fail with SB_EXPORT_FAILED (retryable) meanwhile.
 */
export function createClickHouseStore(options: ClickHouseStoreOptions): TraceStore {
  const logger = options.logger;
  // Failed edge inserts repeat every second while ClickHouse is away.
  const edgeFailures = createRateLimitedLog(logger);
  try {
    new URL(options.endpoint);
  } catch (e) {
    throw new PipelineError('SB_CONFIG', `storage.clickhouse.endpoint: "${options.endpoint}" is not a URL`, { cause: e });
  }
  const t = tableNames(options.database, options.cluster);
  const graceMillis = options.dependencyGraceMillis ?? 30_000;
  const notes = createCatalogueNotes();
  const linker = createDependencyLinker({ graceMillis, maxPending: options.maxPendingSpans ?? 100_000 });
  const accumulator = createEdgeAccumulator();
  let connecting: Promise<Connected> | undefined;
  let connected: Connected | undefined;
  let open = true;

  async function connect(): Promise<Connected> {
    const ch = await openConnection({
      endpoint: options.endpoint, username: options.username ?? 'default', password: options.password ?? '', compression: options.compression ?? true,
      requestTimeoutMillis: options.timeoutMillis ?? 30_000,
      // On a cluster an insert is acknowledged once every shard holds its rows, not when queued for them.
      ...(options.cluster === undefined ? {} : { insertSettings: { insert_distributed_sync: 1 } }),
    });
    try {
      if (options.createSchema ?? true) for (const statement of schemaStatements(options.database, options.cluster)) await ch.command(statement);
    } catch (e) {
      await ch.close();
      throw e;
    }
    logger?.info({ endpoint: options.endpoint, database: options.database, cluster: options.cluster, version: ch.version, queryParameters: ch.serverParameters }, 'trace store open (ClickHouse)');
    const traces = createTraceReads(ch, t);
    const batcher = createInsertBatcher<WriteRows>({
      maxSize: options.batchMaxSpans ?? 20_000,
      maxDelayMillis: options.batchMaxDelayMillis ?? 50,
      async insert(items) {
        const catalogues = emptyCatalogueRows();
        for (const i of items) for (const k of Object.keys(catalogues) as (keyof typeof catalogues)[]) (catalogues[k] as unknown[]).push(...i.catalogues[k]);
        await Promise.all([ch.insert(t.spans, items.flatMap((i) => i.spans)), ch.insert(t.traceTimes, items.flatMap((i) => i.traceTimes)), insertCatalogueRows(ch, t, catalogues)]);
      },
    });
    return { ch, traces, search: createTraceSearch(ch, t, traces), catalogues: createCatalogueReads(ch, t), edges: createEdgeReads(ch, t), batcher };
  }

  async function state(): Promise<Connected> {
    if (!open) throw new PipelineError('SB_SHUTTING_DOWN', 'the trace store is closed');
    if (connected !== undefined) return connected;
    connecting ??= connect().then(
      (c) => (connected = c),
      (e: unknown) => {
        connecting = undefined;
        throw new PipelineError('SB_EXPORT_FAILED', `ClickHouse at ${options.endpoint}: ${(e as Error).message}`, { cause: e });
      },
    );
    return connecting;
  }

  let flushing: Promise<void> = Promise.resolve();
  /** Ends the grace periods that are over (all of them at close) and inserts the calls held; one flush at a time. */
  function flushEdges(all = false): Promise<void> {
    flushing = flushing.then(async () => {
      if (all) linker.expireAll(accumulator.add);
      else linker.expire(Date.now(), accumulator.add);
      if (accumulator.size === 0 || connected === undefined) return;
      const { ch } = connected;
      const buckets = accumulator.drain();
      const catalogues = emptyCatalogueRows();
      for (const b of buckets) {
        const peer = peerOfCalleeName(b.child);
        if (b.parent !== ENTRY_CALLER && peer !== '') notes.noteRemote(catalogues, b.parent, peer);
      }
      try {
        await Promise.all([ch.insert(t.edgeCalls, edgeCallRows(buckets)), insertCatalogueRows(ch, t, catalogues)]);
      } catch (e) {
        notes.forget(catalogues);
        edgeFailures.warn({ err: e }, 'storing dependency edges in ClickHouse failed; the calls held are dropped');
      }
    });
    return flushing;
  }
  const timer = setInterval(() => void flushEdges(), Math.max(50, Math.min(1000, graceMillis / 2)));
  timer.unref();

  return {
    async write(batch) {
      // The caller may empty the batch, truncating its array, as soon as this returns (StoreWriter.write): its
      // content is taken now, before the first await, and turned into rows once connected.
      const own: TraceBatch = { ...batch, resourceSpans: batch.resourceSpans.slice() };
      const s = await state();
      checkBatch(own);
      const rows = batchRows(own, { notes, linker, accumulator }, Date.now());
      try {
        await s.batcher.add(rows, rows.spans.length);
      } catch (e) {
        notes.forget(rows.catalogues);
        throw new PipelineError('SB_EXPORT_FAILED', `storing spans in ClickHouse failed: ${(e as Error).message}`, { cause: e });
      }
    },
    async getTrace(traceId) {
      return (await state()).traces.getTrace(traceId);
    },
    async getTraceSummary(traceId) {
      const { traces } = await state();
      return (await traces.summaries(await traces.ranges([traceId]))).get(traceId);
    },
    async findTraces(query) {
      const s = await state();
      return s.search(validateQuery(query));
    },
    async getServices() {
      return (await state()).catalogues.services();
    },
    async getOperations(service) {
      return (await state()).catalogues.operations(service);
    },
    async getRemoteServices(service) {
      const s = await state();
      await flushEdges();
      return s.catalogues.remotes(service);
    },
    async getDependencies(startNanos, endNanos) {
      const s = await state();
      if (endNanos <= startNanos) return [];
      await flushEdges();
      const [rows, services] = await Promise.all([s.edges.read(startNanos, endNanos), s.catalogues.services()]);
      const known = new Set(services);
      return summarizeEdges(rows, (name) => known.has(name));
    },
    async getServiceMap(startNanos, endNanos) {
      const s = await state();
      if (endNanos <= startNanos) return { services: [], edges: [] };
      await flushEdges();
      const [rows, services, inWindow] = await Promise.all([s.edges.read(startNanos, endNanos), s.catalogues.services(), s.edges.servicesInWindow(startNanos, endNanos)]);
      const known = new Set(services);
      return { services: inWindow, edges: summarizeServiceMapEdges(rows, (name) => known.has(name)) };
    },
    async getAttributeKeys() {
      return (await state()).catalogues.keys();
    },
    async getAttributeValues(key, limit = DEFAULT_VALUES_LIMIT) {
      return (await state()).catalogues.values(key, Math.max(0, Math.floor(limit)));
    },
    async deleteBefore(cutoffNanos) {
      const { ch } = await state();
      await flushEdges();
      // Whole days that ended by the cutoff (README.md, "Retention").
      const cut = dayOf(cutoffNanos);
      const [count] = await ch.select<{ n: string }>(`SELECT toString(count()) AS n FROM ${t.spans} WHERE day < {cut:Date}`, { cut });
      for (const table of t.partitioned) {
        const days = await ch.select<{ d: string }>(`SELECT DISTINCT toString(day) AS d FROM ${table.read} WHERE day < {cut:Date}`, { cut });
        // The partition is a value read back from the server, written by the one literal function.
        for (const { d } of days) await ch.command(`ALTER TABLE ${table.alter}${t.onCluster} DROP PARTITION ${formatLiteral(d, 'Date')}`);
      }
      return Number(count?.n ?? 0);
    },
    async close() {
      if (!open) return;
      clearInterval(timer);
      const c = connected ?? (connecting === undefined ? undefined : await connecting.catch(() => undefined));
      if (c !== undefined) await c.batcher.drain();
      await flushEdges(true);
      open = false;
      if (c !== undefined) await c.ch.close();
      logger?.info({ endpoint: options.endpoint }, 'trace store closed (ClickHouse)');
    },
  };
}
