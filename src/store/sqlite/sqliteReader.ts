import type Database from 'better-sqlite3';
import { PipelineError } from '../../errors.js';
import type { StoreReader } from '../store.js';
import { summarizeEdges, summarizeServiceMapEdges } from '../dependencies/summarizeEdges.js';
import { validateQuery } from '../validateQuery.js';
import { createCatalogueReader } from './catalogueReader.js';
import { createEdgeTables, type EdgeChanges } from './edgeTables.js';
import { createTraceReader } from './readTrace.js';
import { createTraceSearch } from './searchTraces.js';
import { createServicesInWindow } from './servicesInWindow.js';
import { createTraceSummaryReader } from './traceSummaries.js';

const DEFAULT_VALUES_LIMIT = 100;

export interface SqliteReaderHooks {
  /**
   * Has the writer write the dependency calls it holds (as before every dependency read) and says which edge buckets
   * it changed since it was last asked, so that the reader's cache of edge rows stays true.
   */
  flushEdges(): Promise<EdgeChanges>;
  /** False once the store is closed: every method then refuses with SB_SHUTTING_DOWN. */
  isOpen(): boolean;
}

/**
 * The read side of the SQLite store: every StoreReader method from one connection's view of the tables, never the
 * writer's memory, so it may run on another connection than the writer - in WAL mode a read never waits for a write
 * transaction. Each trace read and search runs in one read transaction (one consistent moment).
 */
export interface SqliteReaderOptions {
  /** Longest a trace search runs before it is stopped with SB_QUERY_TIMEOUT (searchTraces.ts); default 2 s. */
  searchTimeoutMillis?: number | undefined;
  /** Told after each search how many rows it looked at (spans, traces, span blocks). */
  onSearched?: ((rowsRead: number) => void) | undefined;
}

export function createSqliteReader(db: Database.Database, hooks: SqliteReaderHooks, options: SqliteReaderOptions = {}): StoreReader {
  const catalogues = createCatalogueReader(db);
  const traces = createTraceSummaryReader(db, (id) => catalogues.serviceName(id));
  const edges = createEdgeTables(db);
  const selectLongest = db.prepare("SELECT value FROM meta WHERE key = 'longest_trace_ns'").pluck();
  const longestTrace = () => BigInt((selectLongest.get() as string | undefined) ?? '0');
  const readTrace = createTraceReader(db, (id) => catalogues.keyName(id));
  const search = createTraceSearch(db, catalogues, traces, longestTrace, options.searchTimeoutMillis, options.onSearched);
  const getTrace = db.transaction((traceId: string) => {
    const seq = traces.seqOf(traceId);
    return seq === undefined ? undefined : readTrace(traceId, seq);
  });
  const servicesInWindow = createServicesInWindow(db);
  const findTraces = db.transaction((query: Parameters<typeof search>[0]) => search(query));
  /** Every answer of the writer's flush is applied to the edge cache, whichever read asked for it. */
  const flushEdges = async () => edges.forget(await hooks.flushEdges());

  function ensureOpen(): void {
    if (!hooks.isOpen()) throw new PipelineError('SB_SHUTTING_DOWN', 'the trace store is closed');
  }

  return {
    async getTrace(traceId) {
      ensureOpen();
      return getTrace(traceId);
    },
    async getTraceSummary(traceId) {
      ensureOpen();
      return traces.read(traceId);
    },
    async findTraces(query) {
      ensureOpen();
      return findTraces(validateQuery(query));
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
      await flushEdges();
      const id = catalogues.knownServiceId(service);
      return id === undefined ? [] : catalogues.remotes(id);
    },
    async getDependencies(startNanos, endNanos) {
      ensureOpen();
      if (endNanos <= startNanos) return [];
      await flushEdges();
      return summarizeEdges(edges.read(startNanos, endNanos), (name) => catalogues.knownServiceId(name) !== undefined);
    },
    async getServiceMap(startNanos, endNanos) {
      ensureOpen();
      if (endNanos <= startNanos) return { services: [], edges: [] };
      await flushEdges();
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
  };
}
