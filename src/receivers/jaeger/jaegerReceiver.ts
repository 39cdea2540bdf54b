import { parseDurationMillis } from '../../model/duration.js';
import type { AuthConfig } from '../../config/authConfig.js';
import type { ComponentSettings, Consumer, Receiver } from '../../pipeline/component.js';
import { resolveAuthenticator } from '../../pipeline/extensions.js';
import { enabledJaegerProtocols, type JaegerReceiverConfig } from './config.js';
import { createJaegerGrpcServer } from './grpcServer.js';
import { createJaegerIntake } from './intake.js';
import type { ListeningServer } from './listeningServer.js';
import { createSamplingHttpServer } from './sampling/samplingHttpServer.js';
import { createStrategyStore, type StrategyStore } from './sampling/strategyStore.js';
import { createThriftHttpServer } from './thriftHttpServer.js';
import { createUdpAgentServer } from './udpAgentServer.js';

/**
 * The `jaeger` receiver: jaeger-collector's and jaeger-agent's span ports (gRPC, Thrift over HTTP, Thrift compact
 * and binary over UDP) in front of one consumer, plus, with `remote_sampling`, the sampling endpoint on HTTP and gRPC.
 * The gRPC, Thrift HTTP and sampling HTTP listeners each take their own `tls` and `auth` (docs/security.md); UDP has
 * neither, so bind it to localhost or a trusted network.
 * Each request or datagram becomes one batch handed to `next`, which owns it; senders that get an answer get it once
 * `next.consume` settled.
 */
export function createJaegerReceiver(settings: ComponentSettings, config: JaegerReceiverConfig, next: Consumer): Receiver {
  const intake = createJaegerIntake(settings.id, settings.telemetry, next, config.max_spans_per_request);
  const protocols = enabledJaegerProtocols(config);
  const sampling = config.remote_sampling;
  const strategies: StrategyStore | undefined =
    sampling === undefined ? undefined : createStrategyStore({ ...(sampling.strategy_file === undefined ? {} : { file: sampling.strategy_file }), reloadIntervalMillis: parseDurationMillis(sampling.reload_interval), logger: settings.logger });

  const servers = new Map<string, ListeningServer>();
  const { logger } = settings;
  if (protocols.grpc) servers.set('grpc', createJaegerGrpcServer(protocols.grpc, intake, strategies, logger));
  if (protocols.thrift_http) servers.set('thrift_http', createThriftHttpServer(protocols.thrift_http, intake, logger));
  if (protocols.thrift_compact) servers.set('thrift_compact', createUdpAgentServer(protocols.thrift_compact, 'compact', intake));
  if (protocols.thrift_binary) servers.set('thrift_binary', createUdpAgentServer(protocols.thrift_binary, 'binary', intake));
  if (sampling !== undefined && strategies !== undefined) {
    servers.set('remote_sampling', createSamplingHttpServer(sampling.endpoint, strategies, { ...(sampling.tls ? { tls: sampling.tls } : {}), logger }));
  }
  // Each listener's `auth`, and where it is written (for the message when its authenticator is not running).
  const auth: Record<string, [AuthConfig | undefined, string]> = {
    grpc: [protocols.grpc?.auth, 'protocols.grpc.auth'],
    thrift_http: [protocols.thrift_http?.auth, 'protocols.thrift_http.auth'],
    remote_sampling: [sampling?.auth, 'remote_sampling.auth'],
  };
  let listening: string[] = [];

  function endpoints(): Record<string, string> {
    return Object.fromEntries(listening.map((name) => [name, servers.get(name)?.address() ?? '']));
  }

  async function closeAll(): Promise<void> {
    const open = listening;
    listening = [];
    strategies?.close();
    await Promise.all(open.map((name) => servers.get(name)?.close()));
  }

  return {
    async start(host) {
      try {
        await strategies?.start();
        for (const [name, server] of servers) {
          const [config, path] = auth[name] ?? [undefined, ''];
          // The sampling endpoint serves strategies, not spans: it takes no tenant.
          await server.listen(resolveAuthenticator(host, config, `receivers.${settings.id}.${path}`), name === 'remote_sampling' ? undefined : host.tenancy);
          listening.push(name);
        }
      } catch (e) {
        await closeAll();
        throw e;
      }
      settings.logger.info({ receiver: settings.id, endpoints: endpoints() }, 'jaeger receiver listening');
    },
    shutdown: closeAll,
    endpoints,
  };
}
