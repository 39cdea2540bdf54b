import type { CorsConfig } from '../../http/originGuard.js';
import { httpLimitProperties } from '../shared/createHttpReceiverServer.js';

/** Defaults, also applied when a protocol key is present with no value (`grpc:`), which JSON schema cannot fill. */
export const OTLP_GRPC_DEFAULTS = { endpoint: 'localhost:4317', max_recv_msg_size_mib: 4 } as const;
export const OTLP_HTTP_DEFAULTS = {
  endpoint: 'localhost:4318',
  traces_url_path: '/v1/traces',
  max_request_body_size: httpLimitProperties.max_request_body_size.default,
  max_decompressed_body_size: httpLimitProperties.max_decompressed_body_size.default,
  cors: { allowed_origins: [], allowed_headers: [], max_age: 0 } as CorsConfig,
} as const;

/** `receivers.otlp.protocols.grpc` after defaults. */
export interface OtlpGrpcConfig {
  endpoint: string;
  max_recv_msg_size_mib: number;
}

/** `receivers.otlp.protocols.http` after defaults. */
export interface OtlpHttpConfig {
  endpoint: string;
  traces_url_path: string;
  max_request_body_size: number;
  max_decompressed_body_size: number;
  /** Web pages allowed to send here (src/http/originGuard.ts). */
  cors: CorsConfig;
}

/**
 * `receivers.otlp`. A protocol is enabled when its key is present; as in the Collector, a key with no value
 * (`grpc:` in YAML, which reads as null) enables it with its defaults.
 */
export interface OtlpReceiverConfig {
  protocols: {
    grpc?: Partial<OtlpGrpcConfig> | null;
    http?: Partial<OtlpHttpConfig> | null;
  };
  max_spans_per_request: number;
}

/** The enabled protocols with every setting filled (a present-but-empty key gets the defaults). */
export function enabledProtocols(config: OtlpReceiverConfig): { grpc?: OtlpGrpcConfig; http?: OtlpHttpConfig } {
  const { grpc, http } = config.protocols;
  return {
    ...(grpc === undefined ? {} : { grpc: { ...OTLP_GRPC_DEFAULTS, ...grpc } }),
    ...(http === undefined ? {} : { http: { ...OTLP_HTTP_DEFAULTS, ...http } }),
  };
}
