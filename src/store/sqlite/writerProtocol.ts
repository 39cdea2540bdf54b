import type { MessagePort } from 'node:worker_threads';
import type { ErrorCode } from '../../errors.js';
import type { EdgeChanges } from './edgeTables.js';

// Messages between the store (main thread, workerStore.ts) and its writer thread (writerWorker.ts).

/** What the writer thread is started with. */
export interface WriterWorkerData {
  path: string;
  graceMillis: number;
  maxPendingSpans: number;
  /** Tests only: wait this long before each write transaction (a slow disk). */
  writeDelayMillis: number;
}

export type ToWriter =
  /** A batch encoded by BatchWireEncoder; its buffer is transferred. */
  | { op: 'write'; id: number; bytes: Uint8Array }
  | { op: 'flushEdges'; id: number }
  | { op: 'deleteBefore'; id: number; cutoffNanos: bigint }
  | { op: 'close'; id: number }
  /** A reader in another thread (the query thread): it sends `flushEdges` on this port and gets `done` back. */
  | { op: 'attach'; port: MessagePort };

/** What a reader in another thread sends on its attached port. */
export type FromReader = { op: 'flushEdges'; id: number };

export interface WriterFailure {
  code: ErrorCode;
  message: string;
  /** The writer could not read the batch (its dictionary is out of step): the encoder must start a new dictionary. */
  restart?: boolean;
  /**
   * Only these spans (spanKey) of the batch were refused, for their data; the writer stored the others (it writes a
   * batch that fails because of its data again in parts, sqliteWriter.ts `salvage`).
   */
  refusedSpans?: string[];
}

export type FromWriter =
  | { op: 'ready' }
  | { op: 'failed'; message: string }
  | { op: 'done'; id: number; error?: WriterFailure; deleted?: number; edges?: EdgeChanges };
