import { Type, type Static } from '@sinclair/typebox';
import { spanLimitProperties } from '../../config/spanLimitsConfig.js';
import { configObject } from '../../config/configSchema.js';
import { authProperty } from '../../config/authConfig.js';
import { endpointSchema } from '../../config/endpoint.js';
import { tlsProperty } from '../../config/tlsConfig.js';
import { httpLimitProperties } from '../../http/httpServer.js';
import { corsProperty } from '../../http/originGuard.js';

/** The `zipkin` receiver's configuration: validated, defaulted and documented from this schema. */
export const zipkinReceiverConfigSchema = configObject({
  endpoint: endpointSchema('localhost:9411', 'host:port to listen on'),
  ...httpLimitProperties,
  // 413 SB_TOO_MANY_SPANS above.
  max_spans_per_request: Type.Integer({ minimum: 1, default: 100_000, description: 'spans accepted in one request (413 above)' }),
  ...spanLimitProperties,
  parse_string_tags: Type.Boolean({ default: false, description: 'type tag values as int, double or bool (the Collector\'s parse_string_tags rules)' }),
  ...tlsProperty,
  ...authProperty,
  ...corsProperty,
});

export type ZipkinReceiverConfig = Static<typeof zipkinReceiverConfigSchema>;
