import type { ExporterFactory } from '../../pipeline/component.js';
import type { StoreExporterConfig } from './config.js';
import { createStoreExporter } from './storeExporter.js';

export const storeFactory: ExporterFactory<StoreExporterConfig> = {
  kind: 'exporter',
  type: 'store',
  description: 'Writes spans to the trace store of the `storage` section; a batch is acknowledged once it is committed.',
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  createExporter(settings) {
    return createStoreExporter(settings);
  },
};
