import type { Logger } from 'pino';
import { PipelineError } from '../../errors.js';
import type { TraceStore } from '../store.js';
import { validateQuery } from '../validateQuery.js';
import { createDependencyLinker } from '../dependencies/dependencyLinker.js';
import { createEdgeAccumulator } from '../dependencies/edgeAccumulator.js';
import { summarizeEdges, summarizeServiceMapEdges } from '../dependencies/summarizeEdges.js';
import { createCatalogues } from './catalogues.js';
import { checkBatch } from '../checkBatch.js';
import { createDeleteBefore } from './deleteBefore.js';
import { createEdgeTables } from './edgeTables.js';
import { openDatabase } from './openDatabase.js';
import { createOrigins } from './origins.js';
import { createTraceReader } from './readTrace.js';
import { createTraceSearch } from './searchTraces.js';
import { createServicesInWindow } from './servicesInWindow.js';
import { createSpanRows } from './spanRows.js';
import { createTraceSummaries } from './traceSummaries.js';
import { createBatchWriter, writeEdges } from './writeBatch.js';

export interface SqliteStoreOptions {
  /** Database file (its folder is created), or `:memory:`. */
  path: string;
  logger?: Logger;
  /** How long a CLIENT/PRODUCER span waits for its partner before it counts as a call to a virtual node. */
  dependencyGraceMillis?: number;
  /** Most spans waiting for a partner, per side. */
  maxPendingSpans?: number;
}

export const DEFAULT_DEPENDENCY_GRACE_MILLIS = 30_000;
export const DEFAULT_MAX_PENDING_SPANS = 100_000;
const DEFAULT_VALUES_LIMIT = 100;

/** The embedded trace store (README.md): SQLite through better-sqlite3, one writer process per file. */
export function createSqliteStore(options: SqliteStoreOptions): TraceStore {
  const logger = options.logger;
  const graceMillis = options.dependencyGraceMillis ?? DEFAULT_DEPENDENCY_GRACE_MILLIS;
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(options.path);
  } catch (e) {
    throw new PipelineError('SB_CONFIG', `storage.sqlite.path: cannot open "${options.path}": ${(e as Error).message}`, { cause: e });
  }
  const catalogues = createCatalogues(db);
  const origins = createOrigins(db);
  const traces = createTraceSummaries(db, catalogues.serviceName);
  const spanRows = createSpanRows(db);
  const edges = createEdgeTables(db);
  const linker = createDependencyLinker({ graceMillis, maxPending: options.maxPendingSpans ?? DEFAULT_MAX_PENDING_SPANS });
  const accumulator = createEdgeAccumulator();
  const parts = { catalogues, origins, traces, spanRows, edges, linker, accumulator };

  const selectLongest = db.prepare("SELECT value FROM meta WHERE key = 'longest_trace_ns'").pluck();
  const saveLongest = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('longest_trace_ns', ?)");
  let longestTrace = BigInt((selectLongest.get() as string | undefined) ?? '0');

  const writeBatch = createBatchWriter(parts);
  const writeTransaction = db.transaction((batch: Parameters<typeof writeBatch>[0], now: number) => {
    const longest = writeBatch(batch, now);
    if (longest > longestTrace) {
      saveLongest.run(String(longest));
      longestTrace = longest;
    }
  });
  const edgeTransaction = db.transaction(() => writeEdges(parts));
  const readTrace = createTraceReader(db, origins, catalogues.keyName);
  const search = createTraceSearch(db, catalogues, traces, () => longestTrace);
  const servicesInWindow = createServicesInWindow(db);
  let open = true;

  /**
   * After a failed transaction, memory mirrors may hold what was rolled back. (Calls held for the edge tables are
   * kept: they are mostly from earlier writes.)
   */
  function resync(): void {
    catalogues.reload();
    origins.forget();
    traces.forget();
    spanRows.reset();
  }

  /** Ends the grace periods that are over (all of them at close) and writes the calls held. */
  function flushEdges(all = false): void {
    if (all) linker.expireAll(accumulator.add);
    else linker.expire(Date.now(), accumulator.add);
    if (accumulator.size === 0) return;
    try {
      edgeTransaction();
    } catch (e) {
      accumulator.drain();
      logger?.warn({ err: e }, 'storing dependency edges failed; the calls held are dropped');
    }
  }

  const deleteBefore = createDeleteBefore(db, parts, { isOpen: () => open, flushEdges });

  const timer = setInterval(() => flushEdges(), Math.max(50, Math.min(1000, graceMillis / 2)));
  timer.unref();

  function ensureOpen(): void {
    if (!open) throw new PipelineError('SB_SHUTTING_DOWN', 'the trace store is closed');
  }

  logger?.info({ path: options.path }, 'trace store open');

  return {
    async write(batch) {
      ensureOpen();
      checkBatch(batch);
      try {
        writeTransaction(batch, Date.now());
      } catch (e) {
        resync();
        throw new PipelineError('SB_EXPORT_FAILED', `storing spans failed: ${(e as Error).message}`, { cause: e });
      }
    },
    async getTrace(traceId) {
      ensureOpen();
      const seq = traces.seqOf(traceId);
      return seq === undefined ? undefined : readTrace(traceId, seq);
    },
    async getTraceSummary(traceId) {
      ensureOpen();
      return traces.read(traceId);
    },
    async findTraces(query) {
      ensureOpen();
      return search(validateQuery(query));
    },
    async getServices() {
      ensureOpen();
      return catalogues.services();
    },
    async getOperations(service) {
      ensureOpen();
      if (service === undefined) return catalogues.operations(undefined);
      const id = catalogues.knownServiceId(service);
      return id === undefined ? [] : catalogues.operations(id);
    },
    async getRemoteServices(service) {
      ensureOpen();
      flushEdges();
      const id = catalogues.knownServiceId(service);
      return id === undefined ? [] : catalogues.remotes(id);
    },
    async getDependencies(startNanos, endNanos) {
      ensureOpen();
      if (endNanos <= startNanos) return [];
      flushEdges();
      return summarizeEdges(edges.read(startNanos, endNanos), (name) => catalogues.knownServiceId(name) !== undefined);
    },
    async getServiceMap(startNanos, endNanos) {
      ensureOpen();
      if (endNanos <= startNanos) return { services: [], edges: [] };
      flushEdges();
      const isService = (name: string) => catalogues.knownServiceId(name) !== undefined;
      return { services: servicesInWindow(startNanos, endNanos), edges: summarizeServiceMapEdges(edges.read(startNanos, endNanos), isService) };
    },
    async getAttributeKeys() {
      ensureOpen();
      return catalogues.keys();
    },
    async getAttributeValues(key, limit = DEFAULT_VALUES_LIMIT) {
      ensureOpen();
      const id = catalogues.knownKeyId(key);
      return id === undefined ? [] : catalogues.values(id, Math.max(0, Math.floor(limit)));
    },
    async deleteBefore(cutoffNanos) {
      ensureOpen();
      return deleteBefore(cutoffNanos);
    },
    async close() {
      if (!open) return;
      open = false;
      clearInterval(timer);
      flushEdges(true);
      db.pragma('optimize');
      db.close();
      logger?.info({ path: options.path }, 'trace store closed');
    },
  };
}
