import type { MessagePort } from 'node:worker_threads';

// Messages between the main thread (queryThread.ts) and the query thread (queryWorker.ts).

/** What the query thread is started with. */
export interface QueryThreadData {
  /** `host:port` of the query server. */
  endpoint: string;
  /** The store's database file (opened read-only). */
  path: string;
  /** A port to the store's writer thread (transferred), for dependency flushes. */
  writer: MessagePort;
  uiDir?: string;
  logLevel: string;
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
