import type { SpanEvent } from '../../model/span.js';
import { splitAttributeSuffix } from './splitAttributeSuffix.js';
import type { ZipkinAnnotation } from './zipkinSpan.js';

/** An annotation as an event: the value is the name, or `name|{json attributes}|dropped` as the exporter writes it. */
export function annotationToEvent(a: ZipkinAnnotation): SpanEvent {
  const structured = splitAttributeSuffix(a.value);
  const timeUnixNano = a.timestamp * 1000n;
  if (structured) return { timeUnixNano, name: structured.head, attributes: structured.attributes, droppedAttributesCount: structured.dropped };
  return { timeUnixNano, name: a.value, attributes: new Map(), droppedAttributesCount: 0 };
}
