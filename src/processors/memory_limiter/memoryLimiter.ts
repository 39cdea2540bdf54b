import { PipelineError } from '../../errors.js';
import { countSpans } from '../../model/batch.js';
import type { ComponentSettings, Consumer, Processor } from '../../pipeline/component.js';
import { memoryLimits, type MemoryLimiterConfig } from './config.js';
import { readProcessMemory } from './readProcessMemory.js';

export interface MemoryLimiterOptions {
  /** Bytes in use; defaults to readProcessMemory (heapUsed + external). Tests inject their own. */
  readMemoryBytes?: () => number;
  /** Run above the hard limit; defaults to `global.gc` when node runs with `--expose-gc`, else nothing. */
  gc?: () => void;
}

const MIB = 1024 * 1024;
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
    },
    consume(batch) {
      if (!refusing) return next.consume(batch);
      telemetry.processorRefused(id, countSpans(batch));
      return Promise.reject(
        new PipelineError('SB_MEMORY_LIMIT', `processor ${id}: memory use (${mib(lastUsedBytes)} MiB) is above the soft limit (${mib(softLimitBytes)} MiB); send again later`, {
          retryAfterMillis: checkIntervalMillis,
        }),
      );
    },
    async shutdown() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
