// What Zipkin tags carry besides plain attributes: the names the mapping reads or writes (besides the `zipkin.*` ones
// in model/attributeNames.ts), typed tag values, the span status, and links, following the OpenTelemetry Zipkin
// exporter specification and the collector's translator (docs/zipkin-mesh.md).
import { anyValueToJson } from '../../model/attributes.js';
import { padHex } from '../../model/ids.js';
import { StatusCode, type AnyValue, type Attributes, type SpanLink, type SpanStatus } from '../../model/span.js';
import { MAX_VALUE_DEPTH, nestsDeeperThan } from '../../model/valueDepth.js';

export const SERVICE_NAME = 'service.name';
export const NETWORK_LOCAL_ADDRESS = 'network.local.address';
export const NETWORK_LOCAL_PORT = 'network.local.port';
export const NETWORK_PEER_ADDRESS = 'network.peer.address';
export const NETWORK_PEER_PORT = 'network.peer.port';
export const PEER_SERVICE = 'peer.service';
/** Read on export as fallbacks (newer and legacy semantic conventions). */
export const SERVICE_PEER_NAME = 'service.peer.name';
export const NET_HOST_IP = 'net.host.ip';
export const NET_HOST_PORT = 'net.host.port';
export const NET_PEER_IP = 'net.peer.ip';
export const NET_PEER_PORT = 'net.peer.port';

export const TAG_STATUS_CODE = 'otel.status_code';
export const TAG_STATUS_DESCRIPTION = 'otel.status_description';
export const TAG_ERROR = 'error';
export const TAG_TRACESTATE = 'w3c.tracestate';
export const TAG_SPAN_KIND = 'span.kind';
export const TAG_LINK_PREFIX = 'otlp.link.';
export const TAG_SCOPE_NAME = 'otel.scope.name';
export const TAG_SCOPE_VERSION = 'otel.scope.version';
export const TAG_LIBRARY_NAME = 'otel.library.name';
export const TAG_LIBRARY_VERSION = 'otel.library.version';

const INT = /^-?\d+$/;
const DOUBLE = /^-?\d+\.\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A tag value typed by the collector's `parse_string_tags` rules: `-?\d+` is int64, `-?\d+\.\d+` double,
 * `true`/`false` bool, anything else (including `1e5`, `+1`, `True`, JSON text) stays a string. Unlike the collector,
 * an integer outside int64 stays a string instead of becoming int64's maximum.
 */
export function parseStringTag(value: string): AnyValue {
  if (INT.test(value)) {
    const n = BigInt(value);
    return n >= INT64_MIN && n <= INT64_MAX ? n : value;
  }
  if (DOUBLE.test(value)) return Number(value);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

const CODES: Readonly<Record<string, StatusCode>> = {
  ok: StatusCode.OK,
  error: StatusCode.ERROR,
  unset: StatusCode.UNSET,
  status_code_ok: StatusCode.OK,
  status_code_error: StatusCode.ERROR,
  status_code_unset: StatusCode.UNSET,
};

/**
 * The span status from tags, removing the tags it consumed. Senders disagree on how they write it, so all spellings
 * are read:
 * 1. `otel.status_code` in any case of OK/ERROR/UNSET or STATUS_CODE_* sets the code, `otel.status_description` the
 *    message (an unknown code value stays a tag);
 * 2. otherwise `error` sets ERROR with the tag value as message, unless the value is `true` (no message), or `false`
 *    or empty (not an error; the tag stays);
 * 3. with `otel.status_code` ERROR and no description, an `error` message tag supplies the message (what the
 *    OpenTelemetry JS Zipkin exporter writes).
 */
export function statusFromTags(tags: Map<string, string>): SpanStatus {
  const codeText = tags.get(TAG_STATUS_CODE);
  const code = codeText === undefined ? undefined : CODES[codeText.toLowerCase()];
  const error = tags.get(TAG_ERROR);
  const errorMessage = error !== undefined && error !== 'true' && error !== 'false' && error !== '' ? error : undefined;
  if (code === undefined) {
    if (error === 'true') {
      tags.delete(TAG_ERROR);
      return { code: StatusCode.ERROR, message: '' };
    }
    if (errorMessage === undefined) return { code: StatusCode.UNSET, message: '' };
    tags.delete(TAG_ERROR);
    return { code: StatusCode.ERROR, message: errorMessage };
  }
  tags.delete(TAG_STATUS_CODE);
  let message = tags.get(TAG_STATUS_DESCRIPTION);
  tags.delete(TAG_STATUS_DESCRIPTION);
  if (code === StatusCode.ERROR) {
    if (error === 'true') tags.delete(TAG_ERROR);
    else if (message === undefined && errorMessage !== undefined) {
      message = errorMessage;
      tags.delete(TAG_ERROR);
    }
  }
  return { code, message: message ?? '' };
}

/**
 * Writes the status as tags so that statusFromTags reads it back unchanged: ERROR as `error` = message (or `true`),
 * falling back to `otel.status_code`/`otel.status_description` when the message is `true` or `false`; OK as
 * `otel.status_code` = `OK` (the specification's name, which the collector's receiver does not read). An `error` or
 * `otel.status_code` attribute that would give an UNSET span a status on the way back is removed.
 */
export function statusToTags(status: SpanStatus, tags: Map<string, string>): void {
  const error = tags.get(TAG_ERROR);
  if (status.code === StatusCode.ERROR) {
    tags.delete(TAG_STATUS_CODE);
    tags.delete(TAG_STATUS_DESCRIPTION);
    if (status.message === 'true' || status.message === 'false') {
      tags.set(TAG_STATUS_CODE, 'ERROR');
      tags.set(TAG_STATUS_DESCRIPTION, status.message);
      tags.set(TAG_ERROR, 'true');
    } else {
      tags.set(TAG_ERROR, status.message === '' ? 'true' : status.message);
    }
    return;
  }
  if (status.code === StatusCode.OK) {
    tags.set(TAG_STATUS_CODE, 'OK');
    if (status.message !== '') tags.set(TAG_STATUS_DESCRIPTION, status.message);
    else tags.delete(TAG_STATUS_DESCRIPTION);
    return;
  }
  if (error !== undefined && error !== 'false' && error !== '') tags.delete(TAG_ERROR);
  const code = tags.get(TAG_STATUS_CODE)?.toLowerCase().replace(/^status_code_/, '');
  if (code === 'ok' || code === 'error' || code === 'unset') tags.delete(TAG_STATUS_CODE);
}

/**
 * A parsed JSON value as an attribute value, for the JSON inside `name|{attrs}|n` annotations and `otlp.link.N` tags:
 * integral numbers are int64, other numbers double, objects kvlists. (The encoder writes int64 and double alike as JSON
 * numbers, so a double with an integral value comes back as int64.)
 */
function jsonToAnyValue(v: unknown): AnyValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(jsonToAnyValue);
  if (typeof v === 'object') return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, jsonToAnyValue(x)]));
  return null;
}

/** Places `|{` where a JSON suffix is tried, at most: each try parses the rest of the value, and a hostile value could
 * hold millions of `|{`. */
const MAX_SUFFIX_ATTEMPTS = 16;

/**
 * Splits `head|{json attributes}|droppedCount`, the collector's encoding of event and link attributes in Zipkin
 * strings (annotation values and `otlp.link.N` tags). The head may itself hold `|`: the attributes are the first `|{`
 * whose rest up to the last `|` parses as a JSON object nested at most MAX_VALUE_DEPTH deep. Returns undefined when the
 * value does not have that shape (it is then kept as it is, as text).
 */
export function splitAttributeSuffix(value: string): { head: string; attributes: Attributes; dropped: number } | undefined {
  const last = value.lastIndexOf('|');
  if (last < 0 || !/^\d{1,9}$/.test(value.slice(last + 1))) return undefined;
  let attempts = 0;
  for (let j = value.indexOf('|{'); j >= 0 && j < last && attempts < MAX_SUFFIX_ATTEMPTS; j = value.indexOf('|{', j + 1), attempts++) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.slice(j + 1, last));
    } catch {
      continue;
    }
    if (nestsDeeperThan(parsed, MAX_VALUE_DEPTH)) continue;
    const attributes = jsonToAnyValue(parsed);
    if (attributes instanceof Map) return { head: value.slice(0, j), attributes, dropped: Number(value.slice(last + 1)) };
  }
  return undefined;
}

const LINK_TRACE_ID = /^[0-9a-f]{16}([0-9a-f]{16})?$/;
const LINK_SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * Links from the tags `otlp.link.0`, `otlp.link.1`, ... (`traceId|spanId|tracestate|{json attributes}|dropped`, as
 * the collector writes them), stopping at the first missing index. Tags read are removed from `tags`; one that does
 * not parse stops the scan and stays a tag.
 */
export function readLinkTags(tags: Map<string, string>): SpanLink[] {
  const links: SpanLink[] = [];
  for (let i = 0; ; i++) {
    const key = `${TAG_LINK_PREFIX}${i}`;
    const value = tags.get(key);
    if (value === undefined) return links;
    const parts = splitAttributeSuffix(value);
    const [traceId = '', spanId = '', ...state] = parts ? parts.head.split('|') : [];
    if (!parts || !LINK_TRACE_ID.test(traceId) || !LINK_SPAN_ID.test(spanId) || state.length === 0) return links;
    links.push({ traceId: padHex(traceId, 32), spanId, traceState: state.join('|'), attributes: parts.attributes, droppedAttributesCount: parts.dropped, flags: 0 });
    tags.delete(key);
  }
}

/** The `otlp.link.N` tag value of a link: `traceId|spanId|tracestate|{json attributes}|dropped`. */
export function linkToTagValue(link: SpanLink): string {
  return `${link.traceId}|${link.spanId}|${link.traceState}|${JSON.stringify(anyValueToJson(link.attributes))}|${link.droppedAttributesCount}`;
}
