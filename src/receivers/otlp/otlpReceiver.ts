import type { ComponentSettings, Consumer, Receiver } from '../../pipeline/component.js';
import { resolveAuthenticator } from '../../pipeline/extensions.js';
import { enabledProtocols, type OtlpReceiverConfig } from './config.js';
import { createOtlpGrpcServer, type OtlpGrpcServer } from './grpcServer.js';
import { createOtlpHttpServer, type OtlpHttpServer } from './httpServer.js';
import { createIntake } from './intake.js';

/**
 * The `otlp` receiver: OTLP/gRPC and OTLP/HTTP listeners in front of one consumer, each with its own `tls` and `auth`. Each decoded request becomes one
 * batch handed to `next` (which then owns it); the sender gets its answer once `next.consume` settles.
 */
export function createOtlpReceiver(settings: ComponentSettings, config: OtlpReceiverConfig, next: Consumer): Receiver {
  const intake = createIntake(settings.id, settings.telemetry, next, config.max_spans_per_request, config.max_attributes_per_span);
  const protocols = enabledProtocols(config);
  const grpc: OtlpGrpcServer | undefined = protocols.grpc && createOtlpGrpcServer(protocols.grpc, intake, settings.logger);
  const http: OtlpHttpServer | undefined = protocols.http && createOtlpHttpServer(protocols.http, intake, settings.logger);
  let listening: Array<OtlpGrpcServer | OtlpHttpServer> = [];

  function endpoints(): Record<string, string> {
    const out: Record<string, string> = {};
    if (grpc && listening.includes(grpc)) out.grpc = grpc.address();
    if (http && listening.includes(http)) out.http = http.address();
    return out;
  }

  return {
    async start(host) {
      try {
        if (grpc) {
          await grpc.listen(resolveAuthenticator(host, protocols.grpc?.auth, `receivers.${settings.id}.protocols.grpc.auth`), host.tenancy);
          listening.push(grpc);
        }
        if (http) {
          await http.listen(resolveAuthenticator(host, protocols.http?.auth, `receivers.${settings.id}.protocols.http.auth`), host.tenancy);
          listening.push(http);
        }
      } catch (e) {
        await Promise.allSettled(listening.map((s) => s.close()));
        listening = [];
        throw e;
      }
      settings.logger.info({ endpoints: endpoints() }, 'otlp receiver listening');
    },
    async shutdown() {
      const open = listening;
      listening = [];
      await Promise.all(open.map((s) => s.close()));
    },
    endpoints,
  };
}
