// Test support: small, valid X-Ray traces (segment documents, docs/xray-mapping.md) with predictable ids.

export interface MadeXrayTrace {
  /** `1-{8 hex}-{24 hex}` */
  traceId: string;
  /** The OpenTelemetry form: 32 hex digits. */
  otelTraceId: string;
  /** Segment documents (objects; JSON.stringify them for the API). */
  documents: Array<Record<string, unknown>>;
  /** Span ids the trace translates to (every segment and subsegment). */
  spanIds: string[];
  startMillis: number;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);

/**
 * Trace number `seq` starting at `startMillis`: a segment `svc-<seq % 3>` with an embedded subsegment (a remote HTTP
 * call), and an independent subsegment (a DynamoDB call) under it: three spans in two documents.
 */
export function makeXrayTrace(seq: number, startMillis: number): MadeXrayTrace {
  const epoch = Math.floor(startMillis / 1000);
  const tail = `${hex(0xabc, 8)}${hex(seq, 16)}`;
  const traceId = `1-${hex(epoch, 8)}-${tail}`;
  const segmentId = `a${hex(seq, 15)}`;
  const callId = `b${hex(seq, 15)}`;
  const dbId = `c${hex(seq, 15)}`;
  const start = startMillis / 1000;
  const segment = {
    trace_id: traceId,
    id: segmentId,
    name: `svc-${seq % 3}`,
    start_time: start,
    end_time: start + 0.25,
    http: { request: { method: 'GET', url: `http://svc/${seq}` }, response: { status: 200 } },
    annotations: { seq },
    subsegments: [
      { id: callId, name: 'downstream', namespace: 'remote', start_time: start + 0.01, end_time: start + 0.1, http: { request: { method: 'GET', url: 'http://downstream/x' }, response: { status: 200 } } },
    ],
  };
  const independent = {
    trace_id: traceId,
    id: dbId,
    type: 'subsegment',
    parent_id: segmentId,
    name: 'DynamoDB',
    namespace: 'aws',
    start_time: start + 0.12,
    end_time: start + 0.2,
    aws: { operation: 'GetItem', table_name: 'items' },
  };
  return { traceId, otelTraceId: `${hex(epoch, 8)}${tail}`, documents: [segment, independent], spanIds: [segmentId, callId, dbId], startMillis };
}
