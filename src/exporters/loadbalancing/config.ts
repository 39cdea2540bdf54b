import { Type, type Static } from '@sinclair/typebox';
import { configObject, stringEnum } from '../../config/configSchema.js';
import { durationSchema } from '../../config/duration.js';
import { otlpGrpcExporterConfigSchema } from '../otlp/config.js';
import { otlpHttpExporterConfigSchema } from '../otlphttp/config.js';

// The per-backend exporters take every setting of the `otlp` / `otlphttp` exporters except where to send: the
// resolver supplies one endpoint per backend.
const { endpoint: _grpcEndpoint, ...otlpProperties } = otlpGrpcExporterConfigSchema.properties;
const { endpoint: _httpEndpoint, traces_endpoint: _tracesEndpoint, ...otlpHttpProperties } = otlpHttpExporterConfigSchema.properties;

/** `host`, `host:port`, `[v6]` or `[v6]:port`. */
const HOSTNAME = '^(\\[[0-9a-fA-F:.]+\\]|[^\\s:/\\[\\]]+)(:\\d{1,5})?$';

/** `exporters.loadbalancing`, keys as in the Collector's loadbalancingexporter (docs in this folder's README.md). */
export const loadBalancingExporterConfigSchema = configObject({
  routing_key: stringEnum(['traceID', 'service'], { default: 'traceID', description: 'what picks the backend: the trace id (whole traces per backend) or the resource service.name' }),
  protocol: configObject(
    {
      otlp: Type.Optional(configObject(otlpProperties, { description: 'OTLP/gRPC to each backend: the otlp exporter\'s settings without endpoint' })),
      otlphttp: Type.Optional(
        configObject(
          { scheme: stringEnum(['http', 'https'], { default: 'http', description: 'URL scheme of each backend' }), ...otlpHttpProperties },
          { description: "OTLP/HTTP to each backend: the otlphttp exporter's settings without endpoint" },
        ),
      ),
    },
    { default: { otlp: {} }, description: 'how each backend is reached; exactly one of otlp, otlphttp' },
  ),
  resolver: configObject(
    {
      static: Type.Optional(
        configObject({ hostnames: Type.Array(Type.String({ pattern: HOSTNAME }), { minItems: 1, description: 'backends as host[:port]; the port defaults to the protocol\'s (4317 gRPC, 4318 HTTP)' }) }),
      ),
      dns: Type.Optional(
        configObject({
          hostname: Type.String({ pattern: '^[^\\s:/]+$', description: 'name whose A/AAAA records are the backends (a Kubernetes headless service)' }),
          port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: "backends' port; the protocol's by default (4317 gRPC, 4318 HTTP)" })),
          interval: durationSchema('5s', 'time between resolutions'),
          timeout: durationSchema('1s', 'time limit of one resolution'),
        }),
      ),
    },
    { description: 'where the backends are; exactly one of static, dns' },
  ),
});

export type LoadBalancingExporterConfig = Static<typeof loadBalancingExporterConfigSchema>;
export type ProtocolConfig = LoadBalancingExporterConfig['protocol'];

/** The port a backend given without one is reached on. */
export function defaultPort(protocol: ProtocolConfig): number {
  return protocol.otlphttp ? 4318 : 4317;
}

/** Relations between keys a schema cannot say; problems as `path.key: ...`. */
export function loadBalancingConfigProblems(path: string, config: LoadBalancingExporterConfig): string[] {
  const problems: string[] = [];
  const protocols = Object.keys(config.protocol).length;
  if (protocols !== 1) problems.push(`${path}.protocol: exactly one of otlp, otlphttp is required (found ${protocols})`);
  const resolvers = Object.keys(config.resolver).length;
  if (resolvers !== 1) problems.push(`${path}.resolver: exactly one of static, dns is required (found ${resolvers})`);
  return problems;
}
