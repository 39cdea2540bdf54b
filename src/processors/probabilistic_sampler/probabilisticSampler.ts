import type { ScopeSpans, Span, TraceBatch } from '../../model/span.js';
import type { ComponentSettings, Consumer, Processor } from '../../pipeline/component.js';
import type { ProbabilisticSamplerConfig } from './config.js';
import { samplingPriority } from './samplingPriority.js';
import { createTraceIdSampler } from './traceIdSampler.js';

/**
 * The Collector's probabilistic_sampler in `hash_seed` mode: keeps a span when its trace id's hash falls in the kept
 * buckets, unless the span's `sampling.priority` says otherwise (which takes precedence, as in the Collector). The
 * batch is filtered in place (it is ours, model/span.ts); scopes and resources left without spans are removed, and a
 * batch left empty is acknowledged without being passed on. Dropped spans are counted.
 */
export function createProbabilisticSampler(settings: ComponentSettings, config: ProbabilisticSamplerConfig, next: Consumer): Processor {
  const { id, telemetry } = settings;
  const sampled = createTraceIdSampler(config.sampling_percentage, config.hash_seed);
  const keep = (span: Span): boolean => {
    const priority = samplingPriority(span);
    return priority === undefined ? sampled(span.traceId) : priority === 'keep';
  };

  return {
    async start() {},
    consume(batch: TraceBatch) {
      let dropped = 0;
      let kept = 0;
      batch.resourceSpans = batch.resourceSpans.filter((rs) => {
        rs.scopeSpans = rs.scopeSpans.filter((ss: ScopeSpans) => {
          const before = ss.spans.length;
          ss.spans = ss.spans.filter(keep);
          dropped += before - ss.spans.length;
          kept += ss.spans.length;
          return ss.spans.length > 0;
        });
        return rs.scopeSpans.length > 0;
      });
      if (dropped > 0) telemetry.processorDropped(id, dropped);
      if (kept === 0) return Promise.resolve();
      return next.consume(batch);
    },
    async shutdown() {},
  };
}
