/**
 * A Zipkin v2 JSON span as sidecars put it on the wire (docs/zipkin-mesh.md, "Zipkin formats and routes"; tags are
 * strings).
 */
export interface ZipkinJsonSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name?: string;
  kind?: 'CLIENT' | 'SERVER';
  /** Epoch microseconds. */
  timestamp: number;
  /** Microseconds, >= 1. */
  duration: number;
  localEndpoint: { serviceName?: string; ipv4?: string; port?: number };
  annotations?: Array<{ timestamp: number; value: string }>;
  tags: Record<string, string>;
  shared?: boolean;
}
