import type { ProcessorFactory } from '../../pipeline/component.js';
import { istioConfigSchema, type IstioConfig } from './config.js';
import { createIstioProcessor } from './istioProcessor.js';

export const istioFactory = {
  kind: 'processor',
  type: 'istio',
  description: 'Normalizes Envoy/Istio/FSM sidecar spans into OpenTelemetry shape (mesh normalizer).',
  configSchema: istioConfigSchema,
  createProcessor: createIstioProcessor,
} satisfies ProcessorFactory<IstioConfig>;
