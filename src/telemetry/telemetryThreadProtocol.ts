import type { TlsServerConfig } from '../config/tlsConfig.js';
import type { ThreadAuth } from './threadAuth.js';

// Messages between the main thread (telemetryServer.ts) and the telemetry thread (telemetryWorker.ts).

/** What the telemetry thread is started with. */
export interface TelemetryThreadData {
  /** Where to listen (port 0: a free one). */
  host: string;
  port: number;
  logLevel: string;
  /** The main thread's heartbeat (heartbeat.ts). */
  heartbeat: SharedArrayBuffer;
  /** /healthz and /readyz answer 503 once the main thread's last beat is older than this. */
  stallAfterMillis: number;
  /** /metrics answers 503 when the main thread has not handed the text over within this. */
  metricsTimeoutMillis: number;
  /** The Content-Type of the Prometheus text (the registry's). */
  metricsContentType: string;
  tls?: TlsServerConfig;
  /** The authenticator extension /metrics needs credentials for, started in the thread (threadAuth.ts). */
  auth?: ThreadAuth;
}

export type ToTelemetryThread =
  | { op: 'close' }
  /** The Prometheus text asked for by the `metrics` message `id`, or why there is none. */
  | { op: 'metrics'; id: number; text: string }
  | { op: 'metricsFailed'; id: number; message: string };

export type FromTelemetryThread =
  | { op: 'listening'; address: string }
  | { op: 'failed'; message: string }
  /** A scrape of /metrics: the main thread answers with the registry's text. */
  | { op: 'metrics'; id: number }
  /** A pino log line, to be written by the main thread's logger (threadLog.ts). */
  | { op: 'log'; record: string }
  | { op: 'closed' };
