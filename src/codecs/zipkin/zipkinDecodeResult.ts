import type { TraceBatch } from '../../model/span.js';

export interface ZipkinDecodeOptions {
  /** Type tag values (int, double, bool) by the collector's `parse_string_tags` rules (spec section 2.5). */
  parseStringTags?: boolean;
}

/**
 * What a decoder returns: the spans it could read, and how many it dropped and why (spec section 2.8: one bad span
 * does not reject the batch). `problems` name the span and field, e.g. `span[3].id: not hex`.
 */
export interface ZipkinDecodeResult {
  batch: TraceBatch;
  rejected: number;
  problems: string[];
}
