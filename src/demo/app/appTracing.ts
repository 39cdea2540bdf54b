import { type TextMapPropagator, type Tracer } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NAMESPACE, type Workload } from '../bookinfo/workloads.js';
import { VERSION } from '../../version.js';

/** Span counts of the demo apps' OTLP exporters, shared by all of them. */
export interface ExportCounts {
  sent: number;
  failed: number;
}

/** One application's OpenTelemetry SDK: its own provider, B3 multi-header propagator and OTLP exporter. */
export interface AppTracing {
  readonly tracer: Tracer;
  readonly propagator: TextMapPropagator;
  /** Exports what is buffered, then stops the provider; never rejects (undelivered spans are counted). */
  shutdown(): Promise<void>;
}

export interface AppTracingOptions {
  /** e.g. `http://127.0.0.1:4318/v1/traces` (OTLP/HTTP protobuf). */
  otlpUrl: string;
  /** Sampling percentage for traces this app starts (FSM meshes, where no sidecar starts them). */
  samplingPercent: number;
  /** The batch span processor's export interval. */
  scheduledDelayMillis: number;
  counts: ExportCounts;
}

/** Counts what the wrapped exporter delivered and what it gave up on. */
function countingExporter(inner: SpanExporter, counts: ExportCounts): SpanExporter {
  return {
    export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
      inner.export(spans, (result) => {
        if (result.code === ExportResultCode.SUCCESS) counts.sent += spans.length;
        else counts.failed += spans.length;
        done(result);
      });
    },
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
  };
}

/**
 * Several apps share one process, so nothing is registered globally (no global provider, propagator, context
 * manager or instrumentation): each app extracts and injects with its own propagator and passes contexts explicitly.
 */
export function createAppTracing(workload: Workload, options: AppTracingOptions): AppTracing {
  const resource = defaultResource().merge(
    resourceFromAttributes({
      'service.name': workload.service,
      'service.version': workload.version,
      'k8s.namespace.name': NAMESPACE,
      'k8s.deployment.name': workload.name,
      'k8s.pod.name': workload.podName,
      'k8s.pod.uid': workload.podUid,
    }),
  );
  const exporter = countingExporter(new OTLPTraceExporter({ url: options.otlpUrl, timeoutMillis: 5000 }), options.counts);
  const provider = new BasicTracerProvider({
    resource,
    // Follow the caller's (sidecar's) decision; sample new traces at the mesh's percentage.
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.samplingPercent / 100) }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: options.scheduledDelayMillis, maxQueueSize: 10_000, maxExportBatchSize: 512 })],
  });
  return {
    tracer: provider.getTracer('spanbridge-demo-bookinfo', VERSION),
    propagator: new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
    async shutdown() {
      // Shutting down exports what is buffered; spans it cannot deliver are already counted as failed.
      await provider.shutdown().catch(() => undefined);
    },
  };
}
