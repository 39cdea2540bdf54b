import type { Logger } from 'pino';
import { parseEndpoint } from '../config/endpoint.js';
import type { TlsServerConfig } from '../config/tlsConfig.js';
import { startWorkerThread } from '../threads/startWorkerThread.js';
import { BEAT_EVERY_MILLIS, createHeartbeat } from './heartbeat.js';
import type { Telemetry } from './telemetry.js';
import type { FromTelemetryThread, TelemetryThreadData, ToTelemetryThread } from './telemetryThreadProtocol.js';
import { awaitServerThread } from './serverThread.js';
import type { ThreadAuth } from './threadAuth.js';

/**
 * A main thread that has not beaten for this long is stuck, not busy: under the heaviest ingest its event loop lags a
 * second or two, while a stall of ten seconds means no request of any receiver is being answered either
 * (docs/apis.md, "Admin routes").
 */
export const DEFAULT_STALL_AFTER_MILLIS = 10_000;
/** How long /metrics waits for the main thread's text before answering 503. */
export const DEFAULT_METRICS_TIMEOUT_MILLIS = 10_000;
/** The telemetry thread's young generation: it allocates per request only (V8's default would be up to 48 MiB). */
const TELEMETRY_YOUNG_GENERATION_MIB = 4;

export interface TelemetryServerOptions {
  /** Serve HTTPS with this certificate, reloaded when its files change. */
  tls?: TlsServerConfig;
  /** The authenticator extension /metrics needs credentials for, started in the thread; /healthz and /readyz stay open for probes. */
  auth?: ThreadAuth;
  /** Where the thread's log records are written. */
  logger: Logger;
  /** /healthz and /readyz answer 503 once the main thread has not run for this long (DEFAULT_STALL_AFTER_MILLIS). */
  stallAfterMillis?: number;
  /** /metrics answers 503 when the main thread has not handed its text over within this (DEFAULT_METRICS_TIMEOUT_MILLIS). */
  metricsTimeoutMillis?: number;
}

export interface TelemetryServer {
  /** `host:port` it listens on. */
  readonly address: string;
  /** Beats now with the current readiness, rather than at the next beat: for a change /readyz must show at once. */
  beat(): void;
  /** Stops the server, the thread and the heartbeat. */
  close(): Promise<void>;
}

/**
 * `/metrics` (Prometheus text of `telemetry`), `/healthz` (the main thread runs) and `/readyz` (`isReady`, and the main
 * thread runs), served from a thread of their own (telemetryWorker.ts, docs/threads.md) so that probes are answered
 * however busy this thread is. This thread beats a heartbeat with `isReady()` every BEAT_EVERY_MILLIS and answers the
 * thread's scrapes. Resolves once it listens; rejects with its start-up error.
 */
export async function startTelemetryServer(address: string, telemetry: Telemetry, isReady: () => boolean, options: TelemetryServerOptions): Promise<TelemetryServer> {
  const heartbeat = createHeartbeat();
  const beat = () => heartbeat.beat(isReady());
  beat();
  const timer = setInterval(beat, BEAT_EVERY_MILLIS).unref();
  const { host, port } = parseEndpoint(address);
  const data: TelemetryThreadData = {
    host,
    port,
    logLevel: options.logger.level,
    heartbeat: heartbeat.buffer,
    stallAfterMillis: options.stallAfterMillis ?? DEFAULT_STALL_AFTER_MILLIS,
    metricsTimeoutMillis: options.metricsTimeoutMillis ?? DEFAULT_METRICS_TIMEOUT_MILLIS,
    metricsContentType: telemetry.registry.contentType,
    ...(options.tls === undefined ? {} : { tls: options.tls }),
    ...(options.auth === undefined ? {} : { auth: options.auth }),
  };
  const worker = startWorkerThread(import.meta.url, 'telemetryWorker', { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: TELEMETRY_YOUNG_GENERATION_MIB } });

  function post(m: ToTelemetryThread): void {
    worker.postMessage(m);
  }

  async function scrape(id: number): Promise<void> {
    try {
      post({ op: 'metrics', id, text: await telemetry.registry.metrics() });
    } catch (e) {
      options.logger.error({ err: e }, 'collecting the metrics failed');
      post({ op: 'metricsFailed', id, message: `collecting the metrics failed: ${(e as Error).message}` });
    }
  }

  const thread = await awaitServerThread<FromTelemetryThread>(worker, {
    name: 'telemetry',
    logger: options.logger,
    onMessage(m) {
      if (m.op === 'metrics') void scrape(m.id);
    },
    onEnd: () => clearInterval(timer),
  });
  return { address: thread.address, beat, close: () => thread.close() };
}
