import type { ReceiverFactory } from '../../pipeline/component.js';
import { createAwsXrayPollerReceiver } from './awsxrayPollerReceiver.js';
import { awsXrayPollerConfigSchema, validateAwsXrayPollerConfig, type AwsXrayPollerConfig } from './config.js';

export const awsxrayPollerFactory = {
  kind: 'receiver',
  type: 'awsxray_poller',
  description: 'Polls the AWS X-Ray API (GetTraceSummaries, BatchGetTraces) in time windows with a durable checkpoint and a lease among replicas.',
  configSchema: awsXrayPollerConfigSchema,
  validateConfig: validateAwsXrayPollerConfig,
  createReceiver(settings, config, next) {
    return createAwsXrayPollerReceiver(settings, config, next);
  },
} satisfies ReceiverFactory<AwsXrayPollerConfig>;
