import { PipelineError } from '../../errors.js';
import { addAdmissionCheck, admittedRequests } from '../../http/admissionGate.js';
import { countSpans } from '../../model/batch.js';
import type { ComponentSettings, Consumer, Processor } from '../../pipeline/component.js';
import { memoryLimits, type MemoryLimiterConfig } from './config.js';
import { readProcessMemory } from './readProcessMemory.js';
import { createAckAdmission } from './ackAdmission.js';
import { parseDurationMillis } from '../../model/duration.js';

export interface MemoryLimiterOptions {
  /** Bytes in use; defaults to readProcessMemory (heapUsed + external). Tests inject their own. */
  readMemoryBytes?: () => number;
  /** Run above the hard limit; defaults to `global.gc` when node runs with `--expose-gc`, else nothing. */
  gc?: () => void;
  /** Milliseconds of a monotonic clock, for the acknowledgement waits; tests inject their own. */
  now?: () => number;
}

const MIB = 1024 * 1024;
/** Retry-After of an overload refusal, at least: the backlog needs about that long to drain. */
const OVERLOAD_RETRY_MILLIS = 1000;
const mib = (bytes: number) => Math.round(bytes / MIB);

function exposedGc(): (() => void) | undefined {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? () => void gc() : undefined;
}

/**
 * The Collector's memory_limiter: refuse data instead of growing until the process runs out. Every `check_interval` it
 * reads memory; above the soft limit (`limit_mib - spike_limit_mib`) it refuses data with SB_MEMORY_LIMIT (retryable,
 * retry after one check interval) until a check finds use at or below the soft limit again. Above the hard limit it
 * also runs the garbage collector, when one is exposed, and reads again. State changes are logged once each.
 * Besides memory, it refuses (SB_OVERLOADED) while too many spans, or too old a batch, wait for their acknowledgement
 * (ackAdmission.ts), so overload turns into prompt refusals rather than ever longer waits.
 */
export function createMemoryLimiter(settings: ComponentSettings, config: MemoryLimiterConfig, next: Consumer, options: MemoryLimiterOptions = {}): Processor {
  const { id, logger, telemetry } = settings;
  const { checkIntervalMillis, hardLimitBytes, softLimitBytes } = memoryLimits(config);
  const read = options.readMemoryBytes ?? readProcessMemory;
  const gc = options.gc ?? exposedGc();
  let refusing = false;
  let readFailed = false;
  let lastUsedBytes = 0;
  let timer: NodeJS.Timeout | undefined;
  const admission = createAckAdmission(
    id,
    { maxInFlightSpans: config.max_in_flight_spans, maxAckWaitMillis: parseDurationMillis(config.max_ack_wait), retryAfterMillis: Math.max(checkIntervalMillis, OVERLOAD_RETRY_MILLIS) },
    options.now,
  );

  function memoryRefusal(): PipelineError {
    return new PipelineError('SB_MEMORY_LIMIT', `processor ${id}: memory use (${mib(lastUsedBytes)} MiB) is above the soft limit (${mib(softLimitBytes)} MiB); send again later`, {
      retryAfterMillis: checkIntervalMillis,
    });
  }
  let removeAdmissionCheck: (() => void) | undefined;

  function check(): void {
    let used: number;
    try {
      used = read();
      if (used > hardLimitBytes && gc) {
        gc();
        used = read();
      }
      readFailed = false;
    } catch (e) {
      if (!readFailed) logger.error({ err: e }, 'memory_limiter could not read memory use; keeping the previous state');
      readFailed = true;
      return;
    }
    lastUsedBytes = used;
    const over = used > softLimitBytes;
    if (over && !refusing) logger.warn({ usedMiB: mib(used), softLimitMiB: mib(softLimitBytes), hardLimitMiB: mib(hardLimitBytes) }, 'memory use is above the soft limit; refusing data');
    if (!over && refusing) logger.info({ usedMiB: mib(used), softLimitMiB: mib(softLimitBytes) }, 'memory use is back below the soft limit; accepting data');
    refusing = over;
  }

  return {
    async start() {
      check();
      timer = setInterval(check, checkIntervalMillis);
      // A limiter alone must not keep the process running.
      timer.unref();
      // The HTTP receivers ask before they read a body (src/http/admissionGate.ts).
      removeAdmissionCheck = addAdmissionCheck(() => (refusing ? memoryRefusal() : admission.overloaded(admittedRequests())));
    },
    async consume(batch) {
      if (!refusing) {
        try {
          return await admission.admit(countSpans(batch), () => next.consume(batch));
        } catch (e) {
          if (e instanceof PipelineError && e.code === 'SB_OVERLOADED') telemetry.processorRefused(id, countSpans(batch));
          throw e;
        }
      }
      telemetry.processorRefused(id, countSpans(batch));
      throw memoryRefusal();
    },
    async shutdown() {
      removeAdmissionCheck?.();
      clearInterval(timer);
      timer = undefined;
    },
  };
}
