import { spanLimitsOf } from '../../config/spanLimitsConfig.js';
import { limitingConsumer } from '../../pipeline/spanLimitsConsumer.js';
import type { ReceiverFactory } from '../../pipeline/component.js';
import { jaegerReceiverConfigSchema, type JaegerReceiverConfig } from './config.js';
import { createJaegerReceiver } from './jaegerReceiver.js';

export const jaegerReceiverFactory = {
  kind: 'receiver',
  type: 'jaeger',
  description: 'Jaeger spans over gRPC (api_v2 PostSpans), Thrift over HTTP (POST /api/traces) and UDP (agent emitBatch, compact and binary); remote sampling strategies over HTTP and gRPC.',
  configSchema: jaegerReceiverConfigSchema,
  createReceiver: (settings, config, next) => createJaegerReceiver(settings, config, limitingConsumer(next, spanLimitsOf(config), settings.id, settings.telemetry)),
} satisfies ReceiverFactory<JaegerReceiverConfig>;
