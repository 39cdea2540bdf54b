import type { ComponentSettings, Exporter } from '../../pipeline/component.js';
import { createQueuedExporter } from '../../pipeline/queuedExporter.js';
import type { ZipkinExporterConfig } from './config.js';
import { createZipkinSender } from './zipkinSender.js';

/**
 * The `zipkin` exporter: the Zipkin sender behind the shared queue, retry and timeout (createQueuedExporter).
 * `consume` resolves once the batch is queued; the exporter owns it from then on and only reads it.
 */
export function createZipkinExporter(settings: ComponentSettings, config: ZipkinExporterConfig): Exporter {
  return createQueuedExporter(settings, config, createZipkinSender(config));
}
