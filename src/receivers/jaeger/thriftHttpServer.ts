// jaeger-collector's HTTP span route: POST /api/traces with a Thrift binary `jaeger.Batch`
// (Content-Type application/x-thrift or application/vnd.apache.thrift.binary), what jaeger-client's HTTPSender and
// the OpenTelemetry Jaeger exporters send. 202 with an empty body once the pipeline accepted the spans.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { decodeJaegerThriftBatch } from '../../codecs/jaeger/decodeJaegerThrift.js';
import { jaegerBatchToModel } from '../../codecs/jaeger/jaegerBatchToModel.js';
import { parseEndpoint } from '../../config/endpoint.js';
import { PipelineError, asDecodeError, asPipelineError } from '../../errors.js';
import { requireAuthentication } from '../../http/authentication.js';
import { requestTenant, requireTenant, stampTenant } from '../../http/tenancy.js';
import { createHttpReceiverServer, fastifyAddress, takeBody } from '../../http/httpServer.js';
import { decodeContentEncoding } from '../../http/decodeContentEncoding.js';
import { refuseWhenOverloaded } from '../../http/admissionGate.js';
import { guardIngestOrigins } from '../../http/originGuard.js';
import { retryAfterSeconds } from '../../http/retryAfter.js';
import type { JaegerThriftHttpConfig } from './config.js';
import type { JaegerIntake } from './intake.js';
import type { ListeningServer } from './listeningServer.js';

export const THRIFT_HTTP_PATH = '/api/traces';
const THRIFT_MEDIA_TYPES = new Set(['application/x-thrift', 'application/vnd.apache.thrift.binary']);

function send(reply: FastifyReply, err: PipelineError): FastifyReply {
  if (err.kind === 'retryable') void reply.header('retry-after', String(retryAfterSeconds(err.retryAfterMillis)));
  return reply.code(err.httpStatus).type('text/plain; charset=utf-8').send(err.message);
}

export function createThriftHttpServer(config: JaegerThriftHttpConfig, intake: JaegerIntake, logger?: Logger): ListeningServer {
  const app = createHttpReceiverServer(
    { maxRequestBodyBytes: config.max_request_body_size, maxDecompressedBytes: config.max_decompressed_body_size },
    { ...(config.tls ? { tls: config.tls } : {}), ...(logger ? { logger } : {}) },
  );
  // Web pages of origins `cors` does not list are refused (src/http/originGuard.ts); the route takes only Thrift bodies.
  guardIngestOrigins(app, config.cors, (_req, reply, err) => {
    intake.refused('http', err);
    return send(reply, err);
  }, { bodyTypesChecked: true });
  // Under overload a POST is answered before its body is read (src/http/admissionGate.ts).
  refuseWhenOverloaded(app, (_req, reply, err) => {
    intake.refused('http', err);
    return send(reply, err);
  });

  // Refusals Fastify makes before the handler runs: a body over max_request_body_size (413), bad framing (400).
  app.setErrorHandler((e: Error & { statusCode?: number }, _req, reply) => {
    const status = e.statusCode ?? 500;
    const err = status === 413 ? new PipelineError('SB_TOO_LARGE', `request body is over the limit of ${config.max_request_body_size} bytes (max_request_body_size)`) : status < 500 ? new PipelineError('SB_MALFORMED', e.message) : asPipelineError(e);
    intake.refused('http', err);
    return send(reply, err);
  });

  app.post(THRIFT_HTTP_PATH, async (req: FastifyRequest, reply: FastifyReply) => {
    const media = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
    let result;
    try {
      if (!THRIFT_MEDIA_TYPES.has(media)) throw new PipelineError('SB_UNSUPPORTED_MEDIA_TYPE', `unsupported Content-Type "${req.headers['content-type'] ?? ''}": send a Thrift binary jaeger.Batch as application/x-thrift`);
      const body = await decodeContentEncoding(takeBody(req), req.headers['content-encoding'], config.max_decompressed_body_size);
      result = jaegerBatchToModel(decodeJaegerThriftBatch(body));
    } catch (e) {
      // Decoding depends on the body alone: whatever it throws is the sender's fault (400), never retryable.
      const err = asDecodeError(e);
      intake.refused('http', err);
      return send(reply, err);
    }
    try {
      await intake.accept({ ...result, batch: stampTenant(result.batch, requestTenant(req)) }, 'http');
    } catch (e) {
      return send(reply, asPipelineError(e));
    }
    return reply.code(202).send();
  });

  return {
    async listen(authenticator, tenancy) {
      const refuse = (_req: FastifyRequest, reply: FastifyReply, err: PipelineError) => {
        intake.refused('http', err);
        return send(reply, err);
      };
      if (authenticator) requireAuthentication(app, authenticator, { refuse });
      if (tenancy) requireTenant(app, tenancy, { refuse });
      const { host, port } = parseEndpoint(config.endpoint);
      await app.listen({ host, port });
    },
    close: () => app.close(),
    address: () => fastifyAddress(app),
  };
}
