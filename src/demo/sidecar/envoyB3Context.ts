import type { IncomingHttpHeaders } from 'node:http';
import { firstHeader } from './headers.js';

/** A trace context as Envoy's Zipkin driver extracts it (docs/zipkin-mesh.md, "B3 propagation"). */
export interface B3Context {
  traceId: string;
  spanId: string;
  parentId?: string;
  /** undefined: the headers carry no decision (defer to the proxy's own). */
  sampled?: boolean;
}

const TRACE_ID = /^([0-9a-f]{16}|[0-9a-f]{32})$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

function samplingState(value: string | undefined): boolean | undefined {
  if (value === '1' || value === 'true' || value === 'd') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

/**
 * Extracts B3 the way Envoy does: the single `b3` header wins over the multi headers; `X-B3-Flags` is ignored;
 * `X-B3-Sampled` `1`/`true` samples. Returns `none` when there is no context and `malformed` when headers are
 * present but unusable (Envoy then creates no span).
 */
export function extractEnvoyB3(headers: IncomingHttpHeaders): B3Context | { sampled?: boolean; none: true } | 'malformed' {
  const single = firstHeader(headers, 'b3');
  if (single !== undefined) {
    const parts = single.toLowerCase().split('-');
    if (parts.length === 1) {
      const sampled = samplingState(parts[0]);
      return sampled === undefined ? 'malformed' : { sampled, none: true };
    }
    const [traceId = '', spanId = '', flag, parentId] = parts;
    if (!TRACE_ID.test(traceId) || !SPAN_ID.test(spanId) || parts.length > 4) return 'malformed';
    if (parentId !== undefined && !SPAN_ID.test(parentId)) return 'malformed';
    const sampled = flag === undefined ? undefined : samplingState(flag);
    if (flag !== undefined && sampled === undefined) return 'malformed';
    return { traceId, spanId, ...(parentId ? { parentId } : {}), ...(sampled === undefined ? {} : { sampled }) };
  }
  const traceId = firstHeader(headers, 'x-b3-traceid')?.toLowerCase();
  const spanId = firstHeader(headers, 'x-b3-spanid')?.toLowerCase();
  const parentId = firstHeader(headers, 'x-b3-parentspanid')?.toLowerCase();
  const sampledHeader = firstHeader(headers, 'x-b3-sampled');
  const sampled = sampledHeader === undefined ? undefined : samplingState(sampledHeader.toLowerCase());
  if (traceId === undefined && spanId === undefined) return { ...(sampled === undefined ? {} : { sampled }), none: true };
  if (traceId === undefined || spanId === undefined || !TRACE_ID.test(traceId) || !SPAN_ID.test(spanId)) return 'malformed';
  if (parentId !== undefined && !SPAN_ID.test(parentId)) return 'malformed';
  return { traceId, spanId, ...(parentId ? { parentId } : {}), ...(sampled === undefined ? {} : { sampled }) };
}
