import { fieldProblem } from './spanProblem.js';

/**
 * v2 `tags` of the span at `where`. Values should be strings (section 1.1); numbers and booleans are stringified,
 * objects and arrays are written as JSON text, and null values are skipped (spec section 7.1: accept non-string tag
 * values). The map is built once, with for...in (no entry arrays): zipkinSpanToModel turns it into the span's
 * attributes without copying (issue 2 item 10).
 */
export function readJsonTags(raw: unknown, where: string): Map<string, string> {
  const tags = new Map<string, string>();
  if (raw === undefined || raw === null) return tags;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw fieldProblem(where, 'tags', 'not an object');
  // A JSON.parse result has only own enumerable properties (Object.prototype has no enumerable ones).
  const o = raw as Record<string, unknown>;
  for (const key in o) {
    const value = o[key];
    if (value === null || value === undefined) continue;
    tags.set(key, typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return tags;
}
