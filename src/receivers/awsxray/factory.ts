import { spanLimitsOf } from '../../config/spanLimitsConfig.js';
import { limitingConsumer } from '../../pipeline/spanLimitsConsumer.js';
import type { ReceiverFactory } from '../../pipeline/component.js';
import { createAwsXrayReceiver } from './awsxrayReceiver.js';
import { awsXrayReceiverConfigSchema, validateAwsXrayReceiverConfig, type AwsXrayReceiverConfig } from './config.js';

export const awsXrayReceiverFactory = {
  kind: 'receiver',
  type: 'awsxray',
  description: 'AWS X-Ray: the daemon protocol over UDP and the X-Ray API (PutTraceSegments, trace queries, sampling) over TCP.',
  configSchema: awsXrayReceiverConfigSchema,
  validateConfig: validateAwsXrayReceiverConfig,
  createReceiver(settings, config, next) {
    return createAwsXrayReceiver(settings, config, limitingConsumer(next, spanLimitsOf(config), settings.id, settings.telemetry));
  },
} satisfies ReceiverFactory<AwsXrayReceiverConfig>;
