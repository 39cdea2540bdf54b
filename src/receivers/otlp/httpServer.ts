// OTLP/HTTP (OTLP specification, "OTLP/HTTP"): POST <traces_url_path> with application/x-protobuf or application/json,
// optionally gzip-compressed. 200 with an ExportTraceServiceResponse in the request's encoding; failures answer with a
// google.rpc.Status in the request's encoding (JSON when the encoding is unknown).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decodeOtlpJson } from '../../codecs/otlp/decodeOtlpJson.js';
import { encodeExportResponseJson, encodeExportResponseProto } from '../../codecs/otlp/exportResponse.js';
import { encodeRpcStatusJson, encodeRpcStatusProto } from '../../codecs/otlp/rpcStatus.js';
import { PipelineError, asDecodeError, asPipelineError } from '../../errors.js';
import type { Logger } from 'pino';
import { requireAuthentication, type HttpAuthenticator } from '../../http/authentication.js';
import { decodeContentEncoding } from '../../http/decodeContentEncoding.js';
import { createHttpReceiverServer, fastifyAddress, listenAt, takeBody } from '../../http/httpServer.js';
import { refuseWhenOverloaded } from '../../http/admissionGate.js';
import { guardIngestOrigins } from '../../http/originGuard.js';
import { requestTenant, requireTenant, stampTenant, type Tenancy } from '../../http/tenancy.js';
import type { TraceBatch } from '../../model/span.js';
import type { OtlpHttpConfig } from './config.js';
import type { Intake } from './intake.js';
import { grpcCodeOf, retryAfterSeconds } from './refusal.js';

type Encoding = 'proto' | 'json';

const CONTENT_TYPE: Record<Encoding, string> = { proto: 'application/x-protobuf', json: 'application/json' };

export interface OtlpHttpServer {
  /**
   * Listens; with an authenticator, requests it refuses get 401 with a google.rpc.Status (UNAUTHENTICATED); with
   * tenancy, requests without an allowed tenant get 401 or 403 the same way.
   */
  listen(authenticator?: HttpAuthenticator, tenancy?: Tenancy): Promise<void>;
  close(): Promise<void>;
  /** `host:port` once listening. */
  address(): string;
}

/** `application/x-protobuf` (or `application/protobuf`) and `application/json`, parameters ignored. */
function encodingOf(contentType: string | undefined): Encoding | undefined {
  const media = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (media === 'application/x-protobuf' || media === 'application/protobuf') return 'proto';
  if (media === 'application/json') return 'json';
  return undefined;
}

function sendRefusal(reply: FastifyReply, encoding: Encoding, err: PipelineError): FastifyReply {
  const status = { code: grpcCodeOf(err), message: err.message };
  const retryAfter = retryAfterSeconds(err);
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  return reply
    .code(err.httpStatus)
    .type(CONTENT_TYPE[encoding])
    .send(encoding === 'proto' ? Buffer.from(encodeRpcStatusProto(status)) : encodeRpcStatusJson(status));
}

/** Fastify's own refusals (body over the wire limit, bad framing) as PipelineErrors. */
function fromFastifyError(e: Error & { statusCode?: number; code?: string }): PipelineError {
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) return new PipelineError('SB_TOO_LARGE', `request body is over the limit: ${e.message}`);
  if (e.statusCode === 415) return new PipelineError('SB_UNSUPPORTED_MEDIA_TYPE', e.message);
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) return new PipelineError('SB_MALFORMED', e.message);
  return asPipelineError(e);
}

export function createOtlpHttpServer(config: OtlpHttpConfig, intake: Intake, logger?: Logger): OtlpHttpServer {
  const limits = { maxRequestBodyBytes: config.max_request_body_size, maxDecompressedBytes: config.max_decompressed_body_size };
  const app = createHttpReceiverServer(limits, { ...(config.tls ? { tls: config.tls } : {}), ...(logger ? { logger } : {}) });
  const refuseEarly = (req: FastifyRequest, reply: FastifyReply, err: PipelineError) => {
    intake.refused('http', err);
    return sendRefusal(reply, encodingOf(req.headers['content-type']) ?? 'json', err);
  };
  guardIngestOrigins(app, config.cors, refuseEarly, { bodyTypesChecked: true });
  // Under overload a POST is answered before its body is read (src/http/admissionGate.ts).
  refuseWhenOverloaded(app, refuseEarly);

  app.setErrorHandler((e: Error & { statusCode?: number; code?: string }, req, reply) => {
    const err = fromFastifyError(e);
    intake.refused('http', err);
    return sendRefusal(reply, encodingOf(req.headers['content-type']) ?? 'json', err);
  });

  app.post(config.traces_url_path, async (req: FastifyRequest, reply: FastifyReply) => {
    const encoding = encodingOf(req.headers['content-type']);
    if (encoding === undefined) {
      const err = new PipelineError('SB_UNSUPPORTED_MEDIA_TYPE', `unsupported Content-Type "${req.headers['content-type'] ?? ''}": use application/x-protobuf or application/json`);
      intake.refused('http', err);
      return sendRefusal(reply, 'json', err);
    }
    let batch: TraceBatch;
    try {
      const body = await decodeContentEncoding(takeBody(req), req.headers['content-encoding'], config.max_decompressed_body_size);
      batch = encoding === 'proto' ? intake.decodeProto(body, 'http') : decodeOtlpJson(body);
    } catch (e) {
      const err = asDecodeError(e);
      intake.refused('http', err);
      return sendRefusal(reply, encoding, err);
    }
    try {
      await intake.accept(stampTenant(batch, requestTenant(req)), 'http');
    } catch (e) {
      return sendRefusal(reply, encoding, asPipelineError(e));
    }
    return reply
      .code(200)
      .type(CONTENT_TYPE[encoding])
      .send(encoding === 'proto' ? Buffer.from(encodeExportResponseProto()) : encodeExportResponseJson());
  });

  // Other methods on the trace path: 405 naming POST, rather than a bare 404.
  app.route({
    method: ['GET', 'PUT', 'PATCH', 'DELETE'],
    url: config.traces_url_path,
    handler: async (_req, reply) => reply.code(405).header('allow', 'POST').type(CONTENT_TYPE.json).send(encodeRpcStatusJson({ code: 12, message: 'use POST' })),
  });

  return {
    async listen(authenticator, tenancy) {
      const refuse = (req: FastifyRequest, reply: FastifyReply, err: PipelineError) => {
        intake.refused('http', err);
        return sendRefusal(reply, encodingOf(req.headers['content-type']) ?? 'json', err);
      };
      if (authenticator) requireAuthentication(app, authenticator, { refuse });
      if (tenancy) requireTenant(app, tenancy, { refuse });
      await listenAt(app, config.endpoint);
    },
    async close() {
      await app.close();
    },
    address: () => fastifyAddress(app),
  };
}
