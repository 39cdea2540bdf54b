import { Type, type Static } from '@sinclair/typebox';
import { spanLimitProperties } from '../../config/spanLimitsConfig.js';
import { configObject, nullable } from '../../config/configSchema.js';
import { authProperty } from '../../config/authConfig.js';
import { endpointSchema } from '../../config/endpoint.js';
import { tlsProperty } from '../../config/tlsConfig.js';
import { httpLimitProperties } from '../../http/httpServer.js';
import { CORS_DEFAULTS, corsProperty } from '../../http/originGuard.js';

/** Defaults, also applied when a protocol key is present with no value (`grpc:`), which JSON schema cannot fill. */
export const OTLP_GRPC_DEFAULTS = { endpoint: 'localhost:4317', max_recv_msg_size_mib: 4 } as const;
export const OTLP_HTTP_DEFAULTS = {
  endpoint: 'localhost:4318',
  traces_url_path: '/v1/traces',
  max_request_body_size: httpLimitProperties.max_request_body_size.default as number,
  max_decompressed_body_size: httpLimitProperties.max_decompressed_body_size.default as number,
  cors: CORS_DEFAULTS,
} as const;

const otlpGrpcConfigSchema = configObject({
  endpoint: endpointSchema(OTLP_GRPC_DEFAULTS.endpoint, 'host:port to listen on for OTLP/gRPC'),
  max_recv_msg_size_mib: Type.Integer({ minimum: 1, maximum: 2047, default: OTLP_GRPC_DEFAULTS.max_recv_msg_size_mib, description: 'largest request message, MiB, after decompression' }),
  ...tlsProperty,
  ...authProperty,
});

const otlpHttpConfigSchema = configObject({
  endpoint: endpointSchema(OTLP_HTTP_DEFAULTS.endpoint, 'host:port to listen on for OTLP/HTTP'),
  traces_url_path: Type.String({ pattern: '^/', default: OTLP_HTTP_DEFAULTS.traces_url_path, description: 'path of the trace export route' }),
  ...httpLimitProperties,
  ...tlsProperty,
  ...authProperty,
  ...corsProperty,
});

/** `receivers.otlp.protocols.grpc` after defaults. */
export type OtlpGrpcConfig = Static<typeof otlpGrpcConfigSchema>;

/** `receivers.otlp.protocols.http` after defaults. */
export type OtlpHttpConfig = Static<typeof otlpHttpConfigSchema>;

/**
 * `receivers.otlp`. A protocol is enabled when its key is present; as in the Collector, a key with no value
 * (`grpc:` in YAML, which reads as null) enables it with its defaults.
 */
export const otlpReceiverConfigSchema = configObject({
  protocols: configObject(
    {
      grpc: Type.Optional(nullable(otlpGrpcConfigSchema)),
      http: Type.Optional(nullable(otlpHttpConfigSchema)),
    },
    { minProperties: 1, description: 'grpc and/or http; at least one' },
  ),
  max_spans_per_request: Type.Integer({ minimum: 1, default: 100_000, description: 'spans accepted in one request (413 / RESOURCE_EXHAUSTED above)' }),
  ...spanLimitProperties,
});

export type OtlpReceiverConfig = Static<typeof otlpReceiverConfigSchema>;

/** The enabled protocols with every setting filled (a present-but-empty key gets the defaults). */
export function enabledProtocols(config: OtlpReceiverConfig): { grpc?: OtlpGrpcConfig; http?: OtlpHttpConfig } {
  const { grpc, http } = config.protocols;
  return {
    ...(grpc === undefined ? {} : { grpc: { ...OTLP_GRPC_DEFAULTS, ...grpc } }),
    ...(http === undefined ? {} : { http: { ...OTLP_HTTP_DEFAULTS, ...http } }),
  };
}
