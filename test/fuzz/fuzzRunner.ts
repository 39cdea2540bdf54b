// Runs fuzz targets against one running CLI: inputs drawn from fast-check arbitraries in seeded chunks, sent a few at
// a time, while another sender keeps sending a valid request and the process's resident memory is sampled.
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import fc from 'fast-check';
import type { AllInOne } from '../support/allInOne.js';
import { rawRequest } from '../support/rawHttp.js';

/** What one input got: the answer (`200`, `grpc 3`, `sent`), and why it counts as a failure, when it does. */
export interface Outcome {
  answer: string;
  failure?: string;
}

export interface FuzzTarget<T> {
  readonly name: string;
  readonly inputs: fc.Arbitrary<T>;
  send(input: T): Promise<Outcome>;
  /** The input in a failure report (shortened). */
  describe(input: T): string;
}

export interface TargetReport {
  target: string;
  inputs: number;
  seed: number;
  answers: Record<string, number>;
  failures: number;
  /** The first failures, with their input. */
  examples: string[];
  worstMillis: number;
  /** Inputs whose answer took longer than SLOW_MILLIS. */
  slow: number;
}

export interface GroupReport {
  targets: TargetReport[];
  peakRssBytes: number;
  canarySent: number;
  canaryFailures: string[];
  /** /healthz answered 200 after every target, and the process still ran at the end. */
  healthy: boolean;
}

export interface RunOptions {
  count: number;
  seed: number;
  /** Inputs in flight at once. */
  concurrency?: number;
  /** Only the targets whose name contains one of these. */
  only?: readonly string[];
  log?: (line: string) => void;
}

/** An answer slower than this is a failure of the target (a hostile input must not hold a request). */
export const SLOW_MILLIS = 5000;
/** Resident memory the process may reach under fuzzing (memory_limiter's limit is 1 GiB of heap). */
export const RSS_LIMIT_BYTES = 1536 * 1024 * 1024;
/** A request still unanswered after this is given up (a failure), so one hung request cannot stall the run. */
const GIVE_UP_MILLIS = 60_000;
const CHUNK = 200;
const MAX_EXAMPLES = 10;

/** The resident set size of a process, from /proc (Linux), or 0 where there is none. */
export function residentBytes(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? 0 : Number(m[1]) * 1024;
  } catch {
    return 0;
  }
}

function shorten(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}... (${text.length} characters)` : text;
}

async function runTarget<T>(target: FuzzTarget<T>, options: RunOptions): Promise<TargetReport> {
  const report: TargetReport = { target: target.name, inputs: 0, seed: options.seed, answers: {}, failures: 0, examples: [], worstMillis: 0, slow: 0 };
  const concurrency = options.concurrency ?? 8;
  for (let chunk = 0; report.inputs < options.count; chunk++) {
    const n = Math.min(CHUNK, options.count - report.inputs);
    // Seeded per chunk, so `--seed S` draws the same inputs again without holding them all in memory at once.
    const inputs = fc.sample(target.inputs, { numRuns: n, seed: options.seed + chunk });
    let next = 0;
    const worker = async () => {
      while (next < inputs.length) {
        const input = inputs[next++] as T;
        const started = performance.now();
        let outcome: Outcome;
        let timer: NodeJS.Timeout | undefined;
        const unanswered = new Promise<Outcome>((resolve) => {
          timer = setTimeout(() => resolve({ answer: 'none', failure: `no answer in ${GIVE_UP_MILLIS} ms` }), GIVE_UP_MILLIS);
        });
        try {
          outcome = await Promise.race([target.send(input), unanswered]);
        } catch (e) {
          outcome = { answer: 'error', failure: `no answer: ${(e as Error).message}` };
        } finally {
          clearTimeout(timer);
        }
        const millis = performance.now() - started;
        report.worstMillis = Math.max(report.worstMillis, millis);
        if (millis > SLOW_MILLIS) {
          report.slow++;
          outcome.failure ??= `took ${Math.round(millis)} ms`;
        }
        report.answers[outcome.answer] = (report.answers[outcome.answer] ?? 0) + 1;
        if (outcome.failure !== undefined) {
          report.failures++;
          if (report.examples.length < MAX_EXAMPLES) report.examples.push(`${outcome.failure} <- ${shorten(target.describe(input))}`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    report.inputs += n;
  }
  return report;
}

/**
 * Runs `targets` one after another against the running CLI `a`, while `canary` (a valid request of another sender,
 * resolving with a failure text or undefined) runs every 200 ms and resident memory is sampled every 250 ms. Health is
 * checked after every target.
 */
export async function runGroup(a: AllInOne, targets: ReadonlyArray<FuzzTarget<never>>, canary: () => Promise<string | undefined>, options: RunOptions): Promise<GroupReport> {
  const group: GroupReport = { targets: [], peakRssBytes: residentBytes(a.cli.child.pid), canarySent: 0, canaryFailures: [], healthy: true };
  let running = true;
  const sampler = setInterval(() => {
    group.peakRssBytes = Math.max(group.peakRssBytes, residentBytes(a.cli.child.pid));
  }, 250);
  const canaryLoop = (async () => {
    while (running) {
      group.canarySent++;
      const failure = await canary().catch((e: unknown) => `no answer: ${(e as Error).message}`);
      if (failure !== undefined) group.canaryFailures.push(failure);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  try {
    for (const target of targets) {
      if (options.only !== undefined && options.only.length > 0 && !options.only.some((s) => target.name.includes(s))) continue;
      const report = await runTarget(target, options);
      group.targets.push(report);
      options.log?.(`${report.target}: ${report.inputs} inputs (seed ${report.seed}), answers ${JSON.stringify(report.answers)}, failures ${report.failures}, worst ${Math.round(report.worstMillis)} ms`);
      const health = await fetch(`${a.telemetry}/healthz`).then((r) => r.status, () => 0);
      if (health !== 200) group.healthy = false;
    }
  } finally {
    running = false;
    await canaryLoop;
    clearInterval(sampler);
  }
  // And after: the other sender is still served.
  group.canarySent++;
  const after = await canary().catch((e: unknown) => `no answer: ${(e as Error).message}`);
  if (after !== undefined) group.canaryFailures.push(`after the run: ${after}`);
  if (a.cli.child.exitCode !== null) group.healthy = false;
  options.log?.(`peak RSS ${Math.round(group.peakRssBytes / 1024 / 1024)} MiB, canary ${group.canarySent} sent, ${group.canaryFailures.length} failed`);
  return group;
}

/**
 * Connections of the fuzzer: one per request. A server closes a connection after some refusals (431, 413), and a
 * shared pool would then fail the requests it had queued on it, which would look like the server's fault.
 */
const FRESH_CONNECTIONS = new Agent({ keepAlive: false });

/** One HTTP request as an outcome: 5xx (or no answer) is a failure. */
export async function httpOutcome(url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Outcome> {
  const r = await rawRequest(url, { ...options, agent: FRESH_CONNECTIONS });
  return r.status >= 500 ? { answer: String(r.status), failure: `${r.status}: ${shorten(r.text)}` } : { answer: String(r.status) };
}
