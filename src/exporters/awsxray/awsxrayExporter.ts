import { parseDurationMillis } from '../../model/duration.js';
import type { ComponentSettings, Exporter } from '../../pipeline/component.js';
import { createQueuedExporter } from '../../pipeline/queuedExporter.js';
import { createMemoryIdCache } from '../../xray/idcache/createMemoryIdCache.js';
import { createRedisIdCache } from '../../xray/idcache/createRedisIdCache.js';
import { createTraceIdFixer } from '../../xray/idcache/createTraceIdFixer.js';
import type { IdCache } from '../../xray/idcache/idCache.js';
import type { AwsXrayExporterConfig } from './config.js';
import { createTraceSegmentsClient } from './createTraceSegmentsClient.js';
import type { TraceSegmentsClient } from './createTraceSegmentsClient.js';
import { createXraySender } from './xraySender.js';

/** Parts tests replace. */
export interface AwsXrayExporterOverrides {
  client?: TraceSegmentsClient;
  /** Milliseconds since the epoch, for the trace-id epoch window. */
  now?: () => number;
}

function idCacheFor(config: AwsXrayExporterConfig): IdCache {
  const redis = config.trace_id_cache.redis;
  if (config.trace_id_cache.backend === 'redis' && redis.url !== undefined) return createRedisIdCache({ url: redis.url, cluster: redis.cluster });
  return createMemoryIdCache();
}

/**
 * The `awsxray` exporter: the X-Ray sender (xraySender.ts) behind the shared queue, retry and timeout
 * (createQueuedExporter). `consume` resolves once the batch is queued; the exporter owns it from then on and only
 * reads it. The trace-id cache (memory or redis) is closed at shutdown.
 */
export function createAwsXrayExporter(settings: ComponentSettings, config: AwsXrayExporterConfig, overrides: AwsXrayExporterOverrides = {}): Exporter {
  const cache = config.trace_id_mode === 'fix_epoch' ? idCacheFor(config) : undefined;
  const fixer = cache === undefined ? undefined : createTraceIdFixer({ mode: 'fix_epoch', cache, ttlMillis: parseDurationMillis(config.trace_id_cache.ttl), ...(overrides.now === undefined ? {} : { now: overrides.now }) });
  const sender = createXraySender(settings, {
    client: overrides.client ?? createTraceSegmentsClient(config),
    ...(fixer === undefined ? {} : { fixer }),
    indexedAttributes: config.indexed_attributes,
    indexAllAttributes: config.index_all_attributes,
    logSentDocuments: config.log_sent_documents,
    ...(cache === undefined ? {} : { onShutdown: () => cache.close() }),
  });
  return createQueuedExporter(settings, config, sender);
}
