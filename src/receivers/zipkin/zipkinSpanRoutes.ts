import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeZipkinV1Json } from '../../codecs/zipkin/decodeZipkinV1Json.js';
import { decodeZipkinV2Json } from '../../codecs/zipkin/decodeZipkinV2Json.js';
import { decodeZipkinV2Proto } from '../../codecs/zipkin/decodeZipkinV2Proto.js';
import type { ZipkinDecodeResult } from '../../codecs/zipkin/zipkinDecodeResult.js';
import { PipelineError, asDecodeError, asPipelineError } from '../../errors.js';
import { decodeContentEncoding } from '../../http/decodeContentEncoding.js';
import { takeBody } from '../../http/httpServer.js';
import { retryAfterSeconds } from '../../http/retryAfter.js';
import { requestTenant, stampTenant } from '../../http/tenancy.js';
import { countSpans } from '../../model/batch.js';
import type { Consumer } from '../../pipeline/component.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import type { ZipkinReceiverConfig } from './config.js';

const TRANSPORT = 'http';

export interface ZipkinSpanRoutesContext {
  /** The receiver id, for telemetry. */
  id: string;
  telemetry: Telemetry;
  config: ZipkinReceiverConfig;
  next: Consumer;
}

/** The media type of a Content-Type header, lower-case and without parameters ('' when absent). */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Zipkin's ingest routes: `POST /api/v1/spans` takes v1 JSON, `POST /api/v2/spans` v2 JSON or, with
 * `Content-Type: application/x-protobuf`, a proto3 ListOfSpans; any other or no Content-Type is JSON. Bodies may be
 * gzip/deflate/br encoded. Replies: 202 accepted (empty body, what Envoy expects); 400 malformed or no usable span; 413
 * over a size or span limit; 415 Thrift or a bad Content-Encoding; the httpStatus of a pipeline refusal, with
 * Retry-After when retryable. Error bodies are plain text naming the problem. Spans dropped as unusable count as
 * refused with SB_MALFORMED while the rest of the request is accepted (Zipkin and the Collector would refuse it all).
 *
 * The routes and their error handler live in their own encapsulated plugin, so other routes on the same app (the
 * Zipkin query API) keep their own error handling.
 */
export function registerZipkinSpanRoutes(app: FastifyInstance, ctx: ZipkinSpanRoutesContext): void {
  const { id, telemetry, config, next } = ctx;

  function refuse(reply: FastifyReply, err: PipelineError, spans: number): FastifyReply {
    telemetry.receiverRefused(id, TRANSPORT, err.code, spans);
    if (err.kind === 'retryable') void reply.header('retry-after', String(retryAfterSeconds(err.retryAfterMillis)));
    return reply.code(err.httpStatus).type('text/plain; charset=utf-8').send(err.message);
  }

  function decode(version: 'v1' | 'v2', type: string, body: Buffer): ZipkinDecodeResult {
    const options = { parseStringTags: config.parse_string_tags };
    if (version === 'v1') return decodeZipkinV1Json(body, options);
    return type === 'application/x-protobuf' ? decodeZipkinV2Proto(body, options) : decodeZipkinV2Json(body, options);
  }

  /** The body's spans, or a refusal: whatever goes wrong here is the body's fault, so never retryable (asDecodeError). */
  async function read(version: 'v1' | 'v2', request: FastifyRequest): Promise<ZipkinDecodeResult> {
    const type = mediaType(request.headers['content-type']);
    if (type === 'application/x-thrift') throw new PipelineError('SB_UNSUPPORTED_MEDIA_TYPE', 'Zipkin Thrift (application/x-thrift) is not supported: send v1 JSON to /api/v1/spans, or v2 JSON or proto3 to /api/v2/spans');
    if (version === 'v1' && type === 'application/x-protobuf') throw new PipelineError('SB_UNSUPPORTED_MEDIA_TYPE', 'protobuf (application/x-protobuf) is accepted on /api/v2/spans only; /api/v1/spans takes v1 JSON');
    const body = await decodeContentEncoding(takeBody(request), request.headers['content-encoding'], config.max_decompressed_body_size);
    return decode(version, type, body);
  }

  async function handle(version: 'v1' | 'v2', request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    let result: ZipkinDecodeResult;
    try {
      result = await read(version, request);
    } catch (e) {
      return refuse(reply, asDecodeError(e), 0);
    }
    const spans = countSpans(result.batch);
    if (spans + result.rejected > config.max_spans_per_request) {
      return refuse(reply, new PipelineError('SB_TOO_MANY_SPANS', `the request holds ${spans + result.rejected} spans; the limit is ${config.max_spans_per_request} (max_spans_per_request)`), spans);
    }
    if (result.rejected > 0) {
      telemetry.receiverRefused(id, TRANSPORT, 'SB_MALFORMED', result.rejected);
      if (spans === 0) {
        const more = result.rejected > result.problems.length ? ` (and ${result.rejected - result.problems.length} more)` : '';
        return reply.code(400).type('text/plain; charset=utf-8').send(`no usable span in the request: ${result.problems.join('; ')}${more}`);
      }
    }
    if (spans > 0) {
      try {
        await next.consume(stampTenant(result.batch, requestTenant(request)));
      } catch (e) {
        return refuse(reply, asPipelineError(e), spans);
      }
      telemetry.receiverAccepted(id, TRANSPORT, spans);
    }
    return reply.code(202).send();
  }

  void app.register(async (scope) => {
    // Errors Fastify raises before a handler runs, e.g. a body over max_request_body_size (413).
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      const status = error.statusCode ?? 500;
      const err = status === 413 ? new PipelineError('SB_TOO_LARGE', `request body is over the limit of ${config.max_request_body_size} bytes (max_request_body_size)`) : status < 500 ? new PipelineError('SB_MALFORMED', error.message) : undefined;
      if (err) return refuse(reply, err, 0);
      telemetry.receiverRefused(id, TRANSPORT, 'SB_EXPORT_FAILED', 0);
      return reply.code(status).type('text/plain; charset=utf-8').send(error.message);
    });
    scope.post('/api/v1/spans', (request, reply) => handle('v1', request, reply));
    scope.post('/api/v2/spans', (request, reply) => handle('v2', request, reply));
  });
}
