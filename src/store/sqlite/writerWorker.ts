// The store's writer thread (README.md, "Threads"): the one connection that writes the database file, fed encoded
// batches by workerStore.ts. Writes are taken one per turn of this thread's event loop, in arrival order, so a
// dependency flush asked for by a reader waits for at most one write transaction, not for the whole queue.
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { asPipelineError } from '../../errors.js';
import { openDatabase } from './openDatabase.js';
import { createSqliteWriter, type SqliteWriter } from './sqliteWriter.js';
import type { FromWriter, ToWriter, WriterWorkerData } from './writerProtocol.js';

const port = parentPort;
if (port === null) throw new Error('writerWorker.ts runs as a worker thread');
const data = workerData as WriterWorkerData;

function reply(message: FromWriter): void {
  port?.postMessage(message);
}

function start(): { db: ReturnType<typeof openDatabase>; writer: SqliteWriter } | undefined {
  try {
    const db = openDatabase(data.path);
    return { db, writer: createSqliteWriter(db, { graceMillis: data.graceMillis, maxPendingSpans: data.maxPendingSpans }) };
  } catch (e) {
    reply({ op: 'failed', message: (e as Error).message });
    return undefined;
  }
}

const opened = start();
if (opened !== undefined) {
  const { db, writer } = opened;
  /** Writes and the close, in arrival order. */
  const queue: ToWriter[] = [];
  let scheduled = false;
  const deletions = new Set<Promise<void>>();

  async function write(id: number, bytes: Uint8Array): Promise<void> {
    if (data.writeDelayMillis > 0) await sleep(data.writeDelayMillis);
    try {
      writer.write(bytes);
      reply({ op: 'done', id });
    } catch (e) {
      // The batch may have been read in part: the encoder starts a new dictionary.
      const err = asPipelineError(e);
      reply({ op: 'done', id, error: { code: err.code, message: err.message, restart: true } });
    }
  }

  async function close(id: number): Promise<void> {
    writer.close();
    await Promise.allSettled([...deletions]);
    db.pragma('optimize');
    db.close();
    reply({ op: 'done', id });
    port?.close();
  }

  /** Runs the oldest queued write (or the close), then gives the event loop a turn before the next. */
  async function next(): Promise<void> {
    const m = queue.shift();
    if (m?.op === 'write') await write(m.id, m.bytes);
    else if (m?.op === 'close') return close(m.id);
    if (queue.length > 0) setImmediate(run);
    else scheduled = false;
  }

  function run(): void {
    next().catch((e: unknown) => {
      reply({ op: 'failed', message: `the store's writer stopped: ${(e as Error).stack ?? String(e)}` });
    });
  }

  port.on('message', (m: ToWriter) => {
    switch (m.op) {
      case 'flushEdges':
        writer.flushEdges();
        reply({ op: 'done', id: m.id, edges: writer.takeEdgeChanges() });
        return;
      case 'deleteBefore': {
        const done: Promise<void> = writer.deleteBefore(m.cutoffNanos).then(
          (deleted) => reply({ op: 'done', id: m.id, deleted }),
          (e: unknown) => reply({ op: 'done', id: m.id, error: { code: 'SB_EXPORT_FAILED', message: (e as Error).message } }),
        ).finally(() => deletions.delete(done));
        deletions.add(done);
        return;
      }
      default:
        queue.push(m);
        if (!scheduled) {
          scheduled = true;
          setImmediate(run);
        }
    }
  });
  reply({ op: 'ready' });
}
