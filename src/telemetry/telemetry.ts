import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's self-telemetry: components count what they accept, refuse, drop and send. One Registry per
 * service instance, so tests can run several in one process. Counter names follow the Collector's `otelcol_*` ones.
 */
export interface Telemetry {
  readonly registry: Registry;
  receiverAccepted(receiver: string, transport: string, spans: number): void;
  receiverRefused(receiver: string, transport: string, code: string, spans: number): void;
  /** Entries a receiver's span limits dropped (attributes, elements, events, links) and string values they cut. */
  receiverLimited(receiver: string, dropped: number, truncated: number): void;
  processorDropped(processor: string, spans: number): void;
  processorRefused(processor: string, spans: number): void;
  exporterSent(exporter: string, spans: number): void;
  exporterFailed(exporter: string, spans: number): void;
  exporterEnqueueFailed(exporter: string, spans: number): void;
  exporterQueueSize(exporter: string, batches: number): void;
  /** Bytes on disk of a persistent queue. */
  exporterQueueBytes(exporter: string, bytes: number): void;
  /** Spans a persistent queue moved to its dead letters. */
  exporterDeadLettered(exporter: string, spans: number): void;
  /** Spans given up on that the dead letters had no room for. */
  exporterDeadLetterDropped(exporter: string, spans: number): void;
}

/**
 * Every series of the process starts with this, once. prom-client's default metrics already carry their own family
 * (`process_*`, `nodejs_*`), so they take this prefix alone: `spanbridge_process_cpu_seconds_total`,
 * `spanbridge_nodejs_eventloop_lag_seconds` (CHANGELOG.md lists the names they had before).
 */
export const METRIC_PREFIX = 'spanbridge_';

export function createTelemetry(options: { defaultMetrics?: boolean } = {}): Telemetry {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const counter = (name: string, help: string, labelNames: string[]) => new Counter({ name, help, labelNames, registers: [registry] });
  const accepted = counter('spanbridge_receiver_accepted_spans_total', 'Spans a receiver accepted and handed on.', ['receiver', 'transport']);
  const refused = counter('spanbridge_receiver_refused_spans_total', 'Spans (or requests, where spans could not be counted) a receiver refused, by error code.', ['receiver', 'transport', 'code']);
  const limited = counter('spanbridge_receiver_limited_total', 'Attributes (and array elements, events, links) a receiver dropped past max_attributes_per_span, and string values it cut to max_attribute_value_length.', ['receiver', 'limit']);
  const dropped = counter('spanbridge_processor_dropped_spans_total', 'Spans a processor dropped on purpose (sampling, invalid).', ['processor']);
  const procRefused = counter('spanbridge_processor_refused_spans_total', 'Spans a processor refused (memory limit).', ['processor']);
  const sent = counter('spanbridge_exporter_sent_spans_total', 'Spans an exporter delivered.', ['exporter']);
  const failed = counter('spanbridge_exporter_send_failed_spans_total', 'Spans an exporter gave up on.', ['exporter']);
  const enqueueFailed = counter('spanbridge_exporter_enqueue_failed_spans_total', 'Spans refused because an exporter queue was full.', ['exporter']);
  const queueSize = new Gauge({ name: 'spanbridge_exporter_queue_size', help: 'Batches waiting in an exporter queue.', labelNames: ['exporter'], registers: [registry] });
  const queueBytes = new Gauge({ name: 'spanbridge_exporter_queue_bytes', help: 'Bytes on disk of a persistent exporter queue.', labelNames: ['exporter'], registers: [registry] });
  const deadLettered = counter('spanbridge_exporter_dead_letter_spans_total', 'Spans an exporter gave up on and kept as dead letters (spanbridge replay sends them again).', ['exporter']);
  const deadLetterDropped = counter('spanbridge_exporter_dead_letter_dropped_spans_total', 'Spans an exporter gave up on that the dead letters had no room for.', ['exporter']);
  return {
    registry,
    receiverAccepted: (receiver, transport, n) => accepted.inc({ receiver, transport }, n),
    receiverRefused: (receiver, transport, code, n) => refused.inc({ receiver, transport, code }, Math.max(n, 1)),
    receiverLimited: (receiver, droppedEntries, truncated) => {
      if (droppedEntries > 0) limited.inc({ receiver, limit: 'max_attributes_per_span' }, droppedEntries);
      if (truncated > 0) limited.inc({ receiver, limit: 'max_attribute_value_length' }, truncated);
    },
    processorDropped: (processor, n) => dropped.inc({ processor }, n),
    processorRefused: (processor, n) => procRefused.inc({ processor }, n),
    exporterSent: (exporter, n) => sent.inc({ exporter }, n),
    exporterFailed: (exporter, n) => failed.inc({ exporter }, n),
    exporterEnqueueFailed: (exporter, n) => enqueueFailed.inc({ exporter }, n),
    exporterQueueSize: (exporter, n) => queueSize.set({ exporter }, n),
    exporterQueueBytes: (exporter, n) => queueBytes.set({ exporter }, n),
    exporterDeadLettered: (exporter, n) => deadLettered.inc({ exporter }, n),
    exporterDeadLetterDropped: (exporter, n) => deadLetterDropped.inc({ exporter }, n),
  };
}
