import type { Logger } from 'pino';
import type { TlsServerConfig } from '../config/tlsConfig.js';
import { startWorkerThread } from '../threads/startWorkerThread.js';
import { BEAT_EVERY_MILLIS, createHeartbeat } from './heartbeat.js';
import type { Telemetry } from './telemetry.js';
import type { FromTelemetryThread, TelemetryThreadData, ToTelemetryThread } from './telemetryThreadProtocol.js';
import type { ThreadAuth } from './threadAuth.js';
import { writeThreadLog } from './threadLog.js';

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
export function startTelemetryServer(address: string, telemetry: Telemetry, isReady: () => boolean, options: TelemetryServerOptions): Promise<TelemetryServer> {
  const heartbeat = createHeartbeat();
  const beat = () => heartbeat.beat(isReady());
  beat();
  const timer = setInterval(beat, BEAT_EVERY_MILLIS).unref();
  const data: TelemetryThreadData = {
    address,
    logLevel: options.logger.level,
    heartbeat: heartbeat.buffer,
    stallAfterMillis: options.stallAfterMillis ?? DEFAULT_STALL_AFTER_MILLIS,
    metricsTimeoutMillis: options.metricsTimeoutMillis ?? DEFAULT_METRICS_TIMEOUT_MILLIS,
    metricsContentType: telemetry.registry.contentType,
    ...(options.tls === undefined ? {} : { tls: options.tls }),
    ...(options.auth === undefined ? {} : { auth: options.auth }),
  };
  const worker = startWorkerThread(import.meta.url, 'telemetryWorker', { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: TELEMETRY_YOUNG_GENERATION_MIB } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let closed: (() => void) | undefined;
  // Set when the thread is meant to stop (closed, or failed to start): any other exit is logged.
  let stopping = false;

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

  return new Promise((resolve, reject) => {
    worker.on('message', (m: FromTelemetryThread) => {
      switch (m.op) {
        case 'listening':
          resolve({
            address: m.address,
            beat,
            async close() {
              stopping = true;
              clearInterval(timer);
              const done = new Promise<void>((r) => (closed = r));
              post({ op: 'close' });
              await Promise.race([done, exited]);
              await worker.terminate();
            },
          });
          return;
        case 'failed':
          stopping = true;
          clearInterval(timer);
          reject(new Error(m.message));
          void worker.terminate();
          return;
        case 'metrics':
          void scrape(m.id);
          return;
        case 'log':
          writeThreadLog(options.logger, m.record);
          return;
        case 'closed':
          closed?.();
      }
    });
    worker.on('error', (e) => {
      clearInterval(timer);
      options.logger.error({ err: e }, 'the telemetry thread failed');
      reject(e);
    });
    worker.once('exit', (code) => {
      clearInterval(timer);
      if (!stopping) options.logger.error({ exitCode: code }, 'the telemetry thread stopped');
      reject(new Error(`the telemetry thread stopped (exit code ${code})`));
    });
  });
}
