import type { ExporterFactory } from '../../pipeline/component.js';
import { storeExporterConfigSchema, type StoreExporterConfig } from './config.js';
import { createStoreExporter } from './storeExporter.js';

export const storeFactory = {
  kind: 'exporter',
  type: 'store',
  description: 'Writes spans to the trace store of the `storage` section; a batch is acknowledged once it is committed.',
  configSchema: storeExporterConfigSchema,
  createExporter(settings, _config) {
    return createStoreExporter(settings);
  },
} satisfies ExporterFactory<StoreExporterConfig>;
