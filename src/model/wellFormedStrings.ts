// Lone UTF-16 surrogates (`"\ud800"` in JSON, or bytes a protobuf string decoder let through) cannot be written as
// UTF-8: SQLite, protobuf encoders and JSON answers would each replace or refuse them in their own way, so the same
// name would differ before and after a round trip (a service stored as one name and looked up as another). Decoders
// repair them where data enters (docs/architecture.md, "The internal model").
import type { AnyValue, Attributes, TraceBatch } from './span.js';

/** `s` with each lone surrogate replaced by U+FFFD (the string itself when it has none). */
export function wellFormed(s: string): string {
  return s.isWellFormed() ? s : s.toWellFormed();
}

/**
 * Replaces lone surrogates by U+FFFD in every string of a batch the caller owns: names, trace states, status
 * messages, schema URLs, scope names and versions, attribute keys and string values at any nesting (ids are hex,
 * checked by the decoders). Changes the batch in place and returns how many strings it repaired.
 */
export function repairLoneSurrogates(batch: TraceBatch): number {
  let repaired = 0;
  const fix = (s: string): string => {
    if (s.isWellFormed()) return s;
    repaired++;
    return s.toWellFormed();
  };

  function fixValue(v: AnyValue): AnyValue {
    if (typeof v === 'string') return fix(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = fixValue(v[i] as AnyValue);
      return v;
    }
    if (v instanceof Map) return fixAttributes(v);
    return v;
  }

  /** The same map with its values repaired, or a new one in the same order when a key needs repair. */
  function fixAttributes(a: Attributes): Attributes {
    let keysWellFormed = true;
    // keys() and get(), not entries(): iterating entries allocates a pair per attribute.
    for (const k of a.keys()) {
      const v = a.get(k) as AnyValue;
      if (!k.isWellFormed()) keysWellFormed = false;
      if (typeof v === 'object' && v !== null) fixValue(v);
      else if (typeof v === 'string' && !v.isWellFormed()) a.set(k, fix(v));
    }
    if (keysWellFormed) return a;
    const out: Attributes = new Map();
    // A repaired key may now equal another key; the later one wins, as for duplicate keys on the wire.
    for (const [k, v] of a) out.set(fix(k), v);
    return out;
  }

  for (const rs of batch.resourceSpans) {
    rs.schemaUrl = fix(rs.schemaUrl);
    rs.resource.attributes = fixAttributes(rs.resource.attributes);
    for (const ss of rs.scopeSpans) {
      ss.schemaUrl = fix(ss.schemaUrl);
      ss.scope.name = fix(ss.scope.name);
      ss.scope.version = fix(ss.scope.version);
      ss.scope.attributes = fixAttributes(ss.scope.attributes);
      for (const span of ss.spans) {
        span.name = fix(span.name);
        span.traceState = fix(span.traceState);
        span.status.message = fix(span.status.message);
        span.attributes = fixAttributes(span.attributes);
        for (const e of span.events) {
          e.name = fix(e.name);
          e.attributes = fixAttributes(e.attributes);
        }
        for (const l of span.links) {
          l.traceState = fix(l.traceState);
          l.attributes = fixAttributes(l.attributes);
        }
      }
    }
  }
  return repaired;
}
