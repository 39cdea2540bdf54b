import { availableParallelism } from 'node:os';
import v8 from 'node:v8';

// The V8 collection settings the CLI makes before its threads start (docs/threads.md, "Threads" and "Memory"). Each
// flag is process-wide and read at each collection, so it holds for the worker threads started later too; node's own
// flag for it, when given, wins.

/**
 * How far V8 lets each isolate's old generation grow past what was live after its last full collection before it
 * collects again: 50 = to one and a half times that. V8's own factor goes up to 4 when it judges collection slow
 * against the allocation rate, which under ingest it does: the main thread then held some 300 MB for 60-80 MB of live
 * objects. Against 100 (Go's GOGC=100 policy), 50 takes 15-40 MB less at the e2e bench's peak, at a throughput this
 * bench cannot tell apart (docs/threads.md, "Memory").
 */
export const HEAP_GROWING_PERCENT = 50;

/** Whether node was given one of these V8 flags (`--name`, `--no-name`, `--name=value`), in either spelling. */
function nodeFlagGiven(execArgv: readonly string[], names: readonly string[]): boolean {
  return execArgv.some((a) => {
    const m = /^--(?:no-)?([^=]+)/.exec(a.replace(/_/g, '-'));
    return m !== null && names.includes(m[1] as string);
  });
}

/**
 * Sets V8's heap growing factor for every isolate of the process. A node flag (`execArgv`; node refuses it in
 * NODE_OPTIONS) wins; else `setting` (SPANBRIDGE_HEAP_GROWING_PERCENT: 0 leaves the factor to V8); else
 * HEAP_GROWING_PERCENT. Returns the percent set, or undefined when none was; throws on a setting that is no percent.
 */
export function limitHeapGrowth(execArgv: readonly string[], setting: string | undefined): number | undefined {
  if (nodeFlagGiven(execArgv, ['heap-growing-percent'])) return undefined;
  let percent = HEAP_GROWING_PERCENT;
  if (setting !== undefined && setting !== '') {
    percent = Number(setting);
    if (!Number.isInteger(percent) || percent < 0 || percent > 1000) throw new RangeError(`SPANBRIDGE_HEAP_GROWING_PERCENT must be a whole number from 0 to 1000, not "${setting}"`);
    if (percent === 0) return undefined;
  }
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}

/**
 * Machines with at most this many cores have V8 collect young generations on the collecting thread alone. V8 shares a
 * scavenge out among its platform threads (four in node), which pays when cores are idle. Spanbridge keeps two cores
 * busy with its own threads, so there the helpers only take turns with the threads they pause: on two cores, with the
 * end-to-end bench's load, they used about a fifth of a core, and collecting alone stored 3-4% more Zipkin and
 * OTLP/HTTP spans and as many OTLP/gRPC ones, for the same memory (docs/threads.md, "Threads"). Larger machines keep
 * V8's default, as it was not measured there.
 */
export const SERIAL_SCAVENGE_MAX_CORES = 2;

const SCAVENGE_SETTINGS = ['on', 'off', 'auto'] as const;

/**
 * Turns V8's parallel scavenging off for every isolate of the process when `setting`
 * (SPANBRIDGE_PARALLEL_SCAVENGE) says `off`, or when it is `auto` (or unset) and the machine has at most
 * SERIAL_SCAVENGE_MAX_CORES cores; `on` leaves V8's default. A node flag that decides it (`--[no-]parallel-scavenge`,
 * `--single-threaded-gc`, `--single-threaded`) wins. Returns whether it turned parallel scavenging off, or undefined
 * when a node flag decides; throws on an unknown setting.
 */
export function limitParallelScavenge(execArgv: readonly string[], setting: string | undefined, cores = availableParallelism()): boolean | undefined {
  const chosen = setting === undefined || setting === '' ? 'auto' : setting;
  if (!(SCAVENGE_SETTINGS as readonly string[]).includes(chosen)) throw new RangeError(`SPANBRIDGE_PARALLEL_SCAVENGE must be on, off or auto, not "${setting}"`);
  if (nodeFlagGiven(execArgv, ['parallel-scavenge', 'single-threaded-gc', 'single-threaded'])) return undefined;
  if (chosen === 'on' || (chosen === 'auto' && cores > SERIAL_SCAVENGE_MAX_CORES)) return false;
  v8.setFlagsFromString('--no-parallel-scavenge');
  return true;
}
