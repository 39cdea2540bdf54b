import type { MessagePort } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { TlsServerConfig } from '../config/tlsConfig.js';
import type { TenancySettings } from '../http/tenancy.js';
import type { ReaderChannel } from '../store/sqlite/workerStore.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import type { ThreadAuth } from '../telemetry/threadAuth.js';
import { awaitServerThread } from '../telemetry/serverThread.js';
import { startWorkerThread } from '../threads/startWorkerThread.js';
import { requestCounter } from './http/requestCounter.js';
import type { QueryCorsConfig } from './config.js';
import type { FromQueryThread, QueryThreadData, QueryThreadStore } from './queryThreadProtocol.js';

/**
 * The query thread's young generation: it allocates per query only (V8's default would be up to 48 MiB), but a search
 * renders thousands of spans, which with 4 MiB mostly reached the old generation before they were garbage; 8 MiB
 * measured as fast as 16 and keeps less (docs/threads.md, "Memory").
 */
const QUERY_YOUNG_GENERATION_MIB = 8;

export interface QueryThreadOptions {
  endpoint: string;
  /** The file store to read, and a port to its writer (readerChannel); with tenancy, `tenants` instead. */
  channel?: ReaderChannel;
  /** The thread's end of the main thread's remoteReader, whose reads it answers (remoteReader.ts). */
  reads?: MessagePort;
  /** With tenancy: each tenant's store, as `channel` and `reads` are for one. */
  tenants?: { tenant: string; channel: ReaderChannel; reads?: MessagePort }[];
  /** With tenancy: the settings the thread checks each API request's tenant against. */
  tenancy?: TenancySettings;
  uiDir?: string;
  logger: Logger;
  /** Where the query requests are counted (`spanbridge_query_requests_total`, handed over about every second). */
  telemetry: Telemetry;
  tls?: TlsServerConfig;
  cors?: QueryCorsConfig;
  /** The authenticator extension to start in the thread (src/telemetry/threadAuth.ts). */
  auth?: ThreadAuth;
  /** query.allowed_hosts (createQueryServer). */
  allowedHosts?: string[];
}

export interface QueryThread {
  /** `host:port` it listens on. */
  address: string;
  close(): Promise<void>;
}

/**
 * Starts the query server (createQueryServer: Jaeger and native APIs, web UI) in a thread of its own, reading the
 * store's database file on its own read-only connection (queryWorker.ts, docs/threads.md), so that a query never
 * waits behind the receivers' work on this thread. Resolves once it listens; rejects with its start-up error.
 */
export function startQueryThread(options: QueryThreadOptions): Promise<QueryThread> {
  const given = options.tenants ?? (options.channel === undefined ? [] : [{ channel: options.channel, ...(options.reads === undefined ? {} : { reads: options.reads }) }]);
  if (given.length === 0) throw new Error('the query thread needs a store to read');
  const stores: QueryThreadStore[] = given.map((g) => ({
    ...('tenant' in g ? { tenant: g.tenant } : {}),
    path: g.channel.path,
    writer: g.channel.port,
    ...(g.reads === undefined ? {} : { reads: g.reads }),
  }));
  const searchTimeoutMillis = given[0]?.channel.searchTimeoutMillis;
  const data: QueryThreadData = {
    endpoint: options.endpoint,
    stores,
    ...(options.tenancy === undefined ? {} : { tenancy: options.tenancy }),
    logLevel: options.logger.level,
    ...(options.uiDir === undefined ? {} : { uiDir: options.uiDir }),
    ...(searchTimeoutMillis === undefined ? {} : { searchTimeoutMillis }),
    ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
    ...(options.tls === undefined ? {} : { tls: options.tls }),
    ...(options.cors === undefined ? {} : { cors: options.cors }),
    ...(options.auth === undefined ? {} : { auth: options.auth }),
  };
  const worker = startWorkerThread(import.meta.url, 'queryWorker', { workerData: data, transferList: stores.flatMap((st) => (st.reads === undefined ? [st.writer] : [st.writer, st.reads])), resourceLimits: { maxYoungGenerationSizeMb: QUERY_YOUNG_GENERATION_MIB } });
  const counter = requestCounter(options.telemetry.registry);
  return awaitServerThread<FromQueryThread>(worker, {
    name: 'query',
    logger: options.logger,
    onMessage(m) {
      if (m.op === 'counts') for (const c of m.counts) counter.inc(c.labels, c.value);
    },
  });
}
