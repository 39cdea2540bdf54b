// The telemetry thread (docs/threads.md): /metrics, /healthz and /readyz on a thread of their own, so that a probe is
// answered at once however far the main thread's event loop lags behind the receivers' work. Health and readiness
// are read from the main thread's heartbeat in shared memory (heartbeat.ts); /metrics asks the main thread for the
// registry's text and gives up after metricsTimeoutMillis.
import { parentPort, workerData } from 'node:worker_threads';
import { readHeartbeat } from './heartbeat.js';
import { createProbeServer, type ProbeAnswer } from './probeServer.js';
import type { FromTelemetryThread, TelemetryThreadData, ToTelemetryThread } from './telemetryThreadProtocol.js';
import { startThreadAuth, type StartedThreadAuth } from './threadAuth.js';
import { threadLogger } from './threadLog.js';

const port = parentPort;
if (port === null) throw new Error('telemetryWorker.ts runs as a worker thread');
const data = workerData as TelemetryThreadData;

function send(m: FromTelemetryThread): void {
  port?.postMessage(m);
}

const logger = threadLogger(data.logLevel, (record) => send({ op: 'log', record }));

/** Scrapes waiting for the main thread's text, by message id. */
const scrapes = new Map<number, (answer: { text: string } | { failed: string }) => void>();
let nextScrape = 1;

function askMainForMetrics(): Promise<{ text: string } | { failed: string }> {
  return new Promise((resolve) => {
    const id = nextScrape++;
    const timer = setTimeout(() => {
      scrapes.delete(id);
      resolve({ failed: `the main thread did not hand over the metrics within ${data.metricsTimeoutMillis / 1000} s` });
    }, data.metricsTimeoutMillis);
    scrapes.set(id, (answer) => {
      clearTimeout(timer);
      scrapes.delete(id);
      resolve(answer);
    });
    send({ op: 'metrics', id });
  });
}

/** The main thread's state as the probes see it: stalled once its last beat is older than stallAfterMillis. */
function mainThread(): { beatAgeMillis: number; stalled: string | undefined; ready: boolean } {
  const { ageMillis, ready } = readHeartbeat(data.heartbeat);
  const stalled = ageMillis > data.stallAfterMillis ? `the main thread has not run for ${(ageMillis / 1000).toFixed(1)} s` : undefined;
  return { beatAgeMillis: Math.round(ageMillis), stalled, ready };
}

/** The authenticator, when /metrics needs credentials; the metrics registry it counts into is loaded only then. */
async function startAuth(): Promise<StartedThreadAuth | undefined> {
  if (data.auth === undefined) return undefined;
  const { createTelemetry } = await import('./telemetry.js');
  return startThreadAuth(data.auth, logger, createTelemetry());
}

async function metrics(): Promise<ProbeAnswer> {
  const answer = await askMainForMetrics();
  if ('failed' in answer) return { status: 503, body: answer.failed, contentType: 'text/plain; charset=utf-8' };
  return { status: 200, body: answer.text, contentType: data.metricsContentType };
}

function healthz(): ProbeAnswer {
  const { beatAgeMillis, stalled } = mainThread();
  if (stalled) return { status: 503, body: { status: 'stalled', message: stalled, mainThreadBeatAgeMillis: beatAgeMillis } };
  return { status: 200, body: { status: 'ok', mainThreadBeatAgeMillis: beatAgeMillis } };
}

function readyz(): ProbeAnswer {
  const { beatAgeMillis, stalled, ready } = mainThread();
  if (stalled) return { status: 503, body: { status: 'not ready', message: stalled, mainThreadBeatAgeMillis: beatAgeMillis } };
  if (!ready) return { status: 503, body: { status: 'not ready' } };
  return { status: 200, body: { status: 'ready' } };
}

async function main(): Promise<void> {
  const auth = await startAuth();
  const app = createProbeServer({
    routes: { '/metrics': metrics, '/healthz': healthz, '/readyz': readyz },
    logger,
    ...(data.tls ? { tls: data.tls } : {}),
    ...(auth ? { authenticator: auth.authenticator, openPaths: ['/healthz', '/readyz'] } : {}),
  });

  port?.on('message', (m: ToTelemetryThread) => {
    switch (m.op) {
      case 'metrics':
        scrapes.get(m.id)?.({ text: m.text });
        return;
      case 'metricsFailed':
        scrapes.get(m.id)?.({ failed: m.message });
        return;
      case 'close':
        void (async () => {
          await app.close();
          await auth?.shutdown();
          send({ op: 'closed' });
          port.close();
        })();
    }
  });
  send({ op: 'listening', address: await app.listen(data.host, data.port) });
}

main().catch((e: unknown) => {
  send({ op: 'failed', message: (e as Error).message });
  port.close();
});
