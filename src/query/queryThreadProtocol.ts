import type { MessagePort } from 'node:worker_threads';
import type { TlsServerConfig } from '../config/tlsConfig.js';
import type { TenancySettings } from '../http/tenancy.js';
import type { ThreadAuth } from '../telemetry/threadAuth.js';
import type { QueryCorsConfig } from './config.js';

// Messages between the main thread (queryThread.ts) and the query thread (queryWorker.ts).

/** One store the query thread reads. */
export interface QueryThreadStore {
  /** With tenancy: whose store it is. */
  tenant?: string;
  /** The store's database file (opened read-only). */
  path: string;
  /** A port to the store's writer thread (transferred), for dependency flushes. */
  writer: MessagePort;
  /** Where the main thread's read routes send their store reads (remoteReader.ts), transferred. */
  reads?: MessagePort;
}

/** What the query thread is started with. */
export interface QueryThreadData {
  /** `host:port` of the query server. */
  endpoint: string;
  /** The store to read, or with tenancy each tenant's. */
  stores: QueryThreadStore[];
  /** With tenancy on: API requests name their tenant, whose store they read (docs/security.md, "Tenants"). */
  tenancy?: TenancySettings;
  uiDir?: string;
  logLevel: string;
  /** storage.query_timeout, for searches. */
  searchTimeoutMillis?: number;
  /** query.allowed_hosts: Host names the query server answers (absent: any). */
  allowedHosts?: string[];
  tls?: TlsServerConfig;
  cors?: QueryCorsConfig;
  /** The authenticator extension to start in the thread (src/telemetry/threadAuth.ts). */
  auth?: ThreadAuth;
}

export type ToQueryThread = { op: 'close' };

export type FromQueryThread =
  | { op: 'listening'; address: string }
  | { op: 'failed'; message: string }
  /** Query requests answered since the last such message, by label set (`spanbridge_query_requests_total`). */
  | { op: 'counts'; counts: { labels: Record<string, string>; value: number }[] }
  /** A pino log line, to be written by the main thread's logger. */
  | { op: 'log'; record: string }
  | { op: 'closed' };
