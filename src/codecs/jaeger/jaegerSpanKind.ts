import { SpanKind, type AnyValue } from '../../model/span.js';

const KINDS: Readonly<Record<string, SpanKind>> = { client: SpanKind.CLIENT, server: SpanKind.SERVER, producer: SpanKind.PRODUCER, consumer: SpanKind.CONSUMER, internal: SpanKind.INTERNAL };

/** The `span.kind` tag's value as a span kind; anything else (or no tag) is UNSPECIFIED, as in the Collector. */
export function jaegerSpanKind(tag: AnyValue | undefined): SpanKind {
  return typeof tag === 'string' ? (KINDS[tag] ?? SpanKind.UNSPECIFIED) : SpanKind.UNSPECIFIED;
}
