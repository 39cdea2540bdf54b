import { SpanKind, StatusCode } from '../../model/span.js';
import type { AnyValue, Attributes, TraceBatch } from '../../model/span.js';
import type { DependencyLinker, EmitCall } from '../dependencies/dependencyLinker.js';
import type { EdgeAccumulator } from '../dependencies/edgeAccumulator.js';
import { ENTRY_CALLER, entryCall } from '../dependencies/entryCall.js';
import { linkableSpan } from '../dependencies/linkableSpan.js';
import { peerOfCalleeName } from '../dependencies/virtualCallee.js';
import { indexedValue } from './attributeText.js';
import { AttributeTextBuilder } from './attributeTextBuilder.js';
import type { Catalogues } from './catalogues.js';
import type { EdgeTables } from './edgeTables.js';
import type { Origins } from './origins.js';
import { int64 } from './int64.js';
import { writeSpanBody } from './spanBody.js';
import type { SpanRows } from './spanRows.js';
import type { TraceSummaries } from './traceSummaries.js';

/** The service of spans whose resource has no `service.name` (OpenTelemetry's SDK default, without a process name). */
export const UNKNOWN_SERVICE = 'unknown_service';

/**
 * Calls are added up in memory and written when this many (minute, edge) buckets are held (a few MB), or when the
 * store flushes them (each second, before dependency reads, at close): most writes then touch no edge row, even when
 * they carry spans of many minutes (a backlog), and the 10-minute and hour rows of a flush add up many minutes.
 */
export const EDGE_BUCKETS_HELD = 10_000;

export interface WriteParts {
  catalogues: Catalogues;
  origins: Origins;
  traces: TraceSummaries;
  spanRows: SpanRows;
  edges: EdgeTables;
  linker: DependencyLinker;
  accumulator: EdgeAccumulator;
}

/**
 * Stores a batch that passed checkBatch; to be run inside one transaction. Returns the longest duration of a trace it
 * touched. The batch is only read.
 */
export function createBatchWriter(parts: WriteParts): (batch: TraceBatch, nowMillis: number) => bigint {
  const { catalogues, origins, traces, spanRows, linker, accumulator } = parts;
  const emit: EmitCall = (call) => accumulator.add(call);
  const text = new AttributeTextBuilder();

  /** Adds an attribute to the index text being built (text.start() first), noting its value; its key id or 0. */
  function indexAttribute(key: string, v: AnyValue): number {
    const keyId = catalogues.keyId(key);
    if (keyId === undefined) return 0;
    const value = indexedValue(v);
    catalogues.noteValue(keyId, value);
    text.add(keyId, value);
    return keyId;
  }

  function resourceText(a: Attributes): string {
    text.start();
    // keys() and get(), not entries(): iterating entries allocates a pair per attribute.
    for (const k of a.keys()) indexAttribute(k, a.get(k) as AnyValue);
    return text.finish();
  }

  return (batch, nowMillis) => {
    linker.expire(nowMillis, emit);
    for (const rs of batch.resourceSpans) {
      const name = rs.resource.attributes.get('service.name');
      const service = typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE;
      const serviceId = catalogues.serviceId(service);
      const resourceId = origins.resourceId(rs.resource, rs.schemaUrl, serviceId, () => resourceText(rs.resource.attributes));
      for (const ss of rs.scopeSpans) {
        const scopeId = origins.scopeId(ss.scope, ss.schemaUrl);
        let latestStart = -1n;
        for (const span of ss.spans) {
          const start = int64(span.startTimeUnixNano);
          const end = span.endTimeUnixNano < span.startTimeUnixNano ? start : int64(span.endTimeUnixNano);
          const isError = span.status.code === StatusCode.ERROR;
          const traceSeq = traces.addSpan(span.traceId, serviceId, span.name, span.parentSpanId !== '', start, end, isError);
          text.start();
          writeSpanBody(spanRows.body, span, indexAttribute);
          spanRows.add(traceSeq, serviceId, resourceId, scopeId, span.name, span.kind, start, end - start, text.finish());
          catalogues.noteOperation(serviceId, span.name, span.kind);
          if (start > latestStart) latestStart = start;
          if (span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER) {
            const peer = span.attributes.get('peer.service');
            if (typeof peer === 'string' && peer !== '' && peer !== service) catalogues.noteRemote(serviceId, peer);
          }
          const linkable = linkableSpan(span, service);
          if (linkable !== undefined) linker.observe(linkable, nowMillis, emit);
          const entry = entryCall(span, service);
          if (entry !== undefined) accumulator.add(entry);
        }
        if (latestStart >= 0n) origins.seen(resourceId, scopeId, latestStart);
      }
    }
    spanRows.flush();
    const longest = traces.flush();
    origins.flushSeen();
    if (accumulator.size >= EDGE_BUCKETS_HELD) writeEdges(parts);
    return longest;
  };
}

/**
 * Writes the calls gathered so far (in the caller's transaction) and catalogues their callees by peer name; entry
 * calls (from a client that sends no spans) and AWS calls that name no peer have no caller or callee to catalogue.
 */
export function writeEdges(parts: Pick<WriteParts, 'accumulator' | 'edges' | 'catalogues'>): void {
  if (parts.accumulator.size === 0) return;
  const buckets = parts.accumulator.drain();
  parts.edges.write(buckets);
  for (const b of buckets) {
    const peer = peerOfCalleeName(b.child);
    if (b.parent !== ENTRY_CALLER && peer !== '') parts.catalogues.noteRemote(parts.catalogues.serviceId(b.parent), peer);
  }
}
