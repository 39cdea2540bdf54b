import type { ExporterHelperConfig } from '../../pipeline/queuedExporter.js';

/** `exporters.otlphttp`, keys as in the Collector's otlphttpexporter. */
export interface OtlpHttpExporterConfig extends ExporterHelperConfig {
  /** Base URL; `/v1/traces` is appended (OTLP specification, "OTLP/HTTP Request"). */
  endpoint?: string;
  /** Full URL of the trace route; overrides `endpoint`. */
  traces_endpoint?: string;
  encoding: 'proto' | 'json';
  headers: Record<string, string>;
  compression: 'gzip' | 'none';
}

/** The URL traces are POSTed to: `traces_endpoint`, else `endpoint` + `/v1/traces` (one slash between them). */
export function tracesUrl(config: Pick<OtlpHttpExporterConfig, 'endpoint' | 'traces_endpoint'>): string {
  if (config.traces_endpoint) return config.traces_endpoint;
  if (!config.endpoint) throw new Error('otlphttp: endpoint or traces_endpoint is required');
  return `${config.endpoint.replace(/\/+$/, '')}/v1/traces`;
}
