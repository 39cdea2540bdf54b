import Long from 'long';
import { hexToBytes, padHex } from '../../model/ids.js';
import type { TraceBatch } from '../../model/span.js';
import { batchToZipkinSpans } from './batchToZipkinSpans.js';
import { ipTextToBytes } from './ipTextToBytes.js';
import type { ZipkinEncodeOptions } from './modelSpanToZipkin.js';
import { ListOfSpansType } from './zipkinProto.js';
import type { ProtoEndpoint, ProtoSpan } from './zipkinProtoMessage.js';
import type { ZipkinEndpoint, ZipkinKind } from './zipkinSpan.js';

const KIND: Record<ZipkinKind, number> = { CLIENT: 1, SERVER: 2, PRODUCER: 3, CONSUMER: 4 };

function unsigned(v: bigint): Long {
  return Long.fromString(v.toString(), true);
}

/** Address text that is not an IP of the field's family cannot be written as bytes and is left out. */
function endpoint(e: ZipkinEndpoint): ProtoEndpoint {
  const out: ProtoEndpoint = {};
  if (e.serviceName !== undefined) out.service_name = e.serviceName;
  const ipv4 = e.ipv4 === undefined ? undefined : ipTextToBytes(e.ipv4);
  if (ipv4?.length === 4) out.ipv4 = ipv4;
  const ipv6 = e.ipv6 === undefined ? undefined : ipTextToBytes(e.ipv6);
  if (ipv6?.length === 16) out.ipv6 = ipv6;
  if (e.port !== undefined) out.port = e.port;
  return out;
}

/**
 * A batch as a proto3 `zipkin.proto3.ListOfSpans` (spec section 1.2). The batch is only read. Trace ids are always
 * 16 bytes (a 64-bit one with 8 zero bytes in front): the IDL allows 8, but the collector's decoder takes only 16, and
 * readers shorten a zero high half back to 64 bits.
 */
export function encodeZipkinV2Proto(batch: TraceBatch, options?: ZipkinEncodeOptions): Uint8Array {
  const spans = batchToZipkinSpans(batch, options).map((z): ProtoSpan => {
    const p: ProtoSpan = { trace_id: hexToBytes(padHex(z.traceId, 32)), id: hexToBytes(z.id), tags: Object.fromEntries(z.tags) };
    if (z.parentId !== undefined) p.parent_id = hexToBytes(z.parentId);
    if (z.kind !== undefined) p.kind = KIND[z.kind];
    if (z.name !== undefined) p.name = z.name;
    if (z.timestamp !== undefined) p.timestamp = unsigned(z.timestamp);
    if (z.duration !== undefined) p.duration = unsigned(z.duration);
    if (z.localEndpoint) p.local_endpoint = endpoint(z.localEndpoint);
    if (z.remoteEndpoint) p.remote_endpoint = endpoint(z.remoteEndpoint);
    if (z.annotations.length > 0) p.annotations = z.annotations.map((a) => ({ timestamp: unsigned(a.timestamp), value: a.value }));
    if (z.debug) p.debug = true;
    if (z.shared) p.shared = true;
    return p;
  });
  return ListOfSpansType.encode({ spans }).finish();
}
