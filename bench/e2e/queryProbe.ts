// Queries through the Jaeger API while the load runs, from the bench process (the load is in another process):
// trace by id for traces whose request was acknowledged (so they must be found) and a search by service and tag over
// the last hour, one after the other with a short pause, each timed from request to the end of the body; and the
// telemetry port's /healthz, on its own every 100 ms.
import { setTimeout as sleep } from 'node:timers/promises';
import { nowMillis } from '../measure.js';

export interface SearchSpec {
  service: string;
  tag: string;
  value: string;
}

export interface ProbeResult {
  byIdMillis: number[];
  /** By-id answers that were 404 (should stay 0: only acknowledged traces are asked for). */
  byIdMissing: number;
  searchMillis: number[];
  /** Traces returned by each search. */
  searchTraces: number[];
  /** Answers other than 200/404, or failed requests. */
  errors: number;
  /** `/healthz` on the telemetry port (its own thread, reading the main thread's heartbeat), timed every HEALTH_EVERY_MILLIS. */
  healthMillis: number[];
  /** Health checks not answered 200. */
  healthErrors: number;
}

const PAUSE_MILLIS = 50;
/** How often /healthz is asked, beside the queries (a liveness probe asks every few seconds). */
const HEALTH_EVERY_MILLIS = 100;

/** The search URL path: Jaeger UI's form with one tag, the last hour, 20 traces. */
export function searchPath(s: SearchSpec): string {
  const tags = encodeURIComponent(JSON.stringify({ [s.tag]: s.value }));
  return `/api/traces?service=${encodeURIComponent(s.service)}&tags=${tags}&lookback=1h&limit=20`;
}

async function timedGet(url: string): Promise<{ millis: number; status: number; body: string }> {
  const t = nowMillis();
  const res = await fetch(url);
  const body = await res.text();
  return { millis: nowMillis() - t, status: res.status, body };
}

/** Starts probing `queryAddress`; `stop` ends the loop and resolves with what was measured. */
export function startQueryProbe(queryAddress: string, telemetryAddress: string, nextTraceId: () => string | undefined, search: SearchSpec): { stop(): Promise<ProbeResult> } {
  const result: ProbeResult = { byIdMillis: [], byIdMissing: 0, searchMillis: [], searchTraces: [], errors: 0, healthMillis: [], healthErrors: 0 };
  let running = true;
  const base = `http://${queryAddress}`;
  const loop = (async () => {
    while (running) {
      const id = nextTraceId();
      try {
        if (id !== undefined) {
          const r = await timedGet(`${base}/api/traces/${id}`);
          if (r.status === 200) result.byIdMillis.push(r.millis);
          else if (r.status === 404) result.byIdMissing++;
          else result.errors++;
        }
        const s = await timedGet(base + searchPath(search));
        if (s.status === 200) {
          result.searchMillis.push(s.millis);
          result.searchTraces.push((JSON.parse(s.body) as { data: unknown[] }).data.length);
        } else result.errors++;
      } catch {
        result.errors++;
      }
      await sleep(PAUSE_MILLIS);
    }
  })();
  const health = (async () => {
    while (running) {
      try {
        const r = await timedGet(`http://${telemetryAddress}/healthz`);
        if (r.status === 200) result.healthMillis.push(r.millis);
        else result.healthErrors++;
      } catch {
        result.healthErrors++;
      }
      await sleep(HEALTH_EVERY_MILLIS);
    }
  })();
  return {
    async stop() {
      running = false;
      await Promise.all([loop, health]);
      return result;
    },
  };
}
