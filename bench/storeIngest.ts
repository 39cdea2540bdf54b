// How the store section writes: through the `store` exporter, created by its factory and started with
// the store as the host's, as the service does; `write` resolves once the store committed the batch.
import { storeFactory } from '../src/exporters/store/factory.js';
import type { StoreExporterConfig } from '../src/exporters/store/config.js';
import type { TraceBatch } from '../src/model/span.js';
import type { TraceStore } from '../src/store/store.js';
import { benchHost, benchSettings, defaultedConfig } from './benchComponents.js';

export interface StoreIngest {
  /** Hands the batch to the exporter (which then owns it); resolves once it is stored. */
  write(batch: TraceBatch): Promise<void>;
  close(): Promise<void>;
}

export async function openStoreIngest(store: TraceStore): Promise<StoreIngest> {
  const exporter = storeFactory.createExporter(benchSettings('store'), defaultedConfig<StoreExporterConfig>(storeFactory.configSchema));
  await exporter.start(benchHost({ store }));
  return { write: (batch) => exporter.consume(batch), close: () => exporter.shutdown() };
}
