import type { Logger } from 'pino';
import { PipelineError } from '../errors.js';

export type MeshFlavor = 'istio' | 'fsm';

export interface DemoMeshOptions {
  /** Where sidecars POST Zipkin v2 JSON, e.g. `http://127.0.0.1:9411/api/v2/spans`. */
  zipkinUrl: string;
  /** Where apps export OTLP/HTTP protobuf, e.g. `http://127.0.0.1:4318/v1/traces`. */
  otlpUrl: string;
  /** Sidecar flavour (default `istio`). */
  mesh?: MeshFlavor;
  /** Requests per second to productpage (default 5). */
  rate?: number;
  /** How long the load runs; absent = until stop(). */
  durationMillis?: number;
  /** Fraction (0..1) of ratings calls answered with 500 (default 0). */
  errorRate?: number;
  /** Extra latency of every reviews v3 answer, ms (default 0). */
  delayMillis?: number;
  /** Percentage of new traces the sidecars sample (default 100, as in the seed). */
  sampling?: number;
  /** How often sidecars and apps send what they buffered, ms (default 1000; Envoy's own default is 5000). */
  flushIntervalMillis?: number;
  /** How often onProgress is called, ms (default 1000). */
  progressIntervalMillis?: number;
  logger: Logger;
  onProgress?: (line: string) => void;
}

export interface DemoStats {
  /** Load generator: requests answered, errors (non-2xx/3xx or failed), in flight, skipped (too many in flight). */
  requests: number;
  errors: number;
  inFlight: number;
  skipped: number;
  /** Latency percentiles over the last 10,000 requests, ms. */
  p50Millis: number | undefined;
  p99Millis: number | undefined;
  /** Faults injected so far. */
  faults: { ratingsErrors: number; reviewsDelays: number };
  /** Sidecar spans: accepted with 202, answered otherwise, undeliverable, discarded for a full buffer. */
  zipkin: { sent: number; dropped: number; failed: number; overflowed: number };
  /** Application spans exported over OTLP, and given up on. */
  otlp: { sent: number; failed: number };
}

export interface DemoMesh {
  /** `http://127.0.0.1:<port>/productpage`: productpage behind its inbound sidecar. */
  readonly productpageUrl: string;
  /** Resolves when a load of `durationMillis` has been sent and answered (never without a duration). */
  readonly finished: Promise<void>;
  stats(): DemoStats;
  /** Stops the load, waits for it, closes every server and flushes every span buffered. */
  stop(): Promise<void>;
}

/** The options with defaults, validated; bad values are SB_CONFIG errors naming the option. */
export type ResolvedDemoOptions = Required<Omit<DemoMeshOptions, 'durationMillis' | 'onProgress'>> & Pick<DemoMeshOptions, 'durationMillis' | 'onProgress'>;

function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PipelineError('SB_CONFIG', `demo ${name}: "${value}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PipelineError('SB_CONFIG', `demo ${name}: "${value}" is not an http(s) URL`);
  return value;
}

function inRange(name: string, value: number, min: number, max: number, minExclusive = false): number {
  if (!Number.isFinite(value) || value > max || value < min || (minExclusive && value === min)) {
    throw new PipelineError('SB_CONFIG', `demo ${name}: ${value} is out of range (${minExclusive ? '>' : '>='} ${min} and <= ${max})`);
  }
  return value;
}

export function resolveDemoOptions(options: DemoMeshOptions): ResolvedDemoOptions {
  const mesh = options.mesh ?? 'istio';
  if (mesh !== 'istio' && mesh !== 'fsm') throw new PipelineError('SB_CONFIG', `demo mesh: "${String(mesh)}" is not istio or fsm`);
  return {
    zipkinUrl: httpUrl('zipkinUrl', options.zipkinUrl),
    otlpUrl: httpUrl('otlpUrl', options.otlpUrl),
    mesh,
    rate: inRange('rate', options.rate ?? 5, 0, 10_000, true),
    ...(options.durationMillis === undefined ? {} : { durationMillis: inRange('durationMillis', options.durationMillis, 0, Number.MAX_SAFE_INTEGER) }),
    errorRate: inRange('errorRate', options.errorRate ?? 0, 0, 1),
    delayMillis: inRange('delayMillis', options.delayMillis ?? 0, 0, 600_000),
    sampling: inRange('sampling', options.sampling ?? 100, 0, 100),
    flushIntervalMillis: inRange('flushIntervalMillis', options.flushIntervalMillis ?? 1000, 1, 600_000),
    progressIntervalMillis: inRange('progressIntervalMillis', options.progressIntervalMillis ?? 1000, 1, 600_000),
    logger: options.logger,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
}
