// One OTLP/HTTP export attempt (OTLP specification, "OTLP/HTTP"): POST the encoded batch, read the
// ExportTraceServiceResponse. Retryable per the OTLP specification, "Retryable Response Codes": 429, 502, 503, 504 and
// network failures, honouring Retry-After; every other status is permanent. Partial success is counted as failed spans
// and logged (rate-limited).
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { decodeExportResponseJson, decodeExportResponseProto, type ExportPartialSuccess } from '../../codecs/otlp/exportResponse.js';
import { encodeOtlpJson } from '../../codecs/otlp/encodeOtlpJson.js';
import { encodeOtlpProto } from '../../codecs/otlp/encodeOtlpProto.js';
import { decodeRpcStatusJson, decodeRpcStatusProto } from '../../codecs/otlp/rpcStatus.js';
import { PipelineError } from '../../errors.js';
import { parseRetryAfter } from '../../http/retryAfter.js';
import type { TraceBatch } from '../../model/span.js';
import type { ComponentSettings } from '../../pipeline/component.js';
import type { Sender } from '../../pipeline/queuedExporter.js';
import { createRateLimitedLog } from '../../telemetry/rateLimitedLog.js';
import { VERSION } from '../../version.js';
import { tracesUrl, type OtlpHttpExporterConfig } from './config.js';

const gzipAsync = promisify(gzip);
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
/** Bytes of a response body read at most (responses are a small message; a misbehaving server can't fill memory). */
const MAX_RESPONSE_BYTES = 64 * 1024;

const CONTENT_TYPE = { proto: 'application/x-protobuf', json: 'application/json' } as const;

async function readLimited(res: Response): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      size += value.byteLength;
      if (size >= MAX_RESPONSE_BYTES) break;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES);
}

/** What the peer said, from a google.rpc.Status body in either encoding, else the start of the text. */
function describeFailure(body: Buffer, contentType: string): string {
  try {
    if (contentType.includes('protobuf')) return decodeRpcStatusProto(body).message;
    if (contentType.includes('json')) return decodeRpcStatusJson(body).message;
  } catch {
    // Not a Status; fall through to the raw text.
  }
  return body.toString('utf8', 0, Math.min(body.length, 512)).trim();
}

function partialSuccessOf(body: Buffer, contentType: string): ExportPartialSuccess | undefined {
  try {
    if (contentType.includes('protobuf')) return decodeExportResponseProto(body);
    if (contentType.includes('json')) return decodeExportResponseJson(body);
  } catch {
    // A 2xx with an unreadable body is still a success (the OTLP specification: the client must not retry it).
  }
  return undefined;
}

function networkError(url: string, e: unknown): PipelineError {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const reason = err.name === 'TimeoutError' || err.name === 'AbortError' ? 'timed out or cancelled' : (err.cause?.code ?? err.cause?.message ?? err.message);
  return new PipelineError('SB_EXPORT_FAILED', `POST ${url} failed: ${reason}`, { cause: e });
}

export function createOtlpHttpSender(settings: ComponentSettings, config: OtlpHttpExporterConfig): Sender {
  const url = tracesUrl(config);
  const headers: Record<string, string> = {
    'user-agent': `spanbridge/${VERSION}`,
    ...config.headers,
    'content-type': CONTENT_TYPE[config.encoding],
  };
  if (config.compression === 'gzip') headers['content-encoding'] = 'gzip';
  // A retried batch is encoded once: the body is kept while the batch object lives.
  const bodies = new WeakMap<TraceBatch, Buffer>();
  const partialLog = createRateLimitedLog(settings.logger);

  async function bodyOf(batch: TraceBatch): Promise<Buffer> {
    let body = bodies.get(batch);
    if (body === undefined) {
      const encoded = config.encoding === 'proto' ? Buffer.from(encodeOtlpProto(batch)) : Buffer.from(encodeOtlpJson(batch));
      body = config.compression === 'gzip' ? await gzipAsync(encoded) : encoded;
      bodies.set(batch, body);
    }
    return body;
  }

  function onPartialSuccess(p: ExportPartialSuccess): void {
    if (p.rejectedSpans > 0) settings.telemetry.exporterFailed(settings.id, p.rejectedSpans);
    partialLog.warn({ exporter: settings.id, rejectedSpans: p.rejectedSpans, message: p.errorMessage }, 'OTLP server accepted the export only in part');
  }

  return {
    async send(batch, signal) {
      const body = await bodyOf(batch);
      let res: Response;
      try {
        res = await fetch(url, { method: 'POST', headers, body, signal });
      } catch (e) {
        throw networkError(url, e);
      }
      // The status decides the outcome; a body that breaks off only loses the detail it would have added.
      const answer = await readLimited(res).catch(() => Buffer.alloc(0));
      const contentType = res.headers.get('content-type') ?? '';
      if (res.ok) {
        const partial = partialSuccessOf(answer, contentType);
        if (partial) onPartialSuccess(partial);
        return;
      }
      const message = `POST ${url}: HTTP ${res.status}${answer.length > 0 ? `: ${describeFailure(answer, contentType)}` : ''}`;
      if (RETRYABLE_STATUSES.has(res.status)) {
        throw new PipelineError('SB_EXPORT_FAILED', message, { retryAfterMillis: parseRetryAfter(res.headers.get('retry-after')) });
      }
      throw new PipelineError('SB_EXPORT_REJECTED', message);
    },
  };
}
