import { StatusCode, type InstrumentationScope, type Span } from '../../model/span.js';
import { JAEGER_KIND_NAME } from '../params/spanKindNames.js';
import { attributeToKeyValue } from './attributeToKeyValue.js';
import type { JaegerKeyValue } from './jaegerJson.js';

/**
 * The tags Jaeger shows for a span, in the OTLP -> Jaeger translator's order (traces_to_jaegerproto.go,
 * getJaegerProtoSpanTags): `otel.scope.name`/`otel.scope.version`, the attributes, `span.kind`, `otel.status_code`
 * (OK/ERROR), `error: true` for ERROR, `otel.status_description`, `w3c.tracestate`.
 */
export function spanToJaegerTags(span: Span, scope: InstrumentationScope): JaegerKeyValue[] {
  const tags: JaegerKeyValue[] = [];
  if (scope.name !== '') tags.push({ key: 'otel.scope.name', type: 'string', value: scope.name });
  if (scope.version !== '') tags.push({ key: 'otel.scope.version', type: 'string', value: scope.version });
  for (const [k, v] of span.attributes) tags.push(attributeToKeyValue(k, v));
  const kind = JAEGER_KIND_NAME[span.kind];
  if (kind !== '') tags.push({ key: 'span.kind', type: 'string', value: kind });
  if (span.status.code === StatusCode.OK) tags.push({ key: 'otel.status_code', type: 'string', value: 'OK' });
  if (span.status.code === StatusCode.ERROR) {
    tags.push({ key: 'otel.status_code', type: 'string', value: 'ERROR' });
    tags.push({ key: 'error', type: 'bool', value: true });
  }
  if (span.status.message !== '') tags.push({ key: 'otel.status_description', type: 'string', value: span.status.message });
  if (span.traceState !== '') tags.push({ key: 'w3c.tracestate', type: 'string', value: span.traceState });
  return tags;
}

/**
 * Keys that exist only in Jaeger's rendering (the tags above and the `event` log field holding an event's name), so
 * the store's attribute index cannot answer them.
 */
export const SYNTHESIZED_TAG_KEYS: ReadonlySet<string> = new Set([
  'otel.scope.name', 'otel.scope.version', 'span.kind', 'otel.status_code', 'error', 'otel.status_description', 'w3c.tracestate', 'event',
]);
