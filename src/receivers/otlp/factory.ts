import { spanLimitsOf } from '../../config/spanLimitsConfig.js';
import { limitingConsumer } from '../../pipeline/spanLimitsConsumer.js';
import type { ReceiverFactory } from '../../pipeline/component.js';
import { otlpReceiverConfigSchema, type OtlpReceiverConfig } from './config.js';
import { createOtlpReceiver } from './otlpReceiver.js';

export const otlpReceiverFactory = {
  kind: 'receiver',
  type: 'otlp',
  description: 'OTLP traces over gRPC (TraceService/Export) and HTTP (POST /v1/traces, protobuf or JSON, gzip)',
  configSchema: otlpReceiverConfigSchema,
  createReceiver: (settings, config, next) => createOtlpReceiver(settings, config, limitingConsumer(next, spanLimitsOf(config), settings.id, settings.telemetry)),
} satisfies ReceiverFactory<OtlpReceiverConfig>;
