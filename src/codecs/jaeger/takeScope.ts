import type { Attributes } from '../../model/span.js';
import { TAG_OTEL_LIBRARY_NAME, TAG_OTEL_LIBRARY_VERSION, TAG_OTEL_SCOPE_NAME, TAG_OTEL_SCOPE_VERSION } from './jaegerTagNames.js';

function take(attrs: Attributes, key: string): string | undefined {
  if (!attrs.has(key)) return undefined;
  const v = attrs.get(key);
  attrs.delete(key);
  return typeof v === 'string' ? v : '';
}

/**
 * The instrumentation scope an OpenTelemetry exporter wrote as tags: `otel.scope.name` / `.version`, or the older
 * `otel.library.name` / `.version` the Jaeger exporters of the OpenTelemetry SDKs still write. The tags that named it
 * are removed; a version counts only with its name, as in the Collector.
 */
export function takeScope(attrs: Attributes): { name: string; version: string } {
  for (const [nameKey, versionKey] of [
    [TAG_OTEL_SCOPE_NAME, TAG_OTEL_SCOPE_VERSION],
    [TAG_OTEL_LIBRARY_NAME, TAG_OTEL_LIBRARY_VERSION],
  ] as const) {
    const name = take(attrs, nameKey);
    if (name !== undefined) return { name, version: take(attrs, versionKey) ?? '' };
  }
  return { name: '', version: '' };
}
