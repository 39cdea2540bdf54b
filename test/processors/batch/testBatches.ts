// Test helpers: small batches with recognisable span names.
import type { Resource, Span, TraceBatch } from '../../../src/model/span.js';

export function testSpan(name: string, traceId = '0af7651916cd43dd8448eb211c80319c'): Span {
  return {
    traceId, spanId: 'b7ad6b7169203331', parentSpanId: '', traceState: '', flags: 1, name, kind: 2,
    startTimeUnixNano: 1n, endTimeUnixNano: 2n, attributes: new Map(), droppedAttributesCount: 0,
    events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: 0, message: '' },
  };
}

export function testResource(service: string): Resource {
  return { attributes: new Map([['service.name', service]]), droppedAttributesCount: 0 };
}

/** One ResourceSpans with one ScopeSpans holding spans `${prefix}0` .. `${prefix}${n-1}`. */
export function testBatch(n: number, prefix = 's', resource: Resource = testResource('svc')): TraceBatch {
  return {
    resourceSpans: [{
      schemaUrl: '', resource,
      scopeSpans: [{ schemaUrl: '', scope: { name: 'lib', version: '1', attributes: new Map(), droppedAttributesCount: 0 }, spans: Array.from({ length: n }, (_, i) => testSpan(`${prefix}${i}`)) }],
    }],
  };
}

export function spanNames(batch: TraceBatch): string[] {
  return batch.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.name)));
}
