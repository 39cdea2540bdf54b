import { SpanKind } from '../../model/span.js';
import type { TraceBatch } from '../../model/span.js';
import type { DependencyLinker, EmitCall } from '../dependencies/dependencyLinker.js';
import type { EdgeAccumulator } from '../dependencies/edgeAccumulator.js';
import { entryCall } from '../dependencies/entryCall.js';
import { linkableSpan } from '../dependencies/linkableSpan.js';
import { emptyCatalogueRows, type CatalogueNotes, type CatalogueRows } from './catalogues.js';
import { dayOf, resourceColumns, scopeColumns, spanRow } from './spanRows.js';

/** The service of spans whose resource has no `service.name` (as the SQLite store). */
export const UNKNOWN_SERVICE = 'unknown_service';

/** The rows one write inserts. */
export interface WriteRows {
  spans: Record<string, unknown>[];
  traceTimes: Record<string, unknown>[];
  catalogues: CatalogueRows;
}

export interface WriteParts {
  notes: CatalogueNotes;
  linker: DependencyLinker;
  accumulator: EdgeAccumulator;
}

/**
 * The rows of a batch that passed checkBatch: a spans row per span, a trace_times row per trace (its least and
 * greatest span start in this batch), and what the catalogues lack. Feeds the dependency linker on the way. The
 * batch is only read: every row holds copies.
 */
export function batchRows(batch: TraceBatch, parts: WriteParts, nowMillis: number): WriteRows {
  const { notes, linker, accumulator } = parts;
  const emit: EmitCall = (call) => accumulator.add(call);
  const rows: WriteRows = { spans: [], traceTimes: [], catalogues: emptyCatalogueRows() };
  const times = new Map<string, { min: bigint; max: bigint }>();
  linker.expire(nowMillis, emit);
  for (const rs of batch.resourceSpans) {
    const name = rs.resource.attributes.get('service.name');
    const service = typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE;
    const origin = resourceColumns(rs.resource, rs.schemaUrl, service);
    origin.resource_keys.forEach((k, i) => notes.noteValue(rows.catalogues, k, origin.resource_values[i] as string));
    for (const ss of rs.scopeSpans) {
      const scope = scopeColumns(ss.scope, ss.schemaUrl);
      for (const span of ss.spans) {
        const row = spanRow(span, origin, scope);
        rows.spans.push(row);
        const keys = row.attr_keys as string[];
        const values = row.attr_values as string[];
        keys.forEach((k, i) => notes.noteValue(rows.catalogues, k, values[i] as string));
        notes.noteOperation(rows.catalogues, service, span.name, span.kind);
        const start = span.startTimeUnixNano;
        const t = times.get(span.traceId);
        if (t === undefined) times.set(span.traceId, { min: start, max: start });
        else {
          if (start < t.min) t.min = start;
          if (start > t.max) t.max = start;
        }
        if (span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER) {
          const peer = span.attributes.get('peer.service');
          if (typeof peer === 'string' && peer !== '' && peer !== service) notes.noteRemote(rows.catalogues, service, peer);
        }
        const linkable = linkableSpan(span, service);
        if (linkable !== undefined) linker.observe(linkable, nowMillis, emit);
        const entry = entryCall(span, service);
        if (entry !== undefined) accumulator.add(entry);
      }
    }
  }
  for (const [traceId, t] of times) rows.traceTimes.push({ day: dayOf(t.min), trace_id: traceId, start_min: t.min.toString(), start_max: t.max.toString() });
  return rows;
}
