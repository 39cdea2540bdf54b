import type { ResourceSpans, ScopeSpans, Span, TraceBatch } from '../model/span.js';

/** A span with the resource and scope it came with. */
interface Placed {
  rs: ResourceSpans;
  ss: ScopeSpans;
  span: Span;
}

export interface PartsResult {
  /** Spans no write could take, each alone; empty when every part went through. */
  refused: Span[];
  /** The error the first refused span failed with. */
  firstError: unknown;
}

/**
 * After a batch failed to be written (with `failure`) because of its data, not an outage, writes it again in halves,
 * and the halves of a half that fails, down to single spans: one span the store cannot keep then costs only itself, in about
 * 2 log2(n) extra writes per bad span, while the rest of the batch is stored. `write` stores one part (a transaction of
 * its own) or throws (or rejects); `isDataError` tells a failure caused by the part's data from an outage, which ends the search
 * and is thrown (parts written until then stay written: delivery is at least once). The batch is only read.
 */
export async function writeInParts(batch: TraceBatch, failure: unknown, write: (part: TraceBatch) => void | Promise<void>, isDataError: (e: unknown) => boolean): Promise<PartsResult> {
  const placed: Placed[] = [];
  for (const rs of batch.resourceSpans) for (const ss of rs.scopeSpans) for (const span of ss.spans) placed.push({ rs, ss, span });
  const result: PartsResult = { refused: [], firstError: undefined };
  // Parts to try, as [from, to) ranges, starting with the two halves of the batch that failed whole; a stack, so the
  // search goes depth first and holds about log2(n) ranges.
  const ranges: Array<[number, number]> = [];
  const refuse = (i: number, e: unknown) => {
    if (result.refused.length === 0) result.firstError = e;
    result.refused.push((placed[i] as Placed).span);
  };
  const split = (from: number, to: number) => {
    const middle = from + Math.ceil((to - from) / 2);
    ranges.push([middle, to], [from, middle]);
  };
  if (placed.length === 1) refuse(0, failure);
  else if (placed.length > 1) split(0, placed.length);
  while (ranges.length > 0) {
    const [from, to] = ranges.pop() as [number, number];
    try {
      await write(partOf(placed, from, to));
    } catch (e) {
      if (!isDataError(e)) throw e;
      if (to - from === 1) refuse(from, e);
      else split(from, to);
    }
  }
  return result;
}

/** Spans [from, to) as a batch, grouped again under their resource and scope objects (shared, not copied). */
function partOf(placed: readonly Placed[], from: number, to: number): TraceBatch {
  const resourceSpans: ResourceSpans[] = [];
  let rs: ResourceSpans | undefined;
  let ss: ScopeSpans | undefined;
  for (let i = from; i < to; i++) {
    const p = placed[i] as Placed;
    if (rs === undefined || p.rs.resource !== rs.resource || p.rs.schemaUrl !== rs.schemaUrl) {
      rs = { resource: p.rs.resource, schemaUrl: p.rs.schemaUrl, scopeSpans: [] };
      resourceSpans.push(rs);
      ss = undefined;
    }
    if (ss === undefined || p.ss.scope !== ss.scope || p.ss.schemaUrl !== ss.schemaUrl) {
      ss = { scope: p.ss.scope, schemaUrl: p.ss.schemaUrl, spans: [] };
      rs.scopeSpans.push(ss);
    }
    ss.spans.push(p.span);
  }
  return { resourceSpans };
}
