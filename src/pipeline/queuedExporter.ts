import { Type, type Static, type TObject } from '@sinclair/typebox';
import { configObject } from '../config/configSchema.js';
import { durationSchema } from '../config/duration.js';
import { PipelineError, asPipelineError } from '../errors.js';
import { decodeOtlpProto } from '../codecs/otlp/decodeOtlpProto.js';
import { encodeOtlpProto } from '../codecs/otlp/encodeOtlpProto.js';
import { countSpans } from '../model/batch.js';
import { parseDurationMillis } from '../model/duration.js';
import type { TraceBatch } from '../model/span.js';
import { createRateLimitedLog } from '../telemetry/rateLimitedLog.js';
import type { ComponentSettings, Exporter, Host } from './component.js';
import { openFileQueue } from './fileQueue.js';
import { createMemoryQueue, type BatchQueue } from './queue.js';
import { pipelineErrorRetries, retryConfigSchema, retryPolicy, retryWithBackoff } from './retry.js';

/** The transport of an exporter: one attempt to deliver one batch. Throws PipelineError (permanent or retryable). */
export interface Sender {
  send(batch: TraceBatch, signal: AbortSignal): Promise<void>;
  start?(): Promise<void>;
  shutdown?(): Promise<void>;
}

const GIB = 1024 * 1024 * 1024;

/** Schema properties shared by every queued exporter (the Collector's exporterhelper settings). */
export const exporterHelperProperties = {
  timeout: durationSchema('5s', 'time limit of one send attempt'),
  sending_queue: configObject(
    {
      enabled: Type.Boolean({ default: true }),
      num_consumers: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
      queue_size: Type.Integer({ minimum: 1, default: 100_000, description: 'spans held at most' }),
      storage: Type.Optional(
        Type.String({ pattern: '^[a-z][a-z0-9_]*(/[^\\s/]+)?$', description: 'id of a storage extension (file_storage) listed in service.extensions: the queue is kept on disk, and batches given up on go to dead letters there' }),
      ),
      max_size_bytes: Type.Integer({ minimum: 1, default: GIB, description: 'with storage: bytes of queued batches on disk at most (more is refused, 429)' }),
      dead_letter_max_size_bytes: Type.Integer({ minimum: 0, default: GIB, description: 'with storage: bytes of dead letters kept at most (a batch given up on that does not fit is deleted and counted)' }),
    },
    { default: {} },
  ),
  retry_on_failure: retryConfigSchema,
};

/** The part of a queued exporter's config that `exporterHelperProperties` describes, after defaults. */
export type ExporterHelperConfig = Static<TObject<typeof exporterHelperProperties>>;

/**
 * Wraps a Sender with a bounded queue, retries with backoff and a per-attempt timeout: cross-cutting behaviour lives
 * here once, not in each exporter. The queue is in memory, or on disk with `sending_queue.storage` (the batches as
 * OTLP ExportTraceServiceRequest protobuf, src/pipeline/fileQueue.ts). `consume` resolves once the batch is queued
 * (written, and synced by the storage's policy); a full queue refuses it with SB_QUEUE_FULL. A batch leaves a
 * persistent queue only once the backend accepted it, or into the dead letters once retries are exhausted or it was
 * refused for good (docs/durability.md). A caller may hand in its own `queue` (the loadbalancing exporter's reroutable
 * per-backend queues); `sending_queue.storage` is then not used.
 */
export function createQueuedExporter(settings: ComponentSettings, config: ExporterHelperConfig, sender: Sender, queue?: BatchQueue<TraceBatch>): Exporter {
  const { id, telemetry, logger } = settings;
  const policy = retryPolicy(config.retry_on_failure);
  const retriesOn = config.retry_on_failure.enabled;
  const timeoutMillis = parseDurationMillis(config.timeout);
  const queueConfig = config.sending_queue;
  let q: BatchQueue<TraceBatch> = queue ?? createMemoryQueue<TraceBatch>(queueConfig.queue_size);
  let queueBytes = (): number | undefined => undefined;
  const stopping = new AbortController();
  const workers: Promise<void>[] = [];
  const failureLog = createRateLimitedLog(logger);
  const storageLog = createRateLimitedLog(logger);

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
      // A persistent queue keeps a batch that shutdown interrupted; it is sent again at the next start.
      if (stopping.signal.aborted && q.persistent) throw e;
      telemetry.exporterFailed(id, spans);
      if (!q.persistent) failureLog.warn({ exporter: id, err: asPipelineError(e).message, spans }, 'export failed; dropping data');
      throw e;
    }
  }

  function reportQueue(): void {
    telemetry.exporterQueueSize(id, q.size);
    const bytes = queueBytes();
    if (bytes !== undefined) telemetry.exporterQueueBytes(id, bytes);
  }

  async function work(): Promise<void> {
    for (;;) {
      const taken = await q.take();
      reportQueue();
      if (taken === undefined) return;
      let outcome: 'delivered' | 'failed' | undefined;
      let failure: unknown;
      try {
        await deliver(taken.item);
        outcome = 'delivered';
      } catch (e) {
        failure = e;
        outcome = stopping.signal.aborted && q.persistent ? undefined : 'failed';
      }
      if (outcome === undefined) continue;
      try {
        const deadLetter = await taken.settle(outcome);
        if (outcome === 'failed' && q.persistent) {
          if (deadLetter !== undefined) telemetry.exporterDeadLettered(id, taken.weight);
          else telemetry.exporterDeadLetterDropped(id, taken.weight);
          failureLog.warn(
            { exporter: id, err: asPipelineError(failure).message, spans: taken.weight, ...(deadLetter ? { deadLetter } : {}) },
            deadLetter ? 'export failed; batch kept as a dead letter (spanbridge replay sends it again)' : 'export failed; the dead letters are full (dead_letter_max_size_bytes), dropping data',
          );
        }
      } catch (e) {
        storageLog.error({ exporter: id, err: e }, 'persistent queue: cannot remove a batch');
      }
      reportQueue();
    }
  }

  return {
    async start(host: Host) {
      if (queue !== undefined && queueConfig.storage !== undefined) {
        throw new PipelineError('SB_CONFIG', `exporters.${id}.sending_queue.storage: this exporter keeps its queue in memory (a persistent queue is not supported here)`);
      }
      if (queueConfig.enabled && queueConfig.storage !== undefined) {
        const storage = host.storage?.(queueConfig.storage);
        if (!storage) throw new PipelineError('SB_CONFIG', `exporters.${id}.sending_queue.storage: storage "${queueConfig.storage}" is not running (define it under extensions and list it in service.extensions)`);
        const fileQueue = await openFileQueue<TraceBatch>({
          directory: await storage.directoryFor('exporter', id),
          fsync: storage.fsync,
          maxBytes: queueConfig.max_size_bytes,
          maxWeight: queueConfig.queue_size,
          maxDeadLetterBytes: queueConfig.dead_letter_max_size_bytes,
          encode: encodeOtlpProto,
          decode: decodeOtlpProto,
          onUnreadable: (file, err) => storageLog.error({ exporter: id, file, err }, 'persistent queue: a batch file cannot be read; moved to the dead letters'),
        });
        q = fileQueue;
        queueBytes = () => fileQueue.bytes;
        if (fileQueue.size > 0) logger.info({ exporter: id, batches: fileQueue.size, bytes: fileQueue.bytes }, 'persistent queue resumed');
      }
      await sender.start?.();
      reportQueue();
      if (queueConfig.enabled) for (let i = 0; i < queueConfig.num_consumers; i++) workers.push(work());
    },
    async consume(batch) {
      if (!queueConfig.enabled) return deliver(batch);
      const spans = countSpans(batch);
      let queued: boolean;
      try {
        queued = await q.offer(batch, spans);
      } catch (e) {
        telemetry.exporterEnqueueFailed(id, spans);
        storageLog.error({ exporter: id, err: e }, 'persistent queue: cannot store a batch');
        throw e;
      }
      if (!queued) {
        telemetry.exporterEnqueueFailed(id, spans);
        throw new PipelineError('SB_QUEUE_FULL', `exporter ${id}: sending queue is full`, { retryAfterMillis: 1000 });
      }
      reportQueue();
    },
    async shutdown() {
      q.close();
      // Drain what is queued (a persistent queue keeps it instead); retries stop waiting once the drain time is up.
      const timer = setTimeout(() => stopping.abort(), Math.max(timeoutMillis * 2, 5000));
      await Promise.all(workers);
      clearTimeout(timer);
      stopping.abort();
      await sender.shutdown?.();
    },
  };
}
