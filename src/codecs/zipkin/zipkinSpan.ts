// The Zipkin v2 span as the codec reads and writes it (zipkin2-api.yaml's Span). Every decoder (v2 JSON, v2 proto3,
// v1 JSON via the v1 -> v2 conversion) produces these, and both encoders consume them, so the Zipkin <-> model mapping
// exists once (zipkinToModel.ts, encodeZipkinV2.ts).

export type ZipkinKind = 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';

export interface ZipkinEndpoint {
  serviceName?: string;
  /** Address text as it arrived in the `ipv4` field (JSON) or formatted from its 4 bytes (proto). */
  ipv4?: string;
  /** Address text as it arrived in the `ipv6` field (JSON) or formatted from its 16 bytes (proto). */
  ipv6?: string;
  /** 1..65535; Zipkin writes 0 for "no port", which is read as absent. */
  port?: number;
}

export interface ZipkinAnnotation {
  /** Epoch microseconds. */
  timestamp: bigint;
  value: string;
}

export interface ZipkinSpan {
  /** 16 or 32 lower-case hex digits (a 64- or 128-bit id; see "Trace ids" in docs/zipkin-mesh.md). */
  traceId: string;
  /** 16 lower-case hex digits. */
  id: string;
  /** 16 lower-case hex digits, non-zero and not equal to `id`. */
  parentId?: string;
  kind?: ZipkinKind;
  name?: string;
  /** Epoch microseconds, > 0. */
  timestamp?: bigint;
  /** Microseconds, > 0. */
  duration?: bigint;
  localEndpoint?: ZipkinEndpoint;
  remoteEndpoint?: ZipkinEndpoint;
  annotations: ZipkinAnnotation[];
  tags: Map<string, string>;
  debug?: boolean;
  shared?: boolean;
  /** The span id as it arrived when it was longer than 16 hex digits (FSM sidecars send 32). */
  originalId?: string;
}
