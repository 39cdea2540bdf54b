import v8 from 'node:v8';

/**
 * How far V8 lets each isolate's old generation grow past what was live after its last full collection before it
 * collects again: 100 = to twice that. V8's own factor goes up to 4 when it judges collection slow against the
 * allocation rate, which under ingest it does: the main thread then held some 300 MB for 60-80 MB of live objects,
 * and the process 700 MB, where this factor gives 450-500 MB at the same throughput (docs/threads.md, "Memory").
 */
export const HEAP_GROWING_PERCENT = 100;

const FLAG = 'heap-growing-percent';

/**
 * Sets V8's heap growing factor for every isolate of the process (the flag is process-wide and read at each
 * collection, so it holds for the worker threads started later too), unless the node options already set it:
 * `execArgv` and `NODE_OPTIONS` are the user's word. Returns the percent in effect, or undefined when it was theirs.
 */
export function limitHeapGrowth(execArgv: readonly string[], nodeOptions: string | undefined): number | undefined {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((a) => a.replace(/_/g, '-').startsWith(`--${FLAG}`));
  if (given) return undefined;
  v8.setFlagsFromString(`--${FLAG}=${HEAP_GROWING_PERCENT}`);
  return HEAP_GROWING_PERCENT;
}
