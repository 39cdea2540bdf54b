// The query thread (docs/threads.md): the query server (Jaeger, native APIs, web UI) with its own read-only
// connection to the store's database, so that queries answer in their own time however busy the receiving thread is.
// Dependency reads ask the store's writer thread to flush the calls it holds, through the port it was given.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { PipelineError } from '../errors.js';
import { createTenancy, requestTenant } from '../http/tenancy.js';
import type { EdgeChanges } from '../store/sqlite/edgeTables.js';
import { openReader } from '../store/sqlite/openDatabase.js';
import { createSqliteReader } from '../store/sqlite/sqliteReader.js';
import type { FromReader, FromWriter } from '../store/sqlite/writerProtocol.js';
import type { StoreReader } from '../store/store.js';
import { createTelemetry } from '../telemetry/telemetry.js';
import { startThreadAuth } from '../telemetry/threadAuth.js';
import { threadLogger } from '../telemetry/threadLog.js';
import { createQueryServer } from './createQueryServer.js';
import type { ReaderSource } from './http/queryRoute.js';
import { requestCounter } from './http/requestCounter.js';
import { serveReader } from './remoteReader.js';
import type { FromQueryThread, QueryThreadData, ToQueryThread } from './queryThreadProtocol.js';

/** How often request counts are handed to the main thread's /metrics. */
const COUNTS_EVERY_MILLIS = 1000;

const port = parentPort;
if (port === null) throw new Error('queryWorker.ts runs as a worker thread');
const data = workerData as QueryThreadData;

function send(m: FromQueryThread): void {
  port?.postMessage(m);
}

/** Log records go to the main thread's logger. */
const logger = threadLogger(data.logLevel, (record) => send({ op: 'log', record }));

/** Asks the writer thread for a dependency flush over `writer`; refused once that port is closed. */
function edgeFlusher(writer: MessagePort): () => Promise<EdgeChanges> {
  const waiting = new Map<number, { resolve(e: EdgeChanges): void; reject(e: unknown): void }>();
  let nextId = 1;
  let closed = false;
  writer.on('message', (m: FromWriter) => {
    if (m.op !== 'done') return;
    waiting.get(m.id)?.resolve(m.edges ?? { all: true, keys: [] });
    waiting.delete(m.id);
  });
  writer.on('close', () => {
    closed = true;
    for (const w of waiting.values()) w.reject(new PipelineError('SB_SHUTTING_DOWN', 'the trace store is closed'));
    waiting.clear();
  });
  return () => {
    if (closed) return Promise.reject(new PipelineError('SB_SHUTTING_DOWN', 'the trace store is closed'));
    return new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      writer.postMessage({ op: 'flushEdges', id } satisfies FromReader);
    });
  };
}

async function main(): Promise<void> {
  let open = true;
  const dbs: Database.Database[] = [];
  const readers = new Map<string, StoreReader>();
  for (const st of data.stores) {
    const db = openReader(st.path);
    dbs.push(db);
    const reader = createSqliteReader(db, { flushEdges: edgeFlusher(st.writer), isOpen: () => open }, { searchTimeoutMillis: data.searchTimeoutMillis });
    if (st.reads !== undefined) serveReader(st.reads, reader);
    readers.set(st.tenant ?? '', reader);
  }
  // With tenancy, each API request reads the store of the tenant it was admitted for (createQueryServer checks it).
  const tenancy = data.tenancy === undefined ? undefined : createTenancy(data.tenancy);
  const reader: ReaderSource = tenancy === undefined
    ? (readers.get('') as StoreReader)
    : (request) => {
        const r = readers.get(requestTenant(request) ?? '');
        if (r === undefined) throw new Error('a query reached the store without an admitted tenant');
        return r;
      };
  const telemetry = createTelemetry();
  const auth = data.auth === undefined ? undefined : await startThreadAuth(data.auth, logger, telemetry);
  const server = await createQueryServer({
    endpoint: data.endpoint, reader, logger, telemetry,
    ...(tenancy === undefined ? {} : { tenancy }),
    ...(data.uiDir === undefined ? {} : { uiDir: data.uiDir }),
    ...(data.tls === undefined ? {} : { tls: data.tls }),
    ...(data.allowedHosts === undefined ? {} : { allowedHosts: data.allowedHosts }),
    ...(data.cors === undefined ? {} : { cors: data.cors }),
    ...(auth === undefined ? {} : { authenticator: auth.authenticator }),
  });

  // Counts since the last hand-over, by label set.
  const counter = requestCounter(telemetry.registry);
  const handedOver = new Map<string, number>();
  async function handOverCounts(): Promise<void> {
    const counts: Extract<FromQueryThread, { op: 'counts' }>['counts'] = [];
    for (const v of (await counter.get()).values) {
      const key = JSON.stringify(v.labels);
      const delta = v.value - (handedOver.get(key) ?? 0);
      if (delta <= 0) continue;
      handedOver.set(key, v.value);
      counts.push({ labels: v.labels as Record<string, string>, value: delta });
    }
    if (counts.length > 0) send({ op: 'counts', counts });
  }
  const timer = setInterval(() => void handOverCounts(), COUNTS_EVERY_MILLIS);

  port?.on('message', (m: ToQueryThread) => {
    if (m.op !== 'close') return;
    clearInterval(timer);
    void (async () => {
      await server.close();
      await auth?.shutdown();
      await handOverCounts();
      open = false;
      for (const db of dbs) db.close();
      for (const st of data.stores) {
        st.writer.close();
        st.reads?.close();
      }
      send({ op: 'closed' });
      port.close();
    })();
  });
  send({ op: 'listening', address: server.address });
}

main().catch((e: unknown) => {
  send({ op: 'failed', message: (e as Error).message });
  for (const st of data.stores) {
    st.writer.close();
    st.reads?.close();
  }
  port.close();
});
