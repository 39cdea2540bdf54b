import { endpointSchema } from '../../config/endpoint.js';
import { corsConfigSchema } from '../../http/originGuard.js';
import type { ReceiverFactory } from '../../pipeline/component.js';
import { httpLimitProperties } from '../shared/createHttpReceiverServer.js';
import { OTLP_GRPC_DEFAULTS, OTLP_HTTP_DEFAULTS, type OtlpReceiverConfig } from './config.js';
import { createOtlpReceiver } from './otlpReceiver.js';

export const otlpReceiverFactory: ReceiverFactory<OtlpReceiverConfig> = {
  kind: 'receiver',
  type: 'otlp',
  description: 'OTLP traces over gRPC (TraceService/Export) and HTTP (POST /v1/traces, protobuf or JSON, gzip)',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['protocols'],
    properties: {
      protocols: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        description: 'grpc and/or http; at least one',
        properties: {
          grpc: {
            type: ['object', 'null'],
            additionalProperties: false,
            properties: {
              endpoint: endpointSchema(OTLP_GRPC_DEFAULTS.endpoint, 'host:port to listen on for OTLP/gRPC'),
              max_recv_msg_size_mib: { type: 'integer', minimum: 1, maximum: 2047, default: OTLP_GRPC_DEFAULTS.max_recv_msg_size_mib, description: 'largest request message, MiB, after decompression' },
            },
          },
          http: {
            type: ['object', 'null'],
            additionalProperties: false,
            properties: {
              endpoint: endpointSchema(OTLP_HTTP_DEFAULTS.endpoint, 'host:port to listen on for OTLP/HTTP'),
              traces_url_path: { type: 'string', pattern: '^/', default: OTLP_HTTP_DEFAULTS.traces_url_path, description: 'path of the trace export route' },
              ...httpLimitProperties,
              cors: corsConfigSchema,
            },
          },
        },
      },
      max_spans_per_request: { type: 'integer', minimum: 1, default: 100_000, description: 'spans accepted in one request (413 / RESOURCE_EXHAUSTED above)' },
    },
  },
  createReceiver: (settings, config, next) => createOtlpReceiver(settings, config, next),
};
