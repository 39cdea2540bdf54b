import { endpointSchema } from '../../config/endpoint.js';
import { corsConfigSchema } from '../../http/originGuard.js';
import type { ReceiverFactory } from '../../pipeline/component.js';
import { httpLimitProperties } from '../shared/createHttpReceiverServer.js';
import type { ZipkinReceiverConfig } from './config.js';
import { createZipkinReceiver } from './zipkinReceiver.js';

export const zipkinReceiverFactory: ReceiverFactory<ZipkinReceiverConfig> = {
  kind: 'receiver',
  type: 'zipkin',
  description: 'Zipkin HTTP collector: POST /api/v1/spans (v1 JSON) and /api/v2/spans (v2 JSON, proto3), gzip/deflate.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      endpoint: endpointSchema('localhost:9411', 'host:port to listen on'),
      ...httpLimitProperties,
      max_spans_per_request: { type: 'integer', minimum: 1, default: 100_000, description: 'spans accepted in one request (413 above)' },
      parse_string_tags: { type: 'boolean', default: false, description: 'type tag values as int, double or bool (the Collector\'s parse_string_tags rules)' },
      cors: corsConfigSchema,
    },
  },
  createReceiver(settings, config, next) {
    return createZipkinReceiver(settings, config, next);
  },
};
