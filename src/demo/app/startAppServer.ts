import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { SERVICE_PORT, type Workload } from '../bookinfo/workloads.js';
import { closeServer, listenOnLoopback } from '../net/httpServers.js';
import { nowHrTime } from '../net/wallClock.js';
import type { AppHandler } from './appHandler.js';
import type { AppTracing } from './appTracing.js';
import { callService } from './callService.js';
import { lenientB3Getter } from './lenientB3Getter.js';

export interface AppServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface AppServerOptions {
  workload: Workload;
  tracing: AppTracing;
  handler: AppHandler;
  /** The sidecar's outbound listener. */
  outboundPort: number;
  logger: Logger;
}

/**
 * A Bookinfo application: a node:http server whose requests each get a SERVER span, child of the context its
 * sidecar sent in B3 headers (so the chain is caller sidecar -> callee sidecar -> app SERVER -> app CLIENT ...).
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const { tracing, handler, workload } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const userAgent = `bookinfo-${workload.service}/${workload.version}`;

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    const route = handler.route(path);
    const parent = tracing.propagator.extract(ROOT_CONTEXT, req.headers, lenientB3Getter);
    const span = tracing.tracer.startSpan(
      route === undefined ? method : `${method} ${route}`,
      {
        kind: SpanKind.SERVER,
        startTime: nowHrTime(),
        attributes: {
          'http.request.method': method,
          'url.scheme': 'http',
          'url.path': path.split('?')[0] ?? path,
          'server.address': workload.service,
          'server.port': SERVICE_PORT,
          'network.protocol.version': req.httpVersion,
          ...(route === undefined ? {} : { 'http.route': route }),
          ...(req.headers['user-agent'] === undefined ? {} : { 'user_agent.original': req.headers['user-agent'] }),
        },
      },
      parent,
    );
    const context = trace.setSpan(parent, span);
    const requestId = req.headers['x-request-id'];
    try {
      const answer =
        route === undefined || method !== 'GET'
          ? { status: 404, body: { error: 'not found' } }
          : await handler.handle({
              path,
              call: (service, callPath) =>
                callService(service, callPath, { tracing, context, requestId: Array.isArray(requestId) ? requestId[0] : requestId, outboundPort: options.outboundPort, agent, userAgent }),
            });
      span.setAttribute('http.response.status_code', answer.status);
      if (answer.status >= 500) {
        span.setAttribute('error.type', String(answer.status));
        span.setStatus({ code: SpanStatusCode.ERROR, ...('error' in answer && answer.error ? { message: answer.error } : {}) });
      }
      const body = Buffer.from(JSON.stringify(answer.body));
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    } finally {
      span.end(nowHrTime());
    }
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      options.logger.error({ err: e, workload: workload.name }, 'demo app failed on a request');
      res.destroy();
    });
  });
  const port = await listenOnLoopback(server);
  return {
    port,
    async close() {
      await closeServer(server);
      agent.destroy();
    },
  };
}
