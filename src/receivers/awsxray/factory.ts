import { endpointSchema } from '../../config/endpoint.js';
import { corsConfigSchema } from '../../http/originGuard.js';
import type { ReceiverFactory } from '../../pipeline/component.js';
import { samplingRulesSchema } from '../../xray/api/sampling/samplingRuleConfig.js';
import { httpLimitProperties } from '../shared/createHttpReceiverServer.js';
import { createAwsXrayReceiver } from './awsxrayReceiver.js';
import { validateAwsXrayReceiverConfig, type AwsXrayReceiverConfig } from './config.js';

export const awsXrayReceiverFactory: ReceiverFactory<AwsXrayReceiverConfig> = {
  kind: 'receiver',
  type: 'awsxray',
  description: 'AWS X-Ray: the daemon protocol over UDP and the X-Ray API (PutTraceSegments, trace queries, sampling) over TCP.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      endpoint: endpointSchema('localhost:2000', 'UDP address of the X-Ray daemon protocol'),
      max_pending_datagrams: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 10_000, description: 'datagrams waiting for the pipeline at most; more are dropped and counted' },
      api: {
        type: 'object',
        additionalProperties: false,
        default: {},
        properties: {
          enabled: { type: 'boolean', default: true, description: 'serve the X-Ray API over TCP' },
          endpoint: endpointSchema('localhost:2000', 'TCP address of the X-Ray API'),
          ...httpLimitProperties,
          cors: corsConfigSchema,
          auth: {
            type: 'object',
            additionalProperties: false,
            required: ['access_key_id', 'secret_access_key'],
            description: 'verify SigV4 signatures against these keys (unset: signatures are accepted unchecked)',
            properties: {
              access_key_id: { type: 'string', minLength: 1 },
              secret_access_key: { type: 'string', minLength: 1 },
            },
          },
        },
      },
      sampling_rules: samplingRulesSchema,
    },
  },
  validateConfig: validateAwsXrayReceiverConfig,
  createReceiver(settings, config, next) {
    return createAwsXrayReceiver(settings, config, next);
  },
};
