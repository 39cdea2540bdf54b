// Span status from Jaeger tags, by the Collector's rules (docs/jaeger-mapping.md, "Status"): `error=true` (a bool)
// is the strongest signal; else `otel.status_code` (OK / ERROR); else an HTTP status code in `http.status_code`.
// The tags that became the status are removed; `http.status_code` stays an attribute.
import { SpanKind, StatusCode, type AnyValue, type Attributes, type SpanStatus } from '../../model/span.js';
import { TAG_ERROR, TAG_HTTP_STATUS_CODE, TAG_HTTP_STATUS_MESSAGE, TAG_OTEL_STATUS_CODE, TAG_OTEL_STATUS_DESCRIPTION } from './jaegerTagNames.js';

const asText = (v: AnyValue | undefined): string => (typeof v === 'string' ? v : '');

/** Removes and returns `otel.status_description` when present. */
function takeDescription(attrs: Attributes): string | undefined {
  if (!attrs.has(TAG_OTEL_STATUS_DESCRIPTION)) return undefined;
  const d = asText(attrs.get(TAG_OTEL_STATUS_DESCRIPTION));
  attrs.delete(TAG_OTEL_STATUS_DESCRIPTION);
  return d;
}

function httpCode(v: AnyValue | undefined): number | undefined {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) return Number(v);
  return undefined;
}

/** The status an HTTP code implies: 4xx is an error on the client side only; 1xx-3xx unset; anything else an error. */
function statusOfHttpCode(code: number, kind: SpanKind): StatusCode {
  if (code >= 400 && code < 500) {
    if (kind === SpanKind.CLIENT) return StatusCode.ERROR;
    if (kind === SpanKind.SERVER) return StatusCode.UNSET;
  }
  return code >= 100 && code < 400 ? StatusCode.UNSET : StatusCode.ERROR;
}

/** Reads (and removes) the status tags of a span whose kind is already known. */
export function statusFromTags(attrs: Attributes, kind: SpanKind): SpanStatus {
  let code: StatusCode = StatusCode.UNSET;
  let message = '';
  let found = false;
  if (attrs.get(TAG_ERROR) === true) {
    code = StatusCode.ERROR;
    attrs.delete(TAG_ERROR);
    found = true;
    message = takeDescription(attrs) ?? asText(attrs.get(TAG_HTTP_STATUS_MESSAGE));
  }
  if (attrs.has(TAG_OTEL_STATUS_CODE)) {
    if (!found) {
      found = true;
      const text = asText(attrs.get(TAG_OTEL_STATUS_CODE)).toUpperCase();
      if (text === 'OK') code = StatusCode.OK;
      else if (text === 'ERROR') code = StatusCode.ERROR;
      message = takeDescription(attrs) ?? '';
    }
    attrs.delete(TAG_OTEL_STATUS_CODE);
  } else if (!found) {
    const http = httpCode(attrs.get(TAG_HTTP_STATUS_CODE));
    if (http !== undefined) {
      const fromHttp = statusOfHttpCode(http, kind);
      if (fromHttp !== StatusCode.UNSET) {
        found = true;
        code = fromHttp;
      }
      message = asText(attrs.get(TAG_HTTP_STATUS_MESSAGE));
    }
  }
  return found ? { code, message } : { code: StatusCode.UNSET, message: '' };
}
