// Zipkin v2 proto3 (`zipkin.proto3.ListOfSpans`, Content-Type application/x-protobuf) -> model.
import type Long from 'long';
import { PipelineError } from '../../errors.js';
import { bytesToHex } from '../../model/ids.js';
import { ipBytesToText } from './endpoints.js';
import { fieldProblem, normalizeSpanId, normalizeTraceId } from './readFields.js';
import { buildDecodeResult, type ZipkinDecodeOptions, type ZipkinDecodeResult } from './zipkinDecodeResult.js';
import { ListOfSpansType, type ProtoEndpoint, type ProtoListOfSpans, type ProtoSpan } from './zipkinProto.js';
import type { ZipkinEndpoint, ZipkinKind, ZipkinSpan } from './zipkinSpan.js';

/**
 * A proto3 ListOfSpans to a batch. Throws SB_MALFORMED when the bytes are not a ListOfSpans; unusable spans are
 * dropped and reported in the result.
 */
export function decodeZipkinV2Proto(body: Uint8Array, options?: ZipkinDecodeOptions): ZipkinDecodeResult {
  let list: ProtoListOfSpans;
  try {
    list = ListOfSpansType.decode(body) as unknown as ProtoListOfSpans;
  } catch (e) {
    throw new PipelineError('SB_MALFORMED', `body is not a protobuf zipkin.proto3.ListOfSpans: ${(e as Error).message}`);
  }
  return buildDecodeResult(list.spans, (p, where) => [readV2ProtoSpan(p, where)], options);
}

const KINDS: readonly (ZipkinKind | undefined)[] = [undefined, 'CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER'];

function micros(v: Long | number | undefined): bigint {
  if (v === undefined) return 0n;
  return typeof v === 'number' ? BigInt(v) : BigInt(v.toUnsigned().toString());
}

function endpoint(e: ProtoEndpoint | null | undefined): ZipkinEndpoint | undefined {
  if (!e) return undefined;
  const out: ZipkinEndpoint = {};
  if (e.service_name) out.serviceName = e.service_name;
  const ipv4 = e.ipv4 && e.ipv4.length > 0 ? ipBytesToText(e.ipv4) : undefined;
  if (ipv4 !== undefined) out.ipv4 = ipv4;
  const ipv6 = e.ipv6 && e.ipv6.length > 0 ? ipBytesToText(e.ipv6) : undefined;
  if (ipv6 !== undefined) out.ipv6 = ipv6;
  if (e.port !== undefined && e.port > 0 && e.port <= 65535) out.port = e.port;
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * One decoded proto3 Span as a Zipkin span. A trace id may be 8 or 16 bytes (the IDL allows both; the collector only
 * takes 16); a 16-byte id whose high half is zero is a 64-bit id. Zero timestamps and durations are absent (proto3
 * cannot tell them from unset); address bytes of the wrong length are ignored. Throws SB_MALFORMED naming the field
 * when unusable.
 */
function readV2ProtoSpan(p: ProtoSpan, where: string): ZipkinSpan {
  const traceBytes = p.trace_id ?? new Uint8Array();
  if (traceBytes.length !== 8 && traceBytes.length !== 16) throw fieldProblem(where, 'trace_id', `${traceBytes.length} bytes (expected 8 or 16)`);
  const idBytes = p.id ?? new Uint8Array();
  if (idBytes.length === 0 || idBytes.length > 16) throw fieldProblem(where, 'id', `${idBytes.length} bytes (expected 8)`);
  const id = normalizeSpanId(bytesToHex(idBytes), where, 'id');
  if (id === undefined) throw fieldProblem(where, 'id', 'all zeros');
  const parent = p.parent_id && p.parent_id.length > 0 ? normalizeSpanId(bytesToHex(p.parent_id), where, 'parent_id') : undefined;

  const span: ZipkinSpan = { traceId: normalizeTraceId(bytesToHex(traceBytes), where, 'trace_id'), id: id.id, annotations: [], tags: new Map(Object.entries(p.tags ?? {})) };
  if (id.original !== undefined) span.originalId = id.original;
  if (parent !== undefined && parent.id !== span.id) span.parentId = parent.id;
  const kind = KINDS[p.kind ?? 0];
  if (kind !== undefined) span.kind = kind;
  if (p.name) span.name = p.name;
  const timestamp = micros(p.timestamp);
  if (timestamp > 0n) span.timestamp = timestamp;
  const duration = micros(p.duration);
  if (duration > 0n) span.duration = duration;
  const local = endpoint(p.local_endpoint);
  if (local) span.localEndpoint = local;
  const remote = endpoint(p.remote_endpoint);
  if (remote) span.remoteEndpoint = remote;
  span.annotations = (p.annotations ?? []).map((a, i) => {
    const timestampMicros = micros(a.timestamp);
    if (timestampMicros === 0n) throw fieldProblem(where, `annotations[${i}].timestamp`, 'missing');
    return { timestamp: timestampMicros, value: a.value ?? '' };
  });
  if (p.debug) span.debug = true;
  if (p.shared) span.shared = true;
  return span;
}
