import { getString } from '../../model/attributes.js';
import { countSpans } from '../../model/batch.js';
import type { ComponentSettings, Exporter } from '../../pipeline/component.js';
import type { DebugConfig } from './config.js';
import { createLogSampler } from './logSampler.js';
import { resourceToJson, scopeToJson, spanKindName, spanToJson } from './spanToJson.js';

/**
 * The Collector's debug exporter: writes what it receives to the component logger at info level. Every batch gives a
 * `Traces` line with its counts; `normal` adds one line per span (trace id, span id, name, kind, service), `detailed`
 * one line per span with every field, its resource and its scope. Log sampling applies per batch (`options.now` is
 * the sampler's clock, for tests). Writing is
 * synchronous in pino's hands, so there is no queue; the batch counts as sent once written.
 */
export function createDebugExporter(settings: ComponentSettings, config: DebugConfig, options: { now?: () => number } = {}): Exporter {
  const { id, logger, telemetry } = settings;
  const sample = createLogSampler(config.sampling_initial, config.sampling_thereafter, options.now);

  return {
    async start() {},
    async consume(batch) {
      const spans = countSpans(batch);
      if (sample()) {
        logger.info({ resourceSpans: batch.resourceSpans.length, spans }, 'Traces');
        if (config.verbosity !== 'basic') {
          for (const rs of batch.resourceSpans) {
            const service = getString(rs.resource.attributes, 'service.name') ?? '';
            const resource = config.verbosity === 'detailed' ? resourceToJson(rs.resource, rs.schemaUrl) : undefined;
            for (const ss of rs.scopeSpans) {
              const scope = config.verbosity === 'detailed' ? scopeToJson(ss.scope, ss.schemaUrl) : undefined;
              for (const s of ss.spans) {
                if (config.verbosity === 'normal') logger.info({ traceId: s.traceId, spanId: s.spanId, name: s.name, kind: spanKindName(s.kind), service }, 'span');
                else logger.info({ resource, scope, span: spanToJson(s) }, 'span');
              }
            }
          }
        }
      }
      telemetry.exporterSent(id, spans);
    },
    async shutdown() {},
  };
}
