import type { FastifyInstance } from 'fastify';
import { createHttpReceiverServer, fastifyAddress, listenAt } from '../../http/httpServer.js';
import type { ComponentSettings, Consumer, Receiver } from '../../pipeline/component.js';
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
 * The `zipkin` receiver: an HTTP server with Zipkin's ingest routes (zipkinSpanRoutes.ts). It acknowledges a request
 * (202) only after `next.consume` resolved, and hands each batch on as the consumer's to own.
 */
export function createZipkinReceiver(settings: ComponentSettings, config: ZipkinReceiverConfig, next: Consumer, options: ZipkinReceiverOptions = {}): Receiver {
  const app = createHttpReceiverServer({ maxRequestBodyBytes: config.max_request_body_size, maxDecompressedBytes: config.max_decompressed_body_size });
  registerZipkinSpanRoutes(app, { id: settings.id, telemetry: settings.telemetry, config, next });
  let listening = false;
  return {
    async start(runtime) {
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
