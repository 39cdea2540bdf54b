// The store's writer thread (README.md, "Threads"): the one connection that writes the database file, fed encoded
// batches by workerStore.ts. One transaction per turn of this thread's event loop, in arrival order, so a dependency
// flush asked for by a reader waits for at most one write transaction, not for the whole queue. Batches that queued
// up while a transaction ran are committed together (group commit): the writer's pace sets the transaction size.
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openDatabase } from './openDatabase.js';
import type { EdgeChanges } from './edgeTables.js';
import { createGroupCommit } from './groupCommit.js';
import { createSqliteWriter, type SqliteWriter } from './sqliteWriter.js';
import type { FromReader, FromWriter, ToWriter, WriterWorkerData } from './writerProtocol.js';

/** Encoded bytes committed in one transaction at most, when batches queued up (about 8k sidecar spans). */
const GROUP_BYTES = 4 << 20;

/** Edge bucket keys held for a reader that has not asked for them, at most (past it, it forgets everything). */
const MAX_PENDING_CHANGES = 50_000;

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
  /**
   * What each reader's cache of edge rows must forget, by reader (the main thread's, and one per attached port): the
   * writer's changes are handed to all of them, and each flush answers its asker with its share.
   */
  const readers = new Map<MessagePort | undefined, { all: boolean; keys: Set<string> }>([[undefined, { all: false, keys: new Set() }]]);

  function flushEdgesFor(reader: MessagePort | undefined): EdgeChanges {
    writer.flushEdges();
    const changes = writer.takeEdgeChanges();
    for (const r of readers.values()) {
      if (changes.all || r.keys.size > MAX_PENDING_CHANGES) r.all = true;
      if (!r.all) for (const k of changes.keys) r.keys.add(k);
    }
    const mine = readers.get(reader) as { all: boolean; keys: Set<string> };
    const out = { all: mine.all, keys: mine.all ? [] : [...mine.keys] };
    mine.all = false;
    mine.keys.clear();
    return out;
  }

  function attach(reader: MessagePort): void {
    readers.set(reader, { all: true, keys: new Set() });
    reader.on('message', (m: FromReader) => {
      if (m.op === 'flushEdges') reader.postMessage({ op: 'done', id: m.id, edges: flushEdgesFor(reader) } satisfies FromWriter);
    });
    reader.on('close', () => readers.delete(reader));
  }

  const commit = createGroupCommit(writer);

  /** Commits the batches (in one transaction while none fails) and answers each. */
  async function write(batches: Extract<ToWriter, { op: 'write' }>[]): Promise<void> {
    if (data.writeDelayMillis > 0) await sleep(data.writeDelayMillis);
    commit(batches.map((b) => b.bytes)).forEach(({ error, restart }, i) => {
      const id = (batches[i] as (typeof batches)[number]).id;
      if (error === undefined) reply({ op: 'done', id });
      else reply({ op: 'done', id, error: { code: error.code, message: error.message, ...(restart === true ? { restart } : {}), ...(error.refusedSpans === undefined ? {} : { refusedSpans: [...error.refusedSpans] }) } });
    });
  }

  /** The writes at the head of the queue, up to GROUP_BYTES of them (at least one). */
  function takeGroup(): Extract<ToWriter, { op: 'write' }>[] {
    const group: Extract<ToWriter, { op: 'write' }>[] = [];
    let bytes = 0;
    while (queue.length > 0) {
      const m = queue[0] as ToWriter;
      if (m.op !== 'write' || (group.length > 0 && bytes + m.bytes.byteLength > GROUP_BYTES)) break;
      group.push(m);
      bytes += m.bytes.byteLength;
      queue.shift();
    }
    return group;
  }

  async function close(id: number): Promise<void> {
    for (const reader of readers.keys()) reader?.close();
    writer.close();
    await Promise.allSettled([...deletions]);
    db.pragma('optimize');
    db.close();
    reply({ op: 'done', id });
    port?.close();
  }

  /** Runs the oldest queued writes (or the close), then gives the event loop a turn before the next. */
  async function next(): Promise<void> {
    const head = queue[0];
    if (head?.op === 'write') await write(takeGroup());
    else if (head?.op === 'close') {
      queue.shift();
      return close(head.id);
    }
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
        reply({ op: 'done', id: m.id, edges: flushEdgesFor(undefined) });
        return;
      case 'attach':
        attach(m.port);
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
