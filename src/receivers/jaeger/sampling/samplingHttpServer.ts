// The sampling endpoint the Jaeger agent serves (port 5778) and Jaeger clients poll: `GET /sampling?service=NAME`
// answers api_v2 protobuf JSON (`"strategyType":"PROBABILISTIC"`), the legacy `GET /?service=NAME` the same with
// Thrift 0.9.2's numeric enum. A missing or repeated `service` parameter is a 400, as in Jaeger.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { TlsServerConfig } from '../../../config/tlsConfig.js';
import { requireAuthentication } from '../../../http/authentication.js';
import { answerUnknownRoute, createHttpServer, fastifyAddress, listenAt } from '../../../http/httpServer.js';
import type { ListeningServer } from '../listeningServer.js';
import { strategyToJson, strategyToLegacyJson, type SamplingStrategy } from './samplingStrategy.js';
import type { StrategyStore } from './strategyStore.js';

function handler(store: StrategyStore, encode: (s: SamplingStrategy) => Record<string, unknown>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(req.url, 'http://localhost');
    const services = url.searchParams.getAll('service');
    if (services.length !== 1) return reply.code(400).type('text/plain; charset=utf-8').send("'service' parameter must be provided once");
    return reply.code(200).type('application/json').send(JSON.stringify(encode(store.strategyFor(services[0] ?? ''))));
  };
}

export function createSamplingHttpServer(endpoint: string, store: StrategyStore, options: { tls?: TlsServerConfig; logger?: Logger } = {}): ListeningServer {
  const app = createHttpServer(options);
  app.setNotFoundHandler(answerUnknownRoute);
  app.get('/sampling', handler(store, strategyToJson));
  app.get('/', handler(store, strategyToLegacyJson));
  return {
    async listen(authenticator) {
      if (authenticator) requireAuthentication(app, authenticator);
      await listenAt(app, endpoint);
    },
    close: () => app.close(),
    address: () => fastifyAddress(app),
  };
}
