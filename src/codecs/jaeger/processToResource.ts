import { bytesToHex } from '../../model/ids.js';
import type { Resource } from '../../model/span.js';
import type { JaegerProcess, JaegerTagValue } from './jaegerSpan.js';
import { ATTR_EXPORTER_VERSION, ATTR_HOST_NAME, NO_SERVICE_NAME, PROCESS_TAG_HOSTNAME, PROCESS_TAG_JAEGER_VERSION } from './jaegerTagNames.js';

function valueKey(v: JaegerTagValue): string {
  if (v instanceof Uint8Array) return `b:${bytesToHex(v)}`;
  return `${typeof v}:${String(v)}`;
}

/** Identifies a process by its service name and tags, to group the spans of one process into one resource. */
export function processKey(p: JaegerProcess | undefined): string {
  if (p === undefined) return '';
  return JSON.stringify([p.serviceName, p.tags.map((t) => [t.key, valueKey(t.value)])]);
}

/**
 * The resource of a process: `service.name` from its service name, its tags as attributes, `hostname` renamed
 * `host.name` and `jaeger.version` kept as `opencensus.exporterversion` = `Jaeger-<version>` (unless those are set),
 * as the Collector does. No process, or the Collector's "no service name" marker, gives an empty resource.
 */
export function resourceOfProcess(p: JaegerProcess | undefined): Resource {
  const attributes: Resource['attributes'] = new Map();
  if (p !== undefined && p.serviceName !== NO_SERVICE_NAME) {
    if (p.serviceName !== '') attributes.set('service.name', p.serviceName);
    for (const t of p.tags) attributes.set(t.key, t.value);
    if (attributes.has(PROCESS_TAG_HOSTNAME) && !attributes.has(ATTR_HOST_NAME)) {
      attributes.set(ATTR_HOST_NAME, attributes.get(PROCESS_TAG_HOSTNAME) ?? '');
      attributes.delete(PROCESS_TAG_HOSTNAME);
    }
    if (attributes.has(PROCESS_TAG_JAEGER_VERSION) && !attributes.has(ATTR_EXPORTER_VERSION)) {
      const v = attributes.get(PROCESS_TAG_JAEGER_VERSION);
      attributes.set(ATTR_EXPORTER_VERSION, `Jaeger-${typeof v === 'string' ? v : ''}`);
      attributes.delete(PROCESS_TAG_JAEGER_VERSION);
    }
  }
  return { attributes, droppedAttributesCount: 0 };
}
