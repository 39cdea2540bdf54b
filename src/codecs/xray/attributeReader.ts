import type { AnyValue, Attributes } from '../../model/span.js';

/**
 * Reads span attributes and remembers which ones a part of the document took, so that only the rest becomes annotations
 * or metadata (the attribute pool is what remains).
 */
export interface AttributeReader {
  readonly attributes: Attributes;
  readonly used: Set<string>;
  /** The value, marked used. */
  take(key: string): AnyValue | undefined;
  /** A string value, marked used; other types stay for metadata. */
  string(key: string): string | undefined;
  /** A boolean value, marked used. */
  boolean(key: string): boolean | undefined;
  /** An integral int64 or double as a number, marked used. */
  integer(key: string): number | undefined;
  /** An array of strings, marked used. */
  strings(key: string): string[] | undefined;
}

export function createAttributeReader(attributes: Attributes): AttributeReader {
  return new Reader(attributes);
}

// A class rather than closures: one reader is made per span on the hot export path.
class Reader implements AttributeReader {
  readonly used = new Set<string>();
  constructor(readonly attributes: Attributes) {}

  take(key: string): AnyValue | undefined {
    const v = this.attributes.get(key);
    if (v !== undefined) this.used.add(key);
    return v;
  }

  string(key: string): string | undefined {
    const v = this.attributes.get(key);
    if (typeof v !== 'string') return undefined;
    this.used.add(key);
    return v;
  }

  boolean(key: string): boolean | undefined {
    const v = this.attributes.get(key);
    if (typeof v !== 'boolean') return undefined;
    this.used.add(key);
    return v;
  }

  integer(key: string): number | undefined {
    const v = this.attributes.get(key);
    const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' && Number.isInteger(v) ? v : undefined;
    if (n !== undefined) this.used.add(key);
    return n;
  }

  strings(key: string): string[] | undefined {
    const v = this.attributes.get(key);
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return undefined;
    this.used.add(key);
    return v as string[];
  }
}
