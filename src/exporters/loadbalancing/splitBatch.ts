import { getString } from '../../model/attributes.js';
import type { ResourceSpans, ScopeSpans, Span, TraceBatch } from '../../model/span.js';

/** What a span is routed by. */
export type RoutingKey = 'traceID' | 'service';

/** The value a span is routed by: its trace id, or its resource's `service.name` (empty when it has none). */
export function routingValue(key: RoutingKey, span: Span, rs: ResourceSpans): string {
  return key === 'traceID' ? span.traceId : (getString(rs.resource.attributes, 'service.name') ?? '');
}

/**
 * Splits a batch into one batch per owner, keeping each span under its resource and scope. The parts share the
 * resource and scope objects of `batch` (the caller owns it and hands every part to an exporter that only reads it);
 * the span objects move. A resource or scope with no spans left is not repeated in a part.
 */
export function splitBatch(batch: TraceBatch, key: RoutingKey, ownerOf: (value: string) => string): Map<string, TraceBatch> {
  const parts = new Map<string, TraceBatch>();
  for (const rs of batch.resourceSpans) {
    const resourceParts = new Map<string, ResourceSpans>();
    for (const ss of rs.scopeSpans) {
      const scopeParts = new Map<string, ScopeSpans>();
      // Consecutive spans of one trace are common; the owner of the last value is reused.
      let lastValue: string | undefined;
      let lastOwner = '';
      for (const span of ss.spans) {
        const value = routingValue(key, span, rs);
        if (value !== lastValue) {
          lastValue = value;
          lastOwner = ownerOf(value);
        }
        let scopePart = scopeParts.get(lastOwner);
        if (!scopePart) {
          scopePart = { scope: ss.scope, schemaUrl: ss.schemaUrl, spans: [] };
          scopeParts.set(lastOwner, scopePart);
          let resourcePart = resourceParts.get(lastOwner);
          if (!resourcePart) {
            resourcePart = { resource: rs.resource, schemaUrl: rs.schemaUrl, scopeSpans: [] };
            resourceParts.set(lastOwner, resourcePart);
            let part = parts.get(lastOwner);
            if (!part) {
              part = { resourceSpans: [] };
              parts.set(lastOwner, part);
            }
            part.resourceSpans.push(resourcePart);
          }
          resourcePart.scopeSpans.push(scopePart);
        }
        scopePart.spans.push(span);
      }
    }
  }
  return parts;
}
