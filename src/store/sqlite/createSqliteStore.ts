import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { TraceBatch } from '../../model/span.js';
import { writeInParts } from '../writeInParts.js';
import { PipelineError } from '../../errors.js';
import type { TraceStore } from '../store.js';
import { BatchWireEncoder } from './batchWire.js';
import { checkBatch } from './checkBatch.js';
import { MEMORY_PATH, openDatabase } from './openDatabase.js';
import { createSqliteReader } from './sqliteReader.js';
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

  function writeNow(batch: TraceBatch): void {
    try {
      writer.write(encoder.encode(batch).bytes);
    } catch (e) {
      encoder.restart();
      throw e;
    }
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
      try {
        writeNow(batch);
      } catch (e) {
        if (!isDataError(e)) throw e;
        writeSpansItCan(batch, e, writeNow);
      }
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

/**
 * Whether a failed write was caused by the spans written rather than by the database (full disk, I/O, a lock): a
 * constraint (UNIQUE, a trigger's RAISE), a value SQLite refuses (too big, wrong type), or an error thrown while the
 * spans were encoded, before SQLite saw them.
 */
function isDataError(e: unknown): boolean {
  const cause = e instanceof PipelineError && e.code === 'SB_EXPORT_FAILED' ? e.cause : e;
  if (cause instanceof Database.SqliteError) return /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/.test(cause.code);
  return !(cause instanceof PipelineError) && cause !== undefined;
}

/**
 * After a write failed because of its data: the spans that can be stored are (writeInParts), and those that cannot
 * are refused alone (SB_MALFORMED with refusedSpans), so other senders' spans merged into the batch are not failed.
 * The store of a file does not: its writer thread gets encoded bytes, and the batch is gone by the time a transaction
 * fails; bad strings are repaired before they reach it (src/model/wellFormedStrings.ts).
 */
function writeSpansItCan(batch: TraceBatch, failure: unknown, write: (part: TraceBatch) => void): void {
  const result = writeInParts(batch, failure, write, isDataError);
  if (result.refused.length === 0) return;
  const why = result.firstError instanceof Error ? result.firstError.message : String(result.firstError);
  throw new PipelineError('SB_MALFORMED', `${result.refused.length} span(s) could not be stored: ${why}`, { cause: result.firstError, refusedSpans: new Set(result.refused) });
}
