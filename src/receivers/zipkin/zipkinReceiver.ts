import type { FastifyInstance } from 'fastify';
import { requireAuthentication } from '../../http/authentication.js';
import { requireTenant } from '../../http/tenancy.js';
import { createHttpReceiverServer, fastifyAddress, listenAt } from '../../http/httpServer.js';
import { refuseWhenOverloaded } from '../../http/admissionGate.js';
import { guardIngestOrigins } from '../../http/originGuard.js';
import { retryAfterSeconds } from '../../http/retryAfter.js';
import type { ComponentSettings, Consumer, Receiver } from '../../pipeline/component.js';
import { resolveAuthenticator } from '../../pipeline/extensions.js';
import type { ZipkinReceiverConfig } from './config.js';
import { registerZipkinSpanRoutes } from './zipkinSpanRoutes.js';

export interface ZipkinReceiverOptions {
  /**
   * Adds routes to the receiver's Fastify app before it listens, so other Zipkin APIs (the v2 query API) share port
   * 9411, as in Zipkin itself. Bodies reach every route as raw Buffers (createHttpReceiverServer).
   */
  registerRoutes?: (app: FastifyInstance) => void | Promise<void>;
}

/**
 * The `zipkin` receiver: an HTTP server with Zipkin's ingest routes (zipkinSpanRoutes.ts), refusing web pages of
 * origins `cors` does not list (src/http/originGuard.ts). It acknowledges a request
 * (202) only after `next.consume` resolved, and hands each batch on as the consumer's to own. With `tls` it serves
 * HTTPS; with `auth` every route on its port (the Zipkin query API too) answers 401 without credentials, and with
 * tenancy every route but `/health` needs an allowed tenant (docs/security.md, "Tenants").
 */
export function createZipkinReceiver(settings: ComponentSettings, config: ZipkinReceiverConfig, next: Consumer, options: ZipkinReceiverOptions = {}): Receiver {
  const limits = { maxRequestBodyBytes: config.max_request_body_size, maxDecompressedBytes: config.max_decompressed_body_size };
  const app = createHttpReceiverServer(limits, { ...(config.tls ? { tls: config.tls } : {}), logger: settings.logger });
  guardIngestOrigins(app, config.cors, (_request, reply, err) => {
    settings.telemetry.receiverRefused(settings.id, 'http', err.code, 0);
    return reply.code(err.httpStatus).type('text/plain; charset=utf-8').send(err.message);
  });
  // Under overload a POST is answered before its body is read (src/http/admissionGate.ts).
  refuseWhenOverloaded(app, (_request, reply, err) => {
    settings.telemetry.receiverRefused(settings.id, 'http', err.code, 0);
    return reply.code(err.httpStatus).header('retry-after', String(retryAfterSeconds(err.retryAfterMillis))).type('text/plain; charset=utf-8').send(err.message);
  });
  registerZipkinSpanRoutes(app, { id: settings.id, telemetry: settings.telemetry, config, next });
  let listening = false;
  return {
    async start(runtime) {
      const authenticator = resolveAuthenticator(runtime, config.auth, `receivers.${settings.id}.auth`);
      if (authenticator) requireAuthentication(app, authenticator);
      // With tenancy, every route but the health check needs a tenant: the spans posted and the query API alike.
      if (runtime.tenancy) {
        requireTenant(app, runtime.tenancy, {
          refuse(_request, reply, err) {
            settings.telemetry.receiverRefused(settings.id, 'http', err.code, 0);
            return reply.code(err.httpStatus).type('text/plain; charset=utf-8').send(err.message);
          },
          appliesTo: (path) => path !== '/health',
        });
      }
      await options.registerRoutes?.(app);
      await runtime.extraRoutes?.('zipkin')?.(app);
      const endpoint = await listenAt(app, config.endpoint);
      listening = true;
      settings.logger.info({ receiver: settings.id, endpoint }, 'zipkin receiver listening');
    },
    async shutdown() {
      listening = false;
      await app.close();
    },
    endpoints(): Record<string, string> {
      return listening ? { http: fastifyAddress(app) } : {};
    },
  };
}
