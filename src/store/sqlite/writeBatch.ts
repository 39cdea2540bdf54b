import { PipelineError } from '../../errors.js';
import { isValidSpanId, isValidTraceId } from '../../model/ids.js';
import { SpanKind, StatusCode } from '../../model/span.js';
import type { Attributes, TraceBatch } from '../../model/span.js';
import type { DependencyLinker, EmitCall } from '../dependencies/dependencyLinker.js';
import type { EdgeAccumulator } from '../dependencies/edgeAccumulator.js';
import { linkableSpan } from '../dependencies/linkableSpan.js';
import { EMPTY_ATTRIBUTE_TEXT, attributeEntry, indexedValue } from './attributeText.js';
import { ByteWriter } from './byteWriter.js';
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
 * Calls are added up in memory and written when this many (minute, edge) buckets are held, or when the store flushes
 * them (each second, before dependency reads, at close): most writes then touch no edge row.
 */
export const EDGE_BUCKETS_HELD = 1000;

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
  const body = new ByteWriter(8192);
  const emit: EmitCall = (call) => accumulator.add(call);

  function attributeText(a: Attributes): string {
    let text = EMPTY_ATTRIBUTE_TEXT;
    for (const [k, v] of a) {
      const keyId = catalogues.keyId(k);
      if (keyId === undefined) continue;
      const value = indexedValue(v);
      catalogues.noteValue(keyId, value);
      text += attributeEntry(keyId, value);
    }
    return text;
  }

  return (batch, nowMillis) => {
    linker.expire(nowMillis, emit);
    for (const rs of batch.resourceSpans) {
      const name = rs.resource.attributes.get('service.name');
      const service = typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE;
      const serviceId = catalogues.serviceId(service);
      const resourceId = origins.resourceId(rs.resource, rs.schemaUrl, serviceId, () => attributeText(rs.resource.attributes));
      for (const ss of rs.scopeSpans) {
        const scopeId = origins.scopeId(ss.scope, ss.schemaUrl);
        for (const span of ss.spans) {
          const start = int64(span.startTimeUnixNano);
          const end = span.endTimeUnixNano < span.startTimeUnixNano ? start : int64(span.endTimeUnixNano);
          const isError = span.status.code === StatusCode.ERROR;
          const traceSeq = traces.addSpan(span.traceId, serviceId, span.name, span.parentSpanId !== '', start, end, isError);
          body.reset();
          writeSpanBody(body, span);
          spanRows.add(traceSeq, serviceId, resourceId, scopeId, span.name, span.kind, start, end - start, attributeText(span.attributes), body.finish());
          catalogues.noteOperation(serviceId, span.name, span.kind);
          origins.seen(resourceId, scopeId, start);
          if (span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER) {
            const peer = span.attributes.get('peer.service');
            if (typeof peer === 'string' && peer !== '' && peer !== service) catalogues.noteRemote(serviceId, peer);
          }
          const linkable = linkableSpan(span, service);
          if (linkable !== undefined) linker.observe(linkable, nowMillis, emit);
        }
      }
    }
    spanRows.flush();
    const longest = traces.flush();
    origins.flushSeen();
    if (accumulator.size >= EDGE_BUCKETS_HELD) writeEdges(parts);
    return longest;
  };
}

/** Writes the calls gathered so far (in the caller's transaction) and catalogues their callees. */
export function writeEdges(parts: Pick<WriteParts, 'accumulator' | 'edges' | 'catalogues'>): void {
  if (parts.accumulator.size === 0) return;
  const buckets = parts.accumulator.drain();
  parts.edges.write(buckets);
  for (const b of buckets) parts.catalogues.noteRemote(parts.catalogues.serviceId(b.parent), b.child);
}

const KINDS = new Set<number>(Object.values(SpanKind));
const STATUS_CODES = new Set<number>(Object.values(StatusCode));

/** Refuses, with SB_MALFORMED naming the span and field, ids, kinds and status codes the store cannot keep. */
export function checkBatch(batch: TraceBatch): void {
  batch.resourceSpans.forEach((rs, r) =>
    rs.scopeSpans.forEach((ss, s) =>
      ss.spans.forEach((span, i) => {
        const where = `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]`;
        if (!isValidTraceId(span.traceId)) malformed(`${where}.traceId: "${span.traceId}" is not 32 lower-case hex digits (and not all zero)`);
        if (!isValidSpanId(span.spanId)) malformed(`${where}.spanId: "${span.spanId}" is not 16 lower-case hex digits (and not all zero)`);
        if (span.parentSpanId !== '' && !isValidSpanId(span.parentSpanId)) malformed(`${where}.parentSpanId: "${span.parentSpanId}" is not 16 lower-case hex digits`);
        if (!KINDS.has(span.kind)) malformed(`${where}.kind: ${span.kind} is not a span kind (0-5)`);
        if (!STATUS_CODES.has(span.status.code)) malformed(`${where}.status.code: ${span.status.code} is not a status code (0-2)`);
        span.links.forEach((l, k) => {
          if (!/^[0-9a-f]{32}$/.test(l.traceId) || !/^[0-9a-f]{16}$/.test(l.spanId)) malformed(`${where}.links[${k}]: ids must be 32 and 16 lower-case hex digits`);
        });
      }),
    ),
  );
}

function malformed(message: string): never {
  throw new PipelineError('SB_MALFORMED', message);
}
