import { encodeZipkinV2Json, encodeZipkinV2Proto } from '../../codecs/zipkin/encodeZipkinV2.js';
import { PipelineError } from '../../errors.js';
import { parseRetryAfter } from '../../http/retryAfter.js';
import type { Sender } from '../../pipeline/queuedExporter.js';
import type { ZipkinExporterConfig } from './config.js';

/** Characters of a refusal's body quoted in the error message. */
const MAX_QUOTED = 300;

/**
 * One POST of a batch to a Zipkin collector with the global fetch. 2xx is delivered; 429 and 5xx are retryable
 * (SB_EXPORT_FAILED, waiting what Retry-After says); any other status is permanent (SB_EXPORT_REJECTED); network
 * errors and timeouts are retryable. The batch is only read.
 */
export function createZipkinSender(config: Pick<ZipkinExporterConfig, 'endpoint' | 'format' | 'default_service_name'>): Sender {
  const options = { defaultServiceName: config.default_service_name };
  const contentType = config.format === 'proto' ? 'application/x-protobuf' : 'application/json';
  return {
    async send(batch, signal) {
      const body = config.format === 'proto' ? encodeZipkinV2Proto(batch, options) : encodeZipkinV2Json(batch, options);
      let res: Response;
      try {
        res = await fetch(config.endpoint, { method: 'POST', headers: { 'content-type': contentType }, body, signal });
      } catch (e) {
        const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
        throw new PipelineError('SB_EXPORT_FAILED', `POST ${config.endpoint} failed: ${(e as Error).message}${cause}`, { cause: e });
      }
      const text = await res.text().catch(() => '');
      if (res.ok) return;
      const message = `POST ${config.endpoint} was answered ${res.status}${text === '' ? '' : `: ${text.slice(0, MAX_QUOTED)}`}`;
      if (res.status === 429 || res.status >= 500) {
        const retryAfterMillis = parseRetryAfter(res.headers.get('retry-after'));
        throw new PipelineError('SB_EXPORT_FAILED', message, retryAfterMillis === undefined ? {} : { retryAfterMillis });
      }
      throw new PipelineError('SB_EXPORT_REJECTED', message);
    },
  };
}
