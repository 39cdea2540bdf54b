import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { PipelineError } from '../../errors.js';
import { writeInParts, type PartsResult } from '../writeInParts.js';
import { createDependencyLinker } from '../dependencies/dependencyLinker.js';
import { createEdgeAccumulator } from '../dependencies/edgeAccumulator.js';
import { createCatalogues } from './catalogues.js';
import { createDeleteBefore } from './deleteBefore.js';
import { createEdgeTables, type EdgeChanges } from './edgeTables.js';
import { createOrigins } from './origins.js';
import { createSpanBlocks } from './spanBlocks.js';
import { createSpanRows } from './spanRows.js';
import { createTraceSummaries } from './traceSummaries.js';
import { createBatchWriter, writeEdges, type SpanRange } from './writeBatch.js';

export interface SqliteWriterOptions {
  /** How long a CLIENT/PRODUCER span waits for its partner before it counts as a call to a virtual node. */
  graceMillis: number;
  /** Most spans waiting for a partner, per side. */
  maxPendingSpans: number;
  logger?: Logger | undefined;
}

/**
 * The write side of the SQLite store (README.md): the only connection that writes a database file, with the memory
 * mirrors it keeps (catalogues, recent trace summaries, resource and scope ids) and the dependency linker. It runs
 * in the store's writer thread (writerWorker.ts), or beside the reader for `:memory:`.
 */
export interface SqliteWriter {
  /**
   * Stores encoded batches (batchWire.ts, in the order they were encoded) of spans that passed checkBatch, all in one
   * transaction; a failed one is rolled back (SB_EXPORT_FAILED) and the key dictionary taken back to where they
   * began, so that they can be read again (`salvage`, `skip`) or their encoder starts a new dictionary.
   */
  write(...batches: Uint8Array[]): void;
  /**
   * After `write` of this batch alone failed because of its data (isDataFailure, `failure`): stores the spans it can,
   * in parts (src/store/writeInParts.ts), and returns those no write takes (SB_MALFORMED with refusedSpans, the
   * keys of those spans), or undefined when all went in at last. Throws, like `write`, on an outage, and with
   * SB_EXPORT_FAILED and `restart` set when the batch cannot even be read: its encoder must then start a new
   * dictionary, and batches encoded before that cannot be read either.
   */
  salvage(batch: Uint8Array, failure: unknown): PipelineError | undefined;
  /**
   * Reads a batch only to keep the key dictionary in step with its encoder, after a failed write (a failed write reads
   * it again from where it began). Throws, as `salvage` does, when it cannot be read.
   */
  skip(batch: Uint8Array): void;
  /** Ends the grace periods that are over (every one with `all`) and writes the calls held. */
  flushEdges(all?: boolean): void;
  /** Retention: deletes what started before the cutoff, a chunk per transaction, yielding between chunks. */
  deleteBefore(cutoffNanos: bigint): Promise<number>;
  /** Edge buckets written or deleted since the last call, for readers' caches. */
  takeEdgeChanges(): EdgeChanges;
  /** Writes the calls still waiting and stops the flush timer; the caller closes the connection. */
  close(): void;
}

export function createSqliteWriter(db: Database.Database, options: SqliteWriterOptions): SqliteWriter {
  const { graceMillis, logger } = options;
  const catalogues = createCatalogues(db);
  const origins = createOrigins(db);
  const traces = createTraceSummaries(db);
  const spanRows = createSpanRows(db);
  const blocks = createSpanBlocks(db);
  const edges = createEdgeTables(db);
  const linker = createDependencyLinker({ graceMillis, maxPending: options.maxPendingSpans });
  const accumulator = createEdgeAccumulator();
  const parts = { catalogues, origins, traces, spanRows, blocks, edges, linker, accumulator };

  const selectLongest = db.prepare("SELECT value FROM meta WHERE key = 'longest_trace_ns'").pluck();
  const saveLongest = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('longest_trace_ns', ?)");
  let longestTrace = BigInt((selectLongest.get() as string | undefined) ?? '0');

  const batchWriter = createBatchWriter(parts);
  const writeTransaction = db.transaction((batches: Uint8Array[], now: number, part?: SpanRange) => {
    blocks.begin(spanRows.nextId);
    for (const bytes of batches) batchWriter.write(bytes, now, part);
    const longest = batchWriter.finish();
    blocks.flush(spanRows.nextId);
    if (longest > longestTrace) {
      saveLongest.run(String(longest));
      longestTrace = longest;
    }
  });
  const edgeTransaction = db.transaction(() => writeEdges(parts));
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
    blocks.reset();
    batchWriter.forgetKeyIds();
    longestTrace = BigInt((selectLongest.get() as string | undefined) ?? '0');
  }

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

  /**
   * One transaction; a failed one is rolled back, the memory mirrors reloaded and the key dictionary taken back to
   * where these batches began (they may have been read in part), so that they can be read again.
   */
  function transact(batches: Uint8Array[], part?: SpanRange): void {
    const mark = batchWriter.mark();
    try {
      writeTransaction(batches, Date.now(), part);
    } catch (e) {
      resync();
      batchWriter.restore(mark);
      throw new PipelineError('SB_EXPORT_FAILED', `storing spans failed: ${(e as Error).message}`, { cause: e });
    }
  }

  function skip(batch: Uint8Array): void {
    try {
      batchWriter.spanKeys(batch);
    } catch (e) {
      throw unreadable(e);
    }
  }

  function salvage(batch: Uint8Array, failure: unknown): PipelineError | undefined {
    const mark = batchWriter.mark();
    let keys: string[];
    try {
      keys = batchWriter.spanKeys(batch);
    } catch (e) {
      throw unreadable(e);
    }
    batchWriter.restore(mark);
    let result: PartsResult;
    try {
      // Each part is read from the batch's start; the dictionary is taken back after each.
      result = writeInParts(keys.length, failure, (from, to) => {
        transact([batch], { from, to });
        batchWriter.restore(mark);
      }, isDataFailure);
    } finally {
      skip(batch);
    }
    if (result.refused.length === 0) return undefined;
    const why = result.firstError instanceof Error ? result.firstError.message : String(result.firstError);
    return new PipelineError('SB_MALFORMED', `${result.refused.length} span(s) could not be stored: ${why}`, { cause: result.firstError, refusedSpans: new Set(result.refused.map((i) => keys[i] as string)) });
  }

  return {
    write(...batches) {
      transact(batches);
    },
    salvage,
    skip,
    flushEdges,
    deleteBefore,
    takeEdgeChanges: () => edges.takeChanges(),
    close() {
      if (!open) return;
      open = false;
      clearInterval(timer);
      flushEdges(true);
    },
  };
}

/**
 * Whether a write refused by `write` (SB_EXPORT_FAILED with the cause) failed because of the spans written rather than
 * the database (full disk, I/O, a lock): a constraint (UNIQUE, a trigger's RAISE), a value SQLite refuses (too big,
 * wrong type), or an error thrown while the batch was read, before SQLite saw it. Such a batch may be written again in
 * parts to find the spans no write takes (`salvage`); one that cannot be read at all then fails as unreadable.
 */
export function isDataFailure(e: unknown): boolean {
  if (!(e instanceof PipelineError) || e.code !== 'SB_EXPORT_FAILED') return false;
  const cause = e.cause;
  if (cause instanceof Database.SqliteError) return /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/.test(cause.code);
  return cause !== undefined && !(cause instanceof PipelineError) && !(cause instanceof UnreadableBatch);
}

/** A batch the writer cannot read (a bug, or a dictionary out of step): its encoder must start a new dictionary. */
function unreadable(e: unknown): PipelineError {
  return new PipelineError('SB_EXPORT_FAILED', `the store's writer could not read a batch: ${(e as Error).message}`, { cause: new UnreadableBatch((e as Error).message, { cause: e }) });
}

/** The cause of a batch the writer could not read: not a data failure, since no part of it can be read either. */
class UnreadableBatch extends Error {}

/** Whether the writer failed to read a batch (`salvage`, `skip`): its encoder must start a new dictionary. */
export function isUnreadable(e: unknown): boolean {
  return e instanceof PipelineError && e.cause instanceof UnreadableBatch;
}
