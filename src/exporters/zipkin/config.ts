import type { ExporterHelperConfig } from '../../pipeline/queuedExporter.js';

/** The `zipkin` exporter's configuration, as validated and defaulted by `zipkinExporterFactory.configSchema`. */
export interface ZipkinExporterConfig extends ExporterHelperConfig {
  /** Full URL spans are POSTed to, e.g. `http://zipkin:9411/api/v2/spans`. */
  endpoint: string;
  /** `json` (v2 JSON, application/json) or `proto` (proto3 ListOfSpans, application/x-protobuf). */
  format: 'json' | 'proto';
  /** localEndpoint.serviceName for resources without `service.name`. */
  default_service_name: string;
}
