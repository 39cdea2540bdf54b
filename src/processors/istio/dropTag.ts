import type { Attributes } from '../../model/span.js';

/** Removes a source tag the rules have used, unless `keep_original_attributes` asks to keep the originals. */
export function dropTag(attrs: Attributes, key: string, keepOriginals: boolean): void {
  if (!keepOriginals) attrs.delete(key);
}
