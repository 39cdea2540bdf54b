import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createLatencyWindow } from './latencyWindow.js';

export interface LoadStats {
  /** Requests answered (or failed). */
  requests: number;
  /** Answers other than 2xx/3xx, and requests that failed outright. */
  errors: number;
  inFlight: number;
  /** Requests not sent because `maxInFlight` were already waiting. */
  skipped: number;
  /** Over the last 10,000 requests; undefined before the first answer. */
  p50Millis: number | undefined;
  p99Millis: number | undefined;
}

export interface LoadGeneratorOptions {
  /** `http://127.0.0.1:<port>`: productpage's inbound sidecar. */
  baseUrl: string;
  /** Requests per second. */
  rate: number;
  /** Stop sending after this long; undefined = until stop(). */
  durationMillis?: number;
  /** Requests allowed to wait for an answer at once (the rest are skipped and counted). */
  maxInFlight: number;
}

export interface LoadGenerator {
  /** Resolves once `durationMillis` has passed and every request sent has been answered. */
  readonly finished: Promise<void>;
  stats(): LoadStats;
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<void>;
}

/**
 * Sends `GET /productpage` at a steady rate: request i goes out at i / rate seconds, so a run of D ms sends
 * ceil(D * rate / 1000) requests whatever the timer resolution. Like a browser coming through the ingress, the
 * requests carry no trace headers, so productpage's sidecar starts each trace.
 */
export function startLoadGenerator(options: LoadGeneratorOptions): LoadGenerator {
  const url = new URL('/productpage', options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const latencies = createLatencyWindow();
  const total = options.durationMillis === undefined ? Infinity : Math.ceil((options.durationMillis * options.rate) / 1000);
  const started = performance.now();
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let requests = 0;
  let errors = 0;
  let skipped = 0;
  let stopped = false;
  let resolveFinished: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));

  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const done = (ok: boolean) => {
        requests++;
        if (!ok) errors++;
        latencies.add(performance.now() - t0);
        resolve();
      };
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, agent, headers: { host: 'productpage:9080', 'user-agent': 'spanbridge-demo-loadgen' } },
        (res) => {
          res.resume();
          res.on('end', () => done((res.statusCode ?? 0) < 400));
          res.on('error', () => done(false));
        },
      );
      req.on('error', () => done(false));
      req.end();
    });

  const drain = async () => {
    while (pending.size > 0) await Promise.all([...pending]);
  };

  const finish = () => {
    clearInterval(timer);
    void drain().then(() => {
      agent.destroy();
      resolveFinished();
    });
  };

  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - started) * options.rate) / 1000) + 1);
    while (!stopped && sent < due) {
      sent++;
      if (pending.size >= options.maxInFlight) {
        skipped++;
        continue;
      }
      const p = one().finally(() => pending.delete(p));
      pending.add(p);
    }
    if (sent >= total && !stopped) {
      stopped = true;
      finish();
    }
  };
  const timer = setInterval(tick, Math.max(1, Math.min(50, 1000 / options.rate)));
  tick();

  return {
    finished,
    stats: () => ({ requests, errors, inFlight: pending.size, skipped, p50Millis: latencies.percentile(50), p99Millis: latencies.percentile(99) }),
    async stop() {
      if (!stopped) {
        stopped = true;
        finish();
      }
      await finished;
    },
  };
}
