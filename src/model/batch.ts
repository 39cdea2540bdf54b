import { cloneAttributes } from './attributes.js';
import type { Span, TraceBatch } from './span.js';

export function countSpans(batch: TraceBatch): number {
  let n = 0;
  for (const rs of batch.resourceSpans) for (const ss of rs.scopeSpans) n += ss.spans.length;
  return n;
}

export function emptyBatch(): TraceBatch {
  return { resourceSpans: [] };
}

/** Calls `fn` for every span with its resource and scope. */
export function forEachSpan(batch: TraceBatch, fn: (span: Span, rs: TraceBatch['resourceSpans'][number], ss: TraceBatch['resourceSpans'][number]['scopeSpans'][number]) => void): void {
  for (const rs of batch.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) fn(s, rs, ss);
}

export function cloneSpan(s: Span): Span {
  return {
    ...s,
    attributes: cloneAttributes(s.attributes),
    events: s.events.map((e) => ({ ...e, attributes: cloneAttributes(e.attributes) })),
    links: s.links.map((l) => ({ ...l, attributes: cloneAttributes(l.attributes) })),
    status: { ...s.status },
  };
}

/** A deep copy, for fan-outs that hand one batch to several owners. */
export function cloneBatch(batch: TraceBatch): TraceBatch {
  return {
    ...(batch.tenant === undefined ? {} : { tenant: batch.tenant }),
    resourceSpans: batch.resourceSpans.map((rs) => ({
      schemaUrl: rs.schemaUrl,
      resource: { attributes: cloneAttributes(rs.resource.attributes), droppedAttributesCount: rs.resource.droppedAttributesCount },
      scopeSpans: rs.scopeSpans.map((ss) => ({
        schemaUrl: ss.schemaUrl,
        scope: { ...ss.scope, attributes: cloneAttributes(ss.scope.attributes) },
        spans: ss.spans.map(cloneSpan),
      })),
    })),
  };
}

/** Moves every span of `from` into `into` (both owned by the caller); `from` is left empty. */
export function appendBatch(into: TraceBatch, from: TraceBatch): void {
  for (const rs of from.resourceSpans) into.resourceSpans.push(rs);
  releaseSpans(from);
}

/**
 * Empties a batch the caller owns by truncating its array in place, so that the array itself lets go of the spans.
 * Replacing the array (`batch.resourceSpans = []`) would leave the old one pointing at them, and V8 may have allocated
 * arrays of long-lived batches (those whose acknowledgement is awaited) straight into the old generation: a dead old
 * array keeps what it points to alive through every young-generation collection until the next full one, so every
 * span it held would be copied and promoted (docs/threads.md, "Memory").
 */
export function releaseSpans(batch: TraceBatch): void {
  // A frozen empty batch (a stage's placeholder) has nothing to let go of, and cannot be truncated.
  if (batch.resourceSpans.length > 0) batch.resourceSpans.length = 0;
}
