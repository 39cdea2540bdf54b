import type { FastifyInstance } from 'fastify';
import type { TlsServerConfig } from '../../config/tlsConfig.js';
import { createHttpReceiverServer, fastifyAddress, listenAt } from '../../http/httpServer.js';
import { refuseWhenOverloaded } from '../../http/admissionGate.js';
import { guardIngestOrigins, type CorsConfig } from '../../http/originGuard.js';
import { registerXrayApi } from './registerXrayApi.js';
import type { XrayApiDeps } from './xrayApiDeps.js';
import { XrayApiError, sendXrayApiError, toXrayApiError } from './xrayApiError.js';

export interface XrayApiServerOptions extends XrayApiDeps {
  /** `host:port` to listen on; `127.0.0.1:0` picks a free port. */
  endpoint: string;
  /** Bytes accepted on the wire (413 above). Default 20 MiB. */
  maxRequestBodyBytes?: number;
  /** Serve HTTPS with this certificate, reloaded when its files change; absent: plain HTTP. */
  tls?: TlsServerConfig;
  /** Web pages allowed to call the API (src/http/originGuard.ts); default none. */
  cors?: CorsConfig;
}

const NO_CORS: CorsConfig = { allowed_origins: [], allowed_headers: [], max_age: 0 };

export interface XrayApiServer {
  readonly app: FastifyInstance;
  start(): Promise<void>;
  close(): Promise<void>;
  /** `host:port` once listening, else undefined. */
  address(): string | undefined;
  /** `http(s)://host:port`, for `endpoint` of the AWS SDK or `--endpoint-url` of the CLI. Throws before start. */
  url(): string;
}

/**
 * An HTTP server with only the X-Ray API (registerXrayApi), for the `awsxray` receiver and for tests and tools that
 * need an X-Ray endpoint: e.g. `createXrayApiServer({ endpoint: '127.0.0.1:0', reader: store, next: { consume: (b) =>
 * store.write(b) } })`. Unknown paths answer 404 UnknownOperationException; web pages of origins `cors` does not list
 * 403 AccessDeniedException, and text/plain or form bodies 415 (src/http/originGuard.ts).
 */
export function createXrayApiServer(options: XrayApiServerOptions): XrayApiServer {
  const limits = { maxRequestBodyBytes: options.maxRequestBodyBytes ?? 20 * 1024 * 1024, maxDecompressedBytes: options.maxDecompressedBytes ?? 100 * 1024 * 1024 };
  const app = createHttpReceiverServer(limits, {
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    notFound: (request, reply) =>
      sendXrayApiError(reply, new XrayApiError('UnknownOperationException', 404, `no X-Ray operation at ${request.method} ${request.url.split('?')[0] ?? ''}`)),
  });
  guardIngestOrigins(app, options.cors ?? NO_CORS, (_request, reply, err) => {
    options.telemetry?.receiverRefused(options.receiverId ?? 'awsxray', 'http', err.code, 0);
    return sendXrayApiError(reply, new XrayApiError(err.httpStatus === 403 ? 'AccessDeniedException' : 'UnsupportedMediaTypeException', err.httpStatus, err.message));
  });
  // Under overload a PutTraceSegments is answered before its body is read (src/http/admissionGate.ts); only a server
  // that delivers to a pipeline has one to protect.
  if (options.next !== undefined) {
    refuseWhenOverloaded(app, (_request, reply, err) => {
      options.telemetry?.receiverRefused(options.receiverId ?? 'awsxray', 'http', err.code, 0);
      return sendXrayApiError(reply, toXrayApiError(err) ?? new XrayApiError('ServiceUnavailableException', 503, err.message, err.retryAfterMillis));
    });
  }
  registerXrayApi(app, options);
  let listening = false;
  return {
    app,
    async start() {
      await listenAt(app, options.endpoint);
      listening = true;
    },
    async close() {
      listening = false;
      await app.close();
    },
    address: () => (listening ? fastifyAddress(app) : undefined),
    url() {
      if (!listening) throw new Error('the X-Ray API server is not listening');
      return `${options.tls ? 'https' : 'http'}://${fastifyAddress(app)}`;
    },
  };
}
