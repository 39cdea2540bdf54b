import { anyValueToJson } from '../../model/attributes.js';
import type { SpanEvent } from '../../model/span.js';
import { splitAttributeSuffix } from './splitAttributeSuffix.js';
import type { ZipkinAnnotation } from './zipkinSpan.js';

/** Rounds nanoseconds to the nearest microsecond. */
function micros(ns: bigint): bigint {
  return (ns + 500n) / 1000n;
}

/**
 * An event as an annotation (spec section 2.6): its name, or `name|{json attributes}|dropped` when it has attributes
 * or dropped ones, or when its bare name would be read back as that form.
 */
export function eventToAnnotation(e: SpanEvent): ZipkinAnnotation {
  const timestamp = micros(e.timeUnixNano);
  if (e.attributes.size === 0 && e.droppedAttributesCount === 0 && splitAttributeSuffix(e.name) === undefined) return { timestamp, value: e.name };
  return { timestamp, value: `${e.name}|${JSON.stringify(anyValueToJson(e.attributes))}|${e.droppedAttributesCount}` };
}
