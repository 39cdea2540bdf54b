import { getString } from '../../model/attributes.js';
import { SpanKind, StatusCode, type Span } from '../../model/span.js';
import { ENVOY_ERROR, ENVOY_ERROR_REASON, ENVOY_RESPONSE_FLAGS, HTTP_RESPONSE_STATUS_CODE, OTEL_STATUS_CODE, OTEL_STATUS_DESCRIPTION } from './attributeNames.js';
import { dropTag } from './dropTag.js';

// Envoy response flags that mean the request failed: no healthy upstream,
// upstream connection failure, retry limit exceeded, no route, upstream overflow, upstream timeout, downstream
// connection termination.
const ERROR_FLAGS: ReadonlySet<string> = new Set(['UH', 'UF', 'URX', 'NR', 'UO', 'UT', 'DC']);

const STATUS_NAMES: ReadonlyMap<string, StatusCode> = new Map([
  ['UNSET', StatusCode.UNSET],
  ['STATUS_CODE_UNSET', StatusCode.UNSET],
  ['OK', StatusCode.OK],
  ['STATUS_CODE_OK', StatusCode.OK],
  ['ERROR', StatusCode.ERROR],
  ['STATUS_CODE_ERROR', StatusCode.ERROR],
]);

/**
 * Error signals of a sidecar span, first signal wins (docs/zipkin-mesh.md, "Status of sidecar spans"):
 * `otel.status_code` (specification and Collector spellings, any case), then the `error` tag (`false` = explicitly not
 * an error; any other value = error, a value other than `true` being the message), then the HTTP status (>= 500 on
 * SERVER, >= 400 on CLIENT, per the OTel HTTP conventions), then Envoy's failure response flags. A status the codec
 * already decided is kept. Runs after mapSemanticConventions (it reads `http.response.status_code`).
 */
export function deriveStatus(span: Span, keepOriginals: boolean): void {
  const attrs = span.attributes;
  const otel = getString(attrs, OTEL_STATUS_CODE);
  if (otel !== undefined) {
    const code = STATUS_NAMES.get(otel.toUpperCase());
    if (code !== undefined) {
      if (span.status.code === StatusCode.UNSET && code !== StatusCode.UNSET) {
        span.status = { code, message: code === StatusCode.ERROR ? (getString(attrs, OTEL_STATUS_DESCRIPTION) ?? '') : '' };
      }
      dropTag(attrs, OTEL_STATUS_CODE, keepOriginals);
      dropTag(attrs, OTEL_STATUS_DESCRIPTION, keepOriginals);
    }
  }
  if (span.status.code !== StatusCode.UNSET) return;

  const error = attrs.get(ENVOY_ERROR);
  if (error !== undefined) {
    dropTag(attrs, ENVOY_ERROR, keepOriginals);
    if (error === 'false' || error === false) return;
    const message = typeof error === 'string' && error !== 'true' && error !== '' ? error : (getString(attrs, ENVOY_ERROR_REASON) ?? '');
    setError(span, message, attrs.has(ENVOY_ERROR_REASON) && message !== error, keepOriginals);
    return;
  }

  const status = attrs.get(HTTP_RESPONSE_STATUS_CODE);
  if (typeof status === 'bigint' && status >= (span.kind === SpanKind.CLIENT ? 400n : 500n)) {
    setError(span, getString(attrs, ENVOY_ERROR_REASON) ?? '', attrs.has(ENVOY_ERROR_REASON), keepOriginals);
    return;
  }

  const flags = getString(attrs, ENVOY_RESPONSE_FLAGS);
  if (flags !== undefined && flags !== '-' && flags.split(',').some((f) => ERROR_FLAGS.has(f))) {
    setError(span, getString(attrs, ENVOY_ERROR_REASON) ?? `response_flags ${flags}`, attrs.has(ENVOY_ERROR_REASON), keepOriginals);
  }
}

function setError(span: Span, message: string, usedReason: boolean, keepOriginals: boolean): void {
  span.status = { code: StatusCode.ERROR, message };
  if (usedReason) dropTag(span.attributes, ENVOY_ERROR_REASON, keepOriginals);
}
