import type { ZipkinJsonSpan } from '../../src/demo/sidecar/zipkinJsonSpan.js';
import type { TraceBatch } from '../../src/model/span.js';
import { envoySidecarSpans } from './envoySidecarSpans.js';
import { otlpSeedBatch } from './otlpSeedBatch.js';
import type { SpanSpec } from './seedSpanSpec.js';

/** One trace the UI tests send through the receivers, split the way a mesh reports it. */
export interface SeedTrace {
  readonly traceId: string;
  /** Spans the store holds for the trace once both parts arrived. */
  readonly spanCount: number;
  /** Application spans (and sidecar spans normalized upstream), for the otlp receiver. */
  readonly otlp: TraceBatch;
  /** Sidecar spans as Envoy reports them, for the zipkin receiver. */
  readonly zipkin: readonly ZipkinJsonSpan[];
  /** Service-map edges (`parent->child`) the trace makes; the harness waits until the query API shows them. */
  readonly edges: readonly string[];
}

export function seedTrace(traceId: string, t0: bigint, specs: readonly SpanSpec[], edges: readonly string[] = []): SeedTrace {
  return { traceId, spanCount: specs.length, otlp: otlpSeedBatch(traceId, t0, specs), zipkin: envoySidecarSpans(traceId, t0, specs), edges };
}
