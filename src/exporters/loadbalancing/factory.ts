import type { ExporterFactory } from '../../pipeline/component.js';
import { loadBalancingConfigProblems, loadBalancingExporterConfigSchema, type LoadBalancingExporterConfig } from './config.js';
import { createLoadBalancingExporter } from './loadBalancingExporter.js';

export const loadBalancingExporterFactory = {
  kind: 'exporter',
  type: 'loadbalancing',
  description: 'Routes spans by trace id (or service) over a consistent-hash ring of OTLP backends, each with its own queue and retries',
  configSchema: loadBalancingExporterConfigSchema,
  validateConfig: loadBalancingConfigProblems,
  createExporter(settings, config) {
    return createLoadBalancingExporter(settings, config);
  },
} satisfies ExporterFactory<LoadBalancingExporterConfig>;
