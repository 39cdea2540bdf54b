import v8 from 'node:v8';

/**
 * How far V8 lets each isolate's old generation grow past what was live after its last full collection before it
 * collects again: 50 = to one and a half times that. V8's own factor goes up to 4 when it judges collection slow
 * against the allocation rate, which under ingest it does: the main thread then held some 300 MB for 60-80 MB of live
 * objects. Against 100 (Go's GOGC=100 policy), 50 takes 15-40 MB less at the e2e bench's peak, at a throughput this
 * bench cannot tell apart (docs/threads.md, "Memory").
 */
export const HEAP_GROWING_PERCENT = 50;

const FLAG = 'heap-growing-percent';

/**
 * Sets V8's heap growing factor for every isolate of the process (the flag is process-wide and read at each
 * collection, so it holds for the worker threads started later too). A node flag (`execArgv`; node refuses it in
 * NODE_OPTIONS) wins; else `setting` (SPANBRIDGE_HEAP_GROWING_PERCENT: 0 leaves the factor to V8); else
 * HEAP_GROWING_PERCENT. Returns the percent set, or undefined when none was; throws on a setting that is no percent.
 */
export function limitHeapGrowth(execArgv: readonly string[], setting: string | undefined): number | undefined {
  if (execArgv.some((a) => a.replace(/_/g, '-').startsWith(`--${FLAG}`))) return undefined;
  let percent = HEAP_GROWING_PERCENT;
  if (setting !== undefined && setting !== '') {
    percent = Number(setting);
    if (!Number.isInteger(percent) || percent < 0 || percent > 1000) throw new RangeError(`SPANBRIDGE_HEAP_GROWING_PERCENT must be a whole number from 0 to 1000, not "${setting}"`);
    if (percent === 0) return undefined;
  }
  v8.setFlagsFromString(`--${FLAG}=${percent}`);
  return percent;
}
