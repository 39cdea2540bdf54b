import { cloneAttributes } from '../../model/attributes.js';
import type { TraceBatch } from '../../model/span.js';

/**
 * Removes the first `count` spans from `batch` and returns them as a new batch; `batch` keeps the rest. Both belong
 * to the caller. Where a ResourceSpans or ScopeSpans is cut in two, the returned part gets its own copy of the
 * resource and scope, so the two parts can go to different owners (ownership rule in model/span.ts).
 */
export function splitBatch(batch: TraceBatch, count: number): TraceBatch {
  const head: TraceBatch = { resourceSpans: [] };
  let left = count;
  while (left > 0 && batch.resourceSpans.length > 0) {
    const rs = batch.resourceSpans[0] as TraceBatch['resourceSpans'][number];
    let rsSpans = 0;
    for (const ss of rs.scopeSpans) rsSpans += ss.spans.length;
    if (rsSpans <= left) {
      head.resourceSpans.push(rs);
      batch.resourceSpans.shift();
      left -= rsSpans;
      continue;
    }
    const part: TraceBatch['resourceSpans'][number] = {
      schemaUrl: rs.schemaUrl,
      resource: { attributes: cloneAttributes(rs.resource.attributes), droppedAttributesCount: rs.resource.droppedAttributesCount },
      scopeSpans: [],
    };
    head.resourceSpans.push(part);
    while (left > 0) {
      const ss = rs.scopeSpans[0] as TraceBatch['resourceSpans'][number]['scopeSpans'][number];
      if (ss.spans.length <= left) {
        part.scopeSpans.push(ss);
        rs.scopeSpans.shift();
        left -= ss.spans.length;
        continue;
      }
      part.scopeSpans.push({ schemaUrl: ss.schemaUrl, scope: { ...ss.scope, attributes: cloneAttributes(ss.scope.attributes) }, spans: ss.spans.splice(0, left) });
      left = 0;
    }
  }
  return head;
}
