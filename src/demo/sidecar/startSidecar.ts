import { randomUUID } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { ServiceEndpoint } from '../bookinfo/serviceRegistry.js';
import { serviceOfAuthority } from '../bookinfo/serviceRegistry.js';
import { SERVICE_PORT, type BookinfoService, type Workload } from '../bookinfo/workloads.js';
import { closeServer, listenOnLoopback } from '../net/httpServers.js';
import { elapsedMicros, nowMicros } from '../net/wallClock.js';
import { callerAddress } from './callerAddress.js';
import { forwardRequest, localReply, type ForwardOutcome } from './forwardRequest.js';
import { firstHeader, forwardedHeaders } from './headers.js';
import type { Direction, ProxyHop, SidecarTracing } from './sidecarTracing.js';
import type { ZipkinJsonSpan } from './zipkinJsonSpan.js';

const BOOKINFO_SERVICES: readonly BookinfoService[] = ['productpage', 'details', 'reviews', 'ratings'];

export interface SidecarOptions {
  workload: Workload;
  /** Every workload of the mesh (to recognise callers). */
  workloads: readonly Workload[];
  tracing: SidecarTracing;
  /** This proxy's load balancer: the endpoint of a service to send the next call to. */
  route: (service: string) => ServiceEndpoint | undefined;
  report: (span: ZipkinJsonSpan) => void;
  /** The route timeout (Envoy's default is 15 s). */
  timeoutMillis: number;
  logger: Logger;
}

/** One workload's sidecar emulation: an outbound listener the app sends its calls to, an inbound one in front of it. */
export interface Sidecar {
  /** Where the app sends calls (`Host: details:9080`), like Istio's iptables redirect to port 15001. */
  readonly outboundPort: number;
  /** Starts the inbound listener in front of the app (like port 15006); returns its port. */
  startInbound(appPort: number): Promise<number>;
  close(): Promise<void>;
}

export async function startSidecar(options: SidecarOptions): Promise<Sidecar> {
  const { workload, tracing } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const servers: Server[] = [];

  const handle = async (direction: Direction, appPort: number, req: IncomingMessage, res: ServerResponse) => {
    const startMillis = performance.now();
    const startMicros = nowMicros();
    const decision = tracing.begin(direction, req.headers);
    const forwardedProto = firstHeader(req.headers, 'x-forwarded-proto');
    // The proxy creates x-request-id when the request has none, as Envoy does.
    const requestId = firstHeader(req.headers, 'x-request-id') ?? randomUUID();
    const authority = req.headers.host ?? '';
    let port: number | undefined;
    let destination: ProxyHop['destination'];
    let upstreamAddress: string | undefined;
    if (direction === 'inbound') {
      port = appPort;
      upstreamAddress = `${workload.podIp}:${SERVICE_PORT}`;
    } else {
      const service = serviceOfAuthority(authority, BOOKINFO_SERVICES);
      const endpoint = service === undefined ? undefined : options.route(service);
      if (service !== undefined && endpoint !== undefined) {
        port = endpoint.port;
        destination = { service, subset: endpoint.workload.version };
        upstreamAddress = `${endpoint.workload.podIp}:${SERVICE_PORT}`;
      }
    }
    const headers = forwardedHeaders(req.headers, { ...decision.headers, 'x-request-id': requestId, 'x-forwarded-proto': forwardedProto ?? 'http' });
    const outcome: ForwardOutcome =
      port === undefined ? await localReply(res, 404, '', 'NR') : await forwardRequest(req, res, port, headers, { agent, timeoutMillis: options.timeoutMillis });
    if (!decision.span) return;
    const span = tracing.toZipkinSpan({
      direction,
      span: decision.span,
      startMicros,
      durationMicros: elapsedMicros(startMillis),
      method: req.method ?? 'GET',
      authority,
      path: req.url ?? '/',
      protocol: `HTTP/${req.httpVersion}`,
      forwardedProto,
      requestId,
      userAgent: firstHeader(req.headers, 'user-agent'),
      downstreamAddress: direction === 'outbound' ? workload.podIp : callerAddress(req.headers, req.socket.remoteAddress, options.workloads),
      upstreamAddress,
      destination,
      ...outcome,
    });
    if (span) options.report(span);
  };

  const listen = async (direction: Direction, appPort: number) => {
    const server = createServer((req, res) => {
      handle(direction, appPort, req, res).catch((e: unknown) => {
        options.logger.error({ err: e, workload: workload.name, direction }, 'demo sidecar failed on a request');
        res.destroy();
      });
    });
    servers.push(server);
    return listenOnLoopback(server);
  };

  const outboundPort = await listen('outbound', 0);
  return {
    outboundPort,
    startInbound: (appPort) => listen('inbound', appPort),
    async close() {
      await Promise.all(servers.map(closeServer));
      agent.destroy();
    },
  };
}
