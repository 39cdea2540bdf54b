import { encodeOtlpProto } from '../../codecs/otlp/encodeOtlpProto.js';
import { PipelineError } from '../../errors.js';
import type { TraceBatch } from '../../model/span.js';

/** `endpoint` as the OTLP/HTTP trace URL: kept when it already ends in `/v1/traces`, else `/v1/traces` is appended. */
export function otlpTracesUrl(endpoint: string): string {
  const trimmed = endpoint.replace(/\/+$/, '');
  return trimmed.endsWith('/v1/traces') ? trimmed : `${trimmed}/v1/traces`;
}

/**
 * POSTs a batch as OTLP/HTTP protobuf (`application/x-protobuf`, what dtPaTh/AWS.XRayExporter's connector sends).
 * Resolves on 2xx; otherwise rejects with a PipelineError: SB_EXPORT_FAILED for 429/5xx and network failures
 * (retryable), SB_EXPORT_REJECTED for other statuses.
 */
export async function postOtlpProto(url: string, batch: TraceBatch, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-protobuf' }, body: encodeOtlpProto(batch), ...(signal ? { signal } : {}) });
  } catch (err) {
    throw new PipelineError('SB_EXPORT_FAILED', `POST ${url}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return;
  const retryable = response.status === 429 || response.status >= 500;
  throw new PipelineError(retryable ? 'SB_EXPORT_FAILED' : 'SB_EXPORT_REJECTED', `POST ${url}: HTTP ${response.status} ${text.slice(0, 200)}`);
}
