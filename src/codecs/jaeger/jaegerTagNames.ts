// Tag and attribute names the Jaeger translation reads or writes, as the Collector's pkg/translator/jaeger uses them
// (docs/jaeger-mapping.md).

export const TAG_SPAN_KIND = 'span.kind';
export const TAG_ERROR = 'error';
export const TAG_OTEL_STATUS_CODE = 'otel.status_code';
export const TAG_OTEL_STATUS_DESCRIPTION = 'otel.status_description';
export const TAG_HTTP_STATUS_CODE = 'http.status_code';
export const TAG_HTTP_STATUS_MESSAGE = 'http.status_message';
export const TAG_W3C_TRACESTATE = 'w3c.tracestate';
export const TAG_OTEL_SCOPE_NAME = 'otel.scope.name';
export const TAG_OTEL_SCOPE_VERSION = 'otel.scope.version';
export const TAG_OTEL_LIBRARY_NAME = 'otel.library.name';
export const TAG_OTEL_LIBRARY_VERSION = 'otel.library.version';
/** The log field that names an event. */
export const FIELD_EVENT = 'event';
/** On links made from references: `child_of` or `follows_from`. */
export const ATTR_OPENTRACING_REF_TYPE = 'opentracing.ref_type';

/** A process service name the Collector's Jaeger exporter writes when a resource had none; it means "no service". */
export const NO_SERVICE_NAME = 'OTLPResourceNoServiceName';
export const PROCESS_TAG_HOSTNAME = 'hostname';
export const PROCESS_TAG_JAEGER_VERSION = 'jaeger.version';
export const ATTR_HOST_NAME = 'host.name';
export const ATTR_EXPORTER_VERSION = 'opencensus.exporterversion';
