// Error kinds and codes (docs/architecture.md, "Errors"): every error carries a kind, permanent (never retry) or
// retryable (may succeed later). Retry and HTTP/gRPC status
// decisions read `kind` and `code`, never the message. Every code is listed in ERROR_CODES with its meaning; a test
// checks that the catalogue and the code base agree in both directions.

export type ErrorKind = 'permanent' | 'retryable';

export const ERROR_CODES = {
  SB_MALFORMED: { kind: 'permanent', status: 400, description: 'The body could not be decoded (bad JSON, protobuf or field value).' },
  SB_UNSUPPORTED_MEDIA_TYPE: { kind: 'permanent', status: 415, description: 'The Content-Type or Content-Encoding is not one this endpoint accepts.' },
  SB_TOO_LARGE: { kind: 'permanent', status: 413, description: 'The body, or the body after decompression, is over the configured limit.' },
  SB_TOO_MANY_SPANS: { kind: 'permanent', status: 413, description: 'The request holds more spans than the configured limit.' },
  SB_MEMORY_LIMIT: { kind: 'retryable', status: 503, description: 'The memory_limiter refuses data until memory use falls.' },
  SB_QUEUE_FULL: { kind: 'retryable', status: 429, description: 'An exporter queue is full; send again later.' },
  SB_STORAGE_FULL: { kind: 'retryable', status: 503, description: "The disk under an exporter's persistent queue is full; send again later." },
  SB_OVERLOADED: { kind: 'retryable', status: 503, description: 'Too much accepted work waits for its acknowledgement (memory_limiter max_in_flight_spans, max_ack_wait); send again later.' },
  SB_SHUTTING_DOWN: { kind: 'retryable', status: 503, description: 'The pipeline is shutting down.' },
  SB_EXPORT_FAILED: { kind: 'retryable', status: 503, description: 'An export to a downstream endpoint failed and may succeed later.' },
  SB_EXPORT_REJECTED: { kind: 'permanent', status: 400, description: 'A downstream endpoint refused the data for good (4xx other than 429).' },
  SB_UNAUTHENTICATED: { kind: 'permanent', status: 401, description: "The request carries no credentials, or credentials that the listener's authenticator refuses." },
  SB_ORIGIN_NOT_ALLOWED: { kind: 'permanent', status: 403, description: "The request comes from a web page whose origin the receiver's cors.allowed_origins does not list." },
  SB_HOST_NOT_ALLOWED: { kind: 'permanent', status: 403, description: 'The Host header names a host the query APIs do not answer for (query.allowed_hosts).' },
  SB_QUERY_TIMEOUT: { kind: 'permanent', status: 400, description: 'A trace search ran past storage.query_timeout and was stopped; narrow it (a service, a shorter time range).' },
  SB_TENANT_MISSING: { kind: 'permanent', status: 401, description: 'Tenancy is on and the request names no tenant in the tenancy header (or gRPC metadata).' },
  SB_TENANT_UNKNOWN: { kind: 'permanent', status: 403, description: 'The request names a tenant that is not in tenancy.tenants.' },
  SB_TENANT_RATE_LIMITED: { kind: 'retryable', status: 429, description: "The tenant sent more spans than its tenancy.rate_limit allows; send again after Retry-After." },
  SB_CONFIG: { kind: 'permanent', status: 400, description: 'The configuration is invalid.' },
  SB_NOT_FOUND: { kind: 'permanent', status: 404, description: 'The requested trace (or API route) does not exist.' },
  SB_INTERNAL: { kind: 'retryable', status: 500, description: 'An unexpected failure inside Spanbridge (a store read failed).' },
} as const satisfies Record<string, { kind: ErrorKind; status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class PipelineError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  /** For retryable errors: how long the sender should wait, when known (Retry-After, throttling). */
  readonly retryAfterMillis: number | undefined;
  /**
   * Set when the refusal concerns only these spans of the batch, named by spanKey (model/ids.ts), and every other span
   * of it was accepted (the store keeps what it can of a batch with one bad span). Whoever merged several callers'
   * spans into that batch can then fail only the callers that sent these (docs/architecture.md, "The acknowledgement
   * contract"). Keys rather than the span objects: a stage need not keep a batch's objects alive until it is answered.
   */
  readonly refusedSpans: ReadonlySet<string> | undefined;

  constructor(code: ErrorCode, message: string, options: { retryAfterMillis?: number; cause?: unknown; refusedSpans?: ReadonlySet<string> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PipelineError';
    this.code = code;
    this.kind = ERROR_CODES[code].kind;
    this.retryAfterMillis = options.retryAfterMillis;
    this.refusedSpans = options.refusedSpans;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** The body every JSON API of Spanbridge answers an error with (docs/errors.md): `{"error": {"code", "message"}}`. */
export function errorBody(err: PipelineError): { error: { code: ErrorCode; message: string } } {
  return { error: { code: err.code, message: err.message } };
}

export function isPermanent(err: unknown): boolean {
  return err instanceof PipelineError && err.kind === 'permanent';
}

/** Any thrown value as a PipelineError; unknown errors count as retryable export failures. */
export function asPipelineError(err: unknown): PipelineError {
  if (err instanceof PipelineError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new PipelineError('SB_EXPORT_FAILED', message, { cause: err });
}

/**
 * A value thrown while a receiver reads a request body (size checks, Content-Encoding, the codec) as a PipelineError.
 * PipelineErrors pass unchanged; anything else is SB_MALFORMED, never retryable: decoding depends on the body alone, so
 * the same body would fail again (only consumers report overload and outages).
 */
export function asDecodeError(err: unknown): PipelineError {
  if (err instanceof PipelineError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new PipelineError('SB_MALFORMED', `the body could not be decoded: ${message}`, { cause: err });
}

/** The same refusal for the whole batch: for a partial one (`refusedSpans`) whose spans the caller cannot match. */
export function asWholeRefusal(err: unknown): unknown {
  if (!(err instanceof PipelineError) || err.refusedSpans === undefined) return err;
  return new PipelineError(err.code, err.message, { ...(err.retryAfterMillis === undefined ? {} : { retryAfterMillis: err.retryAfterMillis }), cause: err });
}
