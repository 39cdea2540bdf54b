// google.rpc.Status, the error body of OTLP/HTTP (OTLP specification, "Failures": the body of a 4xx/5xx response is a
// Status in the request's encoding) and of gRPC's `grpc-status-details-bin` trailer, with an optional
// google.rpc.RetryInfo detail (OTLP specification, "OTLP/gRPC Throttling").
import { PipelineError } from '../../errors.js';
import { i64FromPb, pbFromBigInt } from './longBits.js';
import { RETRY_INFO_TYPE_URL, RetryInfoType, RpcStatusType } from './otlpProto.js';
import type { PbLong } from './protoShapes.js';

export interface RpcStatus {
  /** A gRPC status code (google.rpc.Code). */
  code: number;
  message: string;
  /** From a RetryInfo detail, when there is one. */
  retryDelayMillis?: number;
}

interface PbDuration {
  seconds?: PbLong | number;
  nanos?: number;
}

interface PbStatus {
  code?: number;
  message?: string;
  // google.protobuf.Any comes from protobufjs's bundled descriptors, which keep the proto field name `type_url`.
  details?: Array<{ type_url?: string; value?: Uint8Array }>;
}

function durationFromMillis(ms: number): PbDuration {
  const whole = Math.floor(ms / 1000);
  return { seconds: pbFromBigInt(BigInt(whole)), nanos: Math.round((ms - whole * 1000) * 1e6) };
}

export function encodeRpcStatusProto(s: RpcStatus): Uint8Array {
  const msg: PbStatus = { code: s.code, message: s.message };
  if (s.retryDelayMillis !== undefined) {
    msg.details = [{ type_url: RETRY_INFO_TYPE_URL, value: RetryInfoType.encode({ retryDelay: durationFromMillis(s.retryDelayMillis) }).finish() }];
  }
  return RpcStatusType.encode(msg).finish();
}

/** The proto3 JSON form; a RetryInfo detail is written as `{"@type": ..., "retryDelay": "1.5s"}`. */
export function encodeRpcStatusJson(s: RpcStatus): string {
  const out: Record<string, unknown> = { code: s.code, message: s.message };
  if (s.retryDelayMillis !== undefined) out.details = [{ '@type': RETRY_INFO_TYPE_URL, retryDelay: `${s.retryDelayMillis / 1000}s` }];
  return JSON.stringify(out);
}

export function decodeRpcStatusProto(body: Uint8Array): RpcStatus {
  let m: PbStatus;
  try {
    m = RpcStatusType.decode(body) as PbStatus;
  } catch (e) {
    throw new PipelineError('SB_MALFORMED', `not a valid google.rpc.Status protobuf: ${(e as Error).message}`);
  }
  const out: RpcStatus = { code: m.code ?? 0, message: m.message ?? '' };
  for (const d of m.details ?? []) {
    if (d.type_url !== RETRY_INFO_TYPE_URL || d.value === undefined) continue;
    try {
      const delay = (RetryInfoType.decode(d.value) as { retryDelay?: PbDuration | null }).retryDelay;
      if (delay) out.retryDelayMillis = Number(i64FromPb(delay.seconds)) * 1000 + (delay.nanos ?? 0) / 1e6;
    } catch {
      // An unreadable detail is ignored; the status itself is still good.
    }
  }
  return out;
}

const DURATION = /^(-?\d+(?:\.\d{1,9})?)s$/;

/** A JSON Status; fields that are missing or of the wrong type read as defaults (this only feeds error messages). */
export function decodeRpcStatusJson(body: Buffer | string): RpcStatus {
  let root: unknown;
  try {
    root = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (e) {
    throw new PipelineError('SB_MALFORMED', `not a valid google.rpc.Status JSON: ${(e as Error).message}`);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw new PipelineError('SB_MALFORMED', 'not a google.rpc.Status JSON object');
  const o = root as { code?: unknown; message?: unknown; details?: unknown };
  const out: RpcStatus = { code: typeof o.code === 'number' ? o.code : 0, message: typeof o.message === 'string' ? o.message : '' };
  if (Array.isArray(o.details)) {
    for (const d of o.details as Array<Record<string, unknown> | null>) {
      const m = d && d['@type'] === RETRY_INFO_TYPE_URL && typeof d.retryDelay === 'string' ? DURATION.exec(d.retryDelay) : null;
      if (m) out.retryDelayMillis = Number(m[1]) * 1000;
    }
  }
  return out;
}
