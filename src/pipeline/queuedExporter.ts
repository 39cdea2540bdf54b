import { Type, type Static, type TObject } from '@sinclair/typebox';
import { configObject } from '../config/configSchema.js';
import { durationSchema } from '../config/duration.js';
import { PipelineError, asPipelineError } from '../errors.js';
import { countSpans } from '../model/batch.js';
import { parseDurationMillis } from '../model/duration.js';
import type { TraceBatch } from '../model/span.js';
import { createRateLimitedLog } from '../telemetry/rateLimitedLog.js';
import type { ComponentSettings, Exporter, Host } from './component.js';
import { createMemoryQueue, type BatchQueue } from './queue.js';
import { pipelineErrorRetries, retryConfigSchema, retryPolicy, retryWithBackoff } from './retry.js';

/** The transport of an exporter: one attempt to deliver one batch. Throws PipelineError (permanent or retryable). */
export interface Sender {
  send(batch: TraceBatch, signal: AbortSignal): Promise<void>;
  start?(): Promise<void>;
  shutdown?(): Promise<void>;
}

/** Schema properties shared by every queued exporter (the Collector's exporterhelper settings). */
export const exporterHelperProperties = {
  timeout: durationSchema('5s', 'time limit of one send attempt'),
  sending_queue: configObject(
    {
      enabled: Type.Boolean({ default: true }),
      num_consumers: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
      queue_size: Type.Integer({ minimum: 1, default: 100_000, description: 'spans held at most' }),
    },
    { default: {} },
  ),
  retry_on_failure: retryConfigSchema,
};

/** The part of a queued exporter's config that `exporterHelperProperties` describes, after defaults. */
export type ExporterHelperConfig = Static<TObject<typeof exporterHelperProperties>>;

/**
 * Wraps a Sender with a bounded queue, retries with backoff and a per-attempt timeout: cross-cutting behaviour lives
 * here once, not in each exporter. `consume` resolves once the batch is queued; a full queue refuses it with
 * SB_QUEUE_FULL.
 */
export function createQueuedExporter(settings: ComponentSettings, config: ExporterHelperConfig, sender: Sender, queue?: BatchQueue<TraceBatch>): Exporter {
  const { id, telemetry, logger } = settings;
  const policy = retryPolicy(config.retry_on_failure);
  const retriesOn = config.retry_on_failure.enabled;
  const timeoutMillis = parseDurationMillis(config.timeout);
  const q = queue ?? createMemoryQueue<TraceBatch>(config.sending_queue.queue_size);
  const stopping = new AbortController();
  const workers: Promise<void>[] = [];
  const failureLog = createRateLimitedLog(logger);

  async function deliver(batch: TraceBatch): Promise<void> {
    const spans = countSpans(batch);
    // What is reported is the send's last failure, also when shutdown ends the retries (rather than the abort).
    let lastFailure: unknown;
    const attempt = async (stop: AbortSignal): Promise<void> => {
      try {
        await sender.send(batch, AbortSignal.any([stop, AbortSignal.timeout(timeoutMillis)]));
      } catch (e) {
        lastFailure = e;
        throw e;
      }
    };
    try {
      await retryWithBackoff(attempt, { signal: stopping.signal, policy, ...pipelineErrorRetries, ...(retriesOn ? {} : { maxAttempts: 1 }) });
      telemetry.exporterSent(id, spans);
    } catch (thrown) {
      const e = lastFailure ?? thrown;
      telemetry.exporterFailed(id, spans);
      failureLog.warn({ exporter: id, err: asPipelineError(e).message, spans }, 'export failed; dropping data');
      throw e;
    }
  }

  async function work(): Promise<void> {
    for (;;) {
      const batch = await q.take();
      telemetry.exporterQueueSize(id, q.size);
      if (batch === undefined) return;
      await deliver(batch).catch(() => undefined);
    }
  }

  return {
    async start(_host: Host) {
      await sender.start?.();
      if (config.sending_queue.enabled) for (let i = 0; i < config.sending_queue.num_consumers; i++) workers.push(work());
    },
    async consume(batch) {
      if (!config.sending_queue.enabled) return deliver(batch);
      const spans = countSpans(batch);
      if (!q.offer(batch, spans)) {
        telemetry.exporterEnqueueFailed(id, spans);
        throw new PipelineError('SB_QUEUE_FULL', `exporter ${id}: sending queue is full`, { retryAfterMillis: 1000 });
      }
      telemetry.exporterQueueSize(id, q.size);
    },
    async shutdown() {
      q.close();
      // Drain what is queued; retries stop waiting once the drain time is up.
      const timer = setTimeout(() => stopping.abort(), Math.max(timeoutMillis * 2, 5000));
      await Promise.all(workers);
      clearTimeout(timer);
      stopping.abort();
      await sender.shutdown?.();
    },
  };
}
