import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Logger } from 'pino';
import { PipelineError } from '../../errors.js';
import { startWorkerThread } from '../../threads/startWorkerThread.js';
import type { TraceBatch } from '../../model/span.js';
import type { TraceStore } from '../store.js';
import { BatchWireEncoder } from './batchWire.js';
import { checkBatch } from '../checkBatch.js';
import type { EdgeChanges } from './edgeTables.js';
import { READER_CACHE_KIB, openDatabase } from './openDatabase.js';
import { createSqliteReader } from './sqliteReader.js';
import type { FromWriter, ToWriter, WriterFailure, WriterWorkerData } from './writerProtocol.js';

export interface WorkerStoreOptions extends WriterWorkerData {
  logger?: Logger | undefined;
  /** Encoded bytes handed to the writer and not yet committed, at most, before writes are refused (SB_QUEUE_FULL). */
  maxQueuedBytes: number;
  /** Longest a trace search runs (searchTraces.ts), here and in a reader given readerChannel. */
  searchTimeoutMillis?: number | undefined;
}

/**
 * The writer thread's young generation (V8's default would be up to 48 MiB). Its garbage is per span and per batch;
 * with 8 MiB much of it lived through two collections and was collected again in the old generation, which cost 5-10%
 * more CPU per span in the end-to-end bench; 16 MiB measures as fast as 32 and keeps less (docs/threads.md, "Memory").
 */
const WRITER_YOUNG_GENERATION_MIB = 16;

/** How long a sender refused because the writer is behind should wait (Retry-After). */
export const QUEUE_FULL_RETRY_MILLIS = 1000;

interface Call {
  resolve(m: Extract<FromWriter, { op: 'done' }>): void;
  reject(e: PipelineError): void;
  /** Bytes a write holds in the writer's queue. */
  bytes: number;
}

/** The writer's failure as a PipelineError, naming the spans it refused when it stored the rest of the batch. */
function failure(f: WriterFailure): PipelineError {
  return new PipelineError(f.code, f.message, f.refusedSpans === undefined ? {} : { refusedSpans: new Set(f.refusedSpans) });
}

/**
 * The SQLite store of a database file, on two threads (README.md, "Threads"): writes are checked and encoded here,
 * then committed by the writer thread, which owns the only writing connection; reads run here on a read-only
 * connection (WAL: they never wait for a write transaction). `write` resolves once the batch is committed. Encoded
 * bytes waiting in the writer are bounded by `maxQueuedBytes`: past it a write is refused at once with SB_QUEUE_FULL
 * (retryable), so a writer that falls behind turns into refusals, not memory.
 */
export function createWorkerStore(options: WorkerStoreOptions): TraceStore {
  const { logger } = options;
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(options.path, READER_CACHE_KIB);
    db.pragma('query_only = ON');
  } catch (e) {
    throw new PipelineError('SB_CONFIG', `storage.sqlite.path: cannot open "${options.path}": ${(e as Error).message}`, { cause: e });
  }
  const workerData: WriterWorkerData = { path: options.path, graceMillis: options.graceMillis, maxPendingSpans: options.maxPendingSpans, writeDelayMillis: options.writeDelayMillis };
  const worker = startWorkerThread(import.meta.url, 'writerWorker', { workerData, resourceLimits: { maxYoungGenerationSizeMb: WRITER_YOUNG_GENERATION_MIB } });
  const encoder = new BatchWireEncoder();
  const calls = new Map<number, Call>();
  let nextId = 1;
  let queuedBytes = 0;
  let open = true;
  /** Set once the writer thread failed or exited: every write is refused with it. */
  let broken: PipelineError | undefined;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.unref();

  function fail(err: PipelineError): void {
    broken ??= err;
    for (const call of calls.values()) call.reject(err);
    calls.clear();
    queuedBytes = 0;
    worker.unref();
  }

  worker.on('message', (m: FromWriter) => {
    if (m.op === 'ready') return;
    if (m.op === 'failed') {
      logger?.error({ err: m.message }, 'the trace store writer failed');
      fail(new PipelineError('SB_EXPORT_FAILED', `the trace store writer failed: ${m.message}`));
      return;
    }
    const call = calls.get(m.id);
    if (call === undefined) return;
    calls.delete(m.id);
    queuedBytes -= call.bytes;
    if (calls.size === 0) worker.unref();
    if (m.error?.restart) encoder.restart();
    if (m.error !== undefined) call.reject(failure(m.error));
    else call.resolve(m);
  });
  worker.on('error', (e) => {
    logger?.error({ err: e }, 'the trace store writer failed');
    fail(new PipelineError('SB_EXPORT_FAILED', `the trace store writer failed: ${e.message}`, { cause: e }));
  });
  worker.once('exit', (code) => {
    if (open) fail(new PipelineError('SB_EXPORT_FAILED', `the trace store writer stopped (exit code ${code})`));
  });

  /** Sends a message (its buffer transferred) and resolves with the writer's answer. */
  function call(message: Exclude<ToWriter, { op: 'attach' }>, bytes = 0): Promise<Extract<FromWriter, { op: 'done' }>> {
    if (broken !== undefined) return Promise.reject(broken);
    return new Promise((resolve, reject) => {
      worker.postMessage(message, message.op === 'write' ? [message.bytes.buffer as ArrayBuffer] : []);
      calls.set(message.id, { resolve, reject, bytes });
      queuedBytes += bytes;
      if (calls.size === 1) worker.ref();
    });
  }

  function ensureOpen(): void {
    if (!open) throw new PipelineError('SB_SHUTTING_DOWN', 'the trace store is closed');
  }

  const reader = createSqliteReader(db, {
    async flushEdges(): Promise<EdgeChanges> {
      return (await call({ op: 'flushEdges', id: nextId++ })).edges ?? { all: true, keys: [] };
    },
    isOpen: () => open,
  }, { searchTimeoutMillis: options.searchTimeoutMillis });

  logger?.info({ path: options.path }, 'trace store open');

  const store: TraceStore = {
    ...reader,
    async write(batch: TraceBatch) {
      ensureOpen();
      if (broken !== undefined) throw broken;
      checkBatch(batch);
      if (queuedBytes > 0 && queuedBytes >= options.maxQueuedBytes) {
        throw new PipelineError('SB_QUEUE_FULL', `the trace store's writer is behind: ${(queuedBytes / 1048576).toFixed(1)} MiB of spans wait to be committed (limit ${(options.maxQueuedBytes / 1048576).toFixed(0)} MiB); send again later`, { retryAfterMillis: QUEUE_FULL_RETRY_MILLIS });
      }
      // Nothing of the batch is kept here once it is encoded: the writer stores what it can of a batch that fails
      // because of its data, and names the spans it refused (docs/threads.md).
      const encoded = encoder.encode(batch);
      const sent = call({ op: 'write', id: nextId++, bytes: encoded.bytes }, encoded.bytes.byteLength);
      // A message that did not go out (postMessage threw) never reaches the writer's dictionary.
      if (!calls.has(nextId - 1)) encoder.rollback();
      // Returned, not awaited: this call ends here while the commit is awaited.
      return sent.then(() => undefined);
    },
    async deleteBefore(cutoffNanos) {
      ensureOpen();
      return (await call({ op: 'deleteBefore', id: nextId++, cutoffNanos })).deleted ?? 0;
    },
    async close() {
      if (!open) return;
      open = false;
      try {
        if (broken === undefined) await call({ op: 'close', id: nextId++ });
      } catch (e) {
        logger?.warn({ err: e }, 'closing the trace store writer failed');
      }
      await worker.terminate();
      await exited;
      db.close();
      logger?.info({ path: options.path }, 'trace store closed');
    },
  };
  channels.set(store, () => {
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ op: 'attach', port: port2 } satisfies ToWriter, [port2]);
    return { path: options.path, port: port1, ...(options.searchTimeoutMillis === undefined ? {} : { searchTimeoutMillis: options.searchTimeoutMillis }) };
  });
  return store;
}

/** What a reader in another thread needs of a file store: the database, and a port to its writer (`flushEdges`). */
export interface ReaderChannel {
  path: string;
  port: MessagePort;
  searchTimeoutMillis?: number;
}

const channels = new WeakMap<TraceStore, () => ReaderChannel>();

/**
 * A channel for a reader in another thread (the query thread) to a store made by createWorkerStore, or undefined for
 * any other store (in-memory, or another implementation), which is then read on this thread.
 */
export function readerChannel(store: TraceStore): ReaderChannel | undefined {
  return channels.get(store)?.();
}
