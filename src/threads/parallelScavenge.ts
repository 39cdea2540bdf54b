import { availableParallelism } from 'node:os';
import v8 from 'node:v8';

/**
 * Machines with at most this many cores have V8 collect young generations on the collecting thread alone. V8 shares a
 * scavenge out among its platform threads (four in node), which pays when cores are idle. Spanbridge keeps two cores
 * busy with its own threads, so there the helpers only take turns with the threads they pause: on two cores, with the
 * end-to-end bench's load, they used about a fifth of a core, and collecting alone stored 3-4% more Zipkin and
 * OTLP/HTTP spans and as many OTLP/gRPC ones, for the same memory (docs/threads.md, "Threads"). Larger machines keep
 * V8's default, as it was not measured there.
 */
export const SERIAL_SCAVENGE_MAX_CORES = 2;

const FLAG = 'parallel-scavenge';
const SETTINGS = ['on', 'off', 'auto'] as const;

/**
 * Turns V8's parallel scavenging off for every isolate of the process when `setting`
 * (SPANBRIDGE_PARALLEL_SCAVENGE) says `off`, or when it is `auto` (or unset) and the machine has at most
 * SERIAL_SCAVENGE_MAX_CORES cores; `on` leaves V8's default. The flag is process-wide and read at each scavenge, so it
 * holds for the worker threads started later too. A node flag that decides it (`--[no-]parallel-scavenge`,
 * `--single-threaded-gc`, `--single-threaded`) wins. Returns whether it turned parallel scavenging off, or undefined
 * when a node flag decides; throws on an unknown setting.
 */
export function limitParallelScavenge(execArgv: readonly string[], setting: string | undefined, cores = availableParallelism()): boolean | undefined {
  const chosen = setting === undefined || setting === '' ? 'auto' : setting;
  if (!(SETTINGS as readonly string[]).includes(chosen)) throw new RangeError(`SPANBRIDGE_PARALLEL_SCAVENGE must be on, off or auto, not "${setting}"`);
  if (execArgv.some((a) => /^--(no-)?(parallel-scavenge|single-threaded-gc|single-threaded)(=|$)/.test(a.replace(/_/g, '-')))) return undefined;
  if (chosen === 'on' || (chosen === 'auto' && cores > SERIAL_SCAVENGE_MAX_CORES)) return false;
  v8.setFlagsFromString(`--no-${FLAG}`);
  return true;
}
