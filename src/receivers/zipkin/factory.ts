import { spanLimitsOf } from '../../config/spanLimitsConfig.js';
import { limitingConsumer } from '../../pipeline/spanLimitsConsumer.js';
import type { ReceiverFactory } from '../../pipeline/component.js';
import { zipkinReceiverConfigSchema, type ZipkinReceiverConfig } from './config.js';
import { createZipkinReceiver } from './zipkinReceiver.js';

export const zipkinReceiverFactory = {
  kind: 'receiver',
  type: 'zipkin',
  description: 'Zipkin HTTP collector: POST /api/v1/spans (v1 JSON) and /api/v2/spans (v2 JSON, proto3), gzip/deflate.',
  configSchema: zipkinReceiverConfigSchema,
  createReceiver(settings, config, next) {
    return createZipkinReceiver(settings, config, limitingConsumer(next, spanLimitsOf(config), settings.id, settings.telemetry));
  },
} satisfies ReceiverFactory<ZipkinReceiverConfig>;
