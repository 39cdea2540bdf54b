import { SpanKind } from '../../model/span.js';

/** Native API span kind names (docs/api-native.md), by kind. */
export const NATIVE_KIND_NAME: Readonly<Record<SpanKind, string>> = {
  [SpanKind.UNSPECIFIED]: 'UNSPECIFIED', [SpanKind.INTERNAL]: 'INTERNAL', [SpanKind.SERVER]: 'SERVER',
  [SpanKind.CLIENT]: 'CLIENT', [SpanKind.PRODUCER]: 'PRODUCER', [SpanKind.CONSUMER]: 'CONSUMER',
};

/**
 * Jaeger's names: the `span.kind` tag values of the OTLP translator (OpenTracing's kinds) that Jaeger's operations
 * APIs report as `spanKind`; an unspecified kind has no tag, and Jaeger reports it as "".
 */
export const JAEGER_KIND_NAME: Readonly<Record<SpanKind, string>> = {
  [SpanKind.UNSPECIFIED]: '', [SpanKind.INTERNAL]: 'internal', [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client', [SpanKind.PRODUCER]: 'producer', [SpanKind.CONSUMER]: 'consumer',
};

function lookup(names: Readonly<Record<SpanKind, string>>, text: string): SpanKind | undefined {
  for (const [kind, name] of Object.entries(names)) if (name !== '' && name.toLowerCase() === text.toLowerCase()) return Number(kind) as SpanKind;
  return undefined;
}

/** A kind from its native or Jaeger name (case ignored), or undefined. */
export function parseSpanKindName(text: string): SpanKind | undefined {
  return lookup(NATIVE_KIND_NAME, text) ?? lookup(JAEGER_KIND_NAME, text);
}
