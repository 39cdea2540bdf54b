// Attribute names under which X-Ray-only facts travel through the OpenTelemetry-shaped model, so that
// X-Ray -> model -> X-Ray keeps them. Where the contrib receiver already has a name it is kept, so spans from either translator read the same. README.md lists every name with its X-Ray field.

/** How the span was placed in its X-Ray document: `segment`, `subsegment` (independent) or `embedded`. */
export const XRAY_DOCUMENT_KIND = 'aws.xray.document_kind';
/** String array: which span attributes were X-Ray annotations (the contrib receiver's convention). */
export const XRAY_ANNOTATIONS = 'aws.xray.annotations';
/** Prefix of `aws.xray.metadata.<namespace>`: the namespace object as a JSON string. */
export const XRAY_METADATA_PREFIX = 'aws.xray.metadata.';
export const XRAY_NAMESPACE = 'aws.xray.namespace';
export const XRAY_ORIGIN = 'aws.xray.origin';
export const XRAY_IN_PROGRESS = 'aws.xray.inprogress';
export const XRAY_INFERRED = 'aws.xray.inferred';
export const XRAY_ERROR = 'aws.xray.error';
export const XRAY_FAULT = 'aws.xray.fault';
export const XRAY_THROTTLE = 'aws.xray.throttle';
/** Top-level `traced` (Go SDK position) and `http.request.traced` (docs position). */
export const XRAY_TRACED = 'aws.xray.traced';
export const XRAY_HTTP_TRACED = 'aws.xray.http.traced';
export const XRAY_X_FORWARDED_FOR = 'aws.xray.x_forwarded_for';
export const XRAY_PRECURSOR_IDS = 'aws.xray.precursor_ids';
export const XRAY_RETRIES = 'aws.xray.retries';
export const XRAY_RESOURCE_NAMES = 'aws.xray.resource_names';
/** `cause` given as a 16-character exception id instead of an object. */
export const XRAY_CAUSE_EXCEPTION_ID = 'aws.xray.cause.exception_id';
export const XRAY_CAUSE_WORKING_DIRECTORY = 'aws.xray.cause.working_directory';
export const XRAY_CAUSE_PATHS = 'aws.xray.cause.paths';
/** Resource attribute: `aws.xray.auto_instrumentation`. */
export const XRAY_AUTO_INSTRUMENTATION = 'aws.xray.auto_instrumentation';
export const XRAY_SQL_CONNECTION_STRING = 'aws.xray.sql.connection_string';
export const XRAY_SQL_DATABASE_VERSION = 'aws.xray.sql.database_version';
export const XRAY_SQL_DRIVER_VERSION = 'aws.xray.sql.driver_version';
export const XRAY_SQL_PREPARATION = 'aws.xray.sql.preparation';
/** Prefix of `aws.api_gateway.<field>`: the fields of `aws.api_gateway`. */
export const XRAY_API_GATEWAY_PREFIX = 'aws.api_gateway.';

/**
 * The X-Ray trace id a span was received with, when it differs from the plain conversion of its trace id (the id was
 * restored from ORIGINAL_TRACE_ID_ANNOTATION); span and link attribute alike.
 */
export const XRAY_TRACE_ID = 'aws.xray.trace_id';

/**
 * kvlist: document fields the mapping does not carry (unknown keys, unusual shapes), set verbatim on re-encoding,
 * mirroring the document's nesting. With XRAY_OMITTED_FIELDS this makes X-Ray -> model -> X-Ray exact.
 */
export const XRAY_EXTRA_FIELDS = 'aws.xray.extra_fields';
/** String array of JSON pointers (RFC 6901) of fields that re-encoding would add but the document did not have. */
export const XRAY_OMITTED_FIELDS = 'aws.xray.omitted_fields';

/** Exception event attributes. */
export const XRAY_EXCEPTION_ID = 'aws.xray.exception.id';
export const XRAY_EXCEPTION_REMOTE = 'aws.xray.exception.remote';
export const XRAY_EXCEPTION_TRUNCATED = 'aws.xray.exception.truncated';
export const XRAY_EXCEPTION_SKIPPED = 'aws.xray.exception.skipped';
export const XRAY_EXCEPTION_CAUSE = 'aws.xray.exception.cause';
/** Array of kvlists `{path, line, label}`: the structured stack, so re-encoding needs no stack-trace parser. */
export const XRAY_EXCEPTION_STACK = 'aws.xray.exception.stack';

/**
 * Annotation (and link attribute) holding the 32-hex OpenTelemetry trace id when the epoch fix rewrote it (see "Trace
 * ids" in docs/xray-mapping.md). Annotation keys once allowed only letters, digits and `_`, hence no dots.
 */
export const ORIGINAL_TRACE_ID_ANNOTATION = 'spanbridge_original_trace_id';
