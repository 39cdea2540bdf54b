// The Zipkin v1 span model (specs/zipkin-mesh.md section 1.3), as read from v1 JSON before conversion to v2.
import type { ZipkinEndpoint } from './zipkinSpan.js';

export interface V1Annotation {
  timestamp: bigint;
  value: string;
  endpoint?: ZipkinEndpoint;
}

export interface V1BinaryAnnotation {
  key: string;
  /** Strings, except address annotations (`ca`, `sa`, `ma`) whose value is boolean `true`. */
  value: string | boolean;
  endpoint?: ZipkinEndpoint;
}

export interface V1Span {
  traceId: string;
  id: string;
  originalId?: string;
  parentId?: string;
  name?: string;
  timestamp?: bigint;
  duration?: bigint;
  debug?: boolean;
  annotations: V1Annotation[];
  binaryAnnotations: V1BinaryAnnotation[];
}
