import type { Logger } from 'pino';
import type { TraceBatch } from '../../model/span.js';
import { PipelineError } from '../../errors.js';
import type { TraceStore } from '../store.js';
import { BatchWireEncoder } from './batchWire.js';
import { checkBatch } from '../checkBatch.js';
import { MEMORY_PATH, openDatabase } from './openDatabase.js';
import { createSqliteReader } from './sqliteReader.js';
import { createGroupCommit } from './groupCommit.js';
import { createSqliteWriter } from './sqliteWriter.js';
import { createWorkerStore } from './workerStore.js';

export interface SqliteStoreOptions {
  /** Database file (its folder is created), or `:memory:`. */
  path: string;
  logger?: Logger;
  /** How long a CLIENT/PRODUCER span waits for its partner before it counts as a call to a virtual node. */
  dependencyGraceMillis?: number;
  /** Most spans waiting for a partner, per side. */
  maxPendingSpans?: number;
  /** Encoded spans waiting for the writer thread, at most, before writes are refused with SB_QUEUE_FULL (files only). */
  maxQueuedBytes?: number;
  /** Tests only: the writer thread waits this long before each write transaction (a slow disk). */
  writeDelayMillis?: number;
  /** Longest a trace search runs before it is stopped (SB_QUERY_TIMEOUT); default 2 s. */
  searchTimeoutMillis?: number;
}

export const DEFAULT_DEPENDENCY_GRACE_MILLIS = 30_000;
export const DEFAULT_MAX_PENDING_SPANS = 100_000;
/** About 35k sidecar spans, a second or so of the writer's work. */
export const DEFAULT_MAX_QUEUED_BYTES = 16 << 20;

/**
 * The embedded trace store (README.md): SQLite through better-sqlite3, one writer per file. A file is written
 * by a writer thread and read on this one (workerStore.ts, README.md "Threads"); `:memory:` cannot be shared between
 * connections, so it is written and read here.
 */
export function createSqliteStore(options: SqliteStoreOptions): TraceStore {
  const graceMillis = options.dependencyGraceMillis ?? DEFAULT_DEPENDENCY_GRACE_MILLIS;
  const maxPendingSpans = options.maxPendingSpans ?? DEFAULT_MAX_PENDING_SPANS;
  if (options.path !== MEMORY_PATH) {
    return createWorkerStore({
      path: options.path, logger: options.logger, graceMillis, maxPendingSpans,
      maxQueuedBytes: options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES, writeDelayMillis: options.writeDelayMillis ?? 0,
      searchTimeoutMillis: options.searchTimeoutMillis,
    });
  }
  return createInThreadStore(options.logger, graceMillis, maxPendingSpans, options.searchTimeoutMillis);
}

/** Writer and reader on one connection, both on this thread (`:memory:`); batches take the writer thread's path. */
function createInThreadStore(logger: Logger | undefined, graceMillis: number, maxPendingSpans: number, searchTimeoutMillis: number | undefined): TraceStore {
  const db = openDatabase(MEMORY_PATH);
  const writer = createSqliteWriter(db, { graceMillis, maxPendingSpans, logger });
  const encoder = new BatchWireEncoder();
  let open = true;
  const reader = createSqliteReader(db, {
    async flushEdges() {
      writer.flushEdges();
      return writer.takeEdgeChanges();
    },
    isOpen: () => open,
  }, { searchTimeoutMillis });

  // The writer thread's commit, one batch at a time: a batch that fails because of its data is stored in parts and
  // only the spans no write takes are refused.
  const commit = createGroupCommit(writer);

  function writeNow(batch: TraceBatch): void {
    const [outcome] = commit([encoder.encode(batch).bytes]);
    if (outcome?.restart === true) encoder.restart();
    if (outcome?.error !== undefined) throw outcome.error;
  }

  function ensureOpen(): void {
    if (!open) throw new PipelineError('SB_SHUTTING_DOWN', 'the trace store is closed');
  }

  logger?.info({ path: MEMORY_PATH }, 'trace store open');
  return {
    ...reader,
    async write(batch) {
      ensureOpen();
      checkBatch(batch);
      writeNow(batch);
    },
    async deleteBefore(cutoffNanos) {
      ensureOpen();
      return writer.deleteBefore(cutoffNanos);
    },
    async close() {
      if (!open) return;
      open = false;
      writer.close();
      db.pragma('optimize');
      db.close();
      logger?.info({ path: MEMORY_PATH }, 'trace store closed');
    },
  };
}
