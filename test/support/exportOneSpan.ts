// One span through a real OpenTelemetry JS exporter, with the exporter's own answer (success or failure) returned
// rather than swallowed by a span processor.
import type { ExportResult } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';

/** Records one span with the SDK and hands it to `exporter` directly, resolving with the export's result. */
export async function exportOneSpan(exporter: SpanExporter, service: string): Promise<ExportResult> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': service }), spanProcessors: [new SimpleSpanProcessor(memory)] });
  provider.getTracer('spanbridge-test').startSpan(`${service} work`).end();
  await provider.forceFlush();
  const result = await new Promise<ExportResult>((resolve) => exporter.export(memory.getFinishedSpans(), resolve));
  await exporter.shutdown();
  await provider.shutdown();
  return result;
}
